"""Reading a cut (CMX 3600 EDL, Final Cut Pro 7 XML, FCPXML, OTIO) through OpenTimelineIO.

No Django here: the reader turns bytes into a `ReadCut` (frames at an exact rational rate), or
raises `CutRefused` with the reader's own reason. The CLI, the web upload, the API, the
comparison of two files and the benchmark all read through `read_cut`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import PurePath

#: Frame rates the office works in, by the way people write them; NTSC rates are exact.
FRAME_RATES = {
    "23.976": Fraction(24000, 1001),
    "23.98": Fraction(24000, 1001),
    "24": Fraction(24),
    "25": Fraction(25),
    "29.97": Fraction(30000, 1001),
    "30": Fraction(30),
    "48": Fraction(48),
    "50": Fraction(50),
    "59.94": Fraction(60000, 1001),
    "60": Fraction(60),
}
#: Adapter names of the OpenTimelineIO plugin packages, by file extension.
ADAPTERS = {
    ".edl": "cmx_3600",
    ".xml": "fcp_xml",
    ".fcpxml": "fcpx_xml",
    ".otio": "otio_json",
}
FORMAT_LABELS = {
    "cmx_3600": "CMX 3600 EDL",
    "fcp_xml": "Final Cut Pro 7 XML",
    "fcpx_xml": "FCPXML",
    "otio_json": "OpenTimelineIO",
}
MAX_BYTES = 20 * 1024 * 1024


class CutRefused(ValueError):
    """The file cannot be read as a cut; the message is the reason, fit to show."""


@dataclass(frozen=True)
class ReadEvent:
    """One item of a track: a clip, a gap or a transition, in frames of the cut's rate."""

    index: int
    track: str
    kind: str
    clip_name: str
    reel: str
    source_in: int
    source_out: int
    record_in: int
    record_out: int


@dataclass
class ReadCut:
    """What the reader found: rate, start, duration, events; the sha256 of the exact bytes."""

    name: str
    fps: Fraction
    start_frame: int
    duration_frames: int
    format: str
    sha256: str
    events: list[ReadEvent] = field(default_factory=list)

    def count(self, kind: str) -> int:
        """How many events of one kind (clip, gap, transition)."""
        return sum(1 for e in self.events if e.kind == kind)

    @property
    def tracks(self) -> list[str]:
        """Track names in reading order."""
        return list(dict.fromkeys(e.track for e in self.events))


def parse_rate(value) -> Fraction:
    """A frame rate as written (24, "23.976", Fraction(24000, 1001)); unknown rates refused."""
    if isinstance(value, Fraction) and value in FRAME_RATES.values():
        return value
    text = str(value).strip()
    if text.endswith(".0"):
        text = text[:-2]
    if text in FRAME_RATES:
        return FRAME_RATES[text]
    known = ", ".join(FRAME_RATES)
    raise CutRefused(f"Unknown frame rate {text!r}: use one of {known}.")


def nominal(fps: Fraction) -> int:
    """The whole frames per timecode second (24 for 23.976)."""
    return round(fps)


def timecode(frames: int, fps: Fraction) -> str:
    """Non-drop-frame HH:MM:SS:FF at the nominal rate of `fps`."""
    base = nominal(fps)
    sign = "-" if frames < 0 else ""
    frames = abs(frames)
    seconds, ff = divmod(frames, base)
    hours, rest = divmod(seconds, 3600)
    minutes, ss = divmod(rest, 60)
    return f"{sign}{hours:02d}:{minutes:02d}:{ss:02d}:{ff:02d}"


def adapter_for(filename: str, data: bytes) -> str:
    """The OpenTimelineIO adapter for a file, by extension and, for XML, by its root element."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in ADAPTERS:
        raise CutRefused(
            f"{PurePath(filename).name}: not a cut file (use .edl, .xml, .fcpxml or .otio)."
        )
    if suffix == ".xml" and b"<fcpxml" in data[:2048]:
        return "fcpx_xml"
    return ADAPTERS[suffix]


def _text(data: bytes) -> str:
    """The file as text; empty and binary files are refused before any reader sees them."""
    if not data.strip():
        raise CutRefused("The file is empty.")
    if len(data) > MAX_BYTES:
        raise CutRefused(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    if b"\x00" in data:
        raise CutRefused("The file is binary, not a text cut list.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            # EDLs from older systems are Latin-1; every byte maps, so nothing is lost.
            return data.decode("latin-1")
        except UnicodeDecodeError as exc:  # pragma: no cover - latin-1 decodes any byte
            raise CutRefused("The file is not text.") from exc


def _refuse_xml_entities(text: str) -> None:
    """Entity expansion and external entities are refused before the XML adapters parse."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        fromstring(text.encode("utf-8"))
    except DefusedXmlException as exc:
        raise CutRefused(f"The XML declares entities, refused: {exc}") from exc
    except Exception as exc:  # any parse error is the reader's reason
        raise CutRefused(f"The XML cannot be read: {exc}") from exc


def _timeline(text: str, adapter: str, fps: Fraction):
    import opentimelineio as otio

    kwargs = {"rate": float(fps)} if adapter == "cmx_3600" else {}
    if adapter in ("fcp_xml", "fcpx_xml"):
        _refuse_xml_entities(text)
    try:
        result = otio.adapters.read_from_string(text, adapter_name=adapter, **kwargs)
    except Exception as exc:  # every adapter raises its own types; keep the reason
        raise CutRefused(f"{FORMAT_LABELS[adapter]}: {_reason(exc)}") from exc
    if isinstance(result, otio.schema.SerializableCollection):
        timelines = list(result.find_children(descended_from_type=otio.schema.Timeline))
        if not timelines:
            raise CutRefused("The file holds no timeline.")
        result = timelines[0]
    if not isinstance(result, otio.schema.Timeline):
        raise CutRefused("The file holds no timeline.")
    return result


def _reason(exc: Exception) -> str:
    """The reader's reason for a refusal, as the reader meant to word it."""
    if isinstance(exc, AttributeError) and exc.name == "transaction_id":
        # otio-cmx3600-adapter 1.0.0 misspells an attribute while formatting its own error for a
        # transition whose event number differs from its clip's, so its message is lost.
        return "transition and event id mismatch"
    return str(exc).strip() or type(exc).__name__


def _file_rate(timeline, fallback: Fraction) -> Fraction:
    """The rate a format carries in the file (XML, OTIO): the timeline's, as its tracks count."""
    if not len(timeline.tracks):
        return fallback
    rate = Fraction(timeline.tracks.duration().rate).limit_denominator(1001)
    if rate not in FRAME_RATES.values():
        raise CutRefused(f"Unknown frame rate {float(rate):g} in the file.")
    return rate


def _frames(time, fps: Fraction) -> int:
    """A RationalTime as a whole frame count at `fps` (rounded: rates differ by 1001ths)."""
    return round(time.value * fps / Fraction(time.rate).limit_denominator(1001))


def _reel(item) -> str:
    meta = item.metadata.get("cmx_3600") or {}
    reel = meta.get("reel") if hasattr(meta, "get") else None
    return str(reel or "")[:64]


def _track_events(track, name: str, fps: Fraction) -> list[ReadEvent]:
    """The items of one track with record positions counted from the track's first frame."""
    import opentimelineio as otio

    events, cursor = [], 0
    for index, item in enumerate(track):
        if isinstance(item, otio.schema.Transition):
            before, after = _frames(item.in_offset, fps), _frames(item.out_offset, fps)
            events.append(
                ReadEvent(
                    index,
                    name,
                    "transition",
                    item.name or "",
                    "",
                    0,
                    0,
                    cursor - before,
                    cursor + after,
                )
            )
            continue
        source = item.trimmed_range()
        length = _frames(source.duration, fps)
        if isinstance(item, otio.schema.Gap):
            kind, src_in, clip, reel = "gap", 0, "", ""
        else:
            kind, src_in, clip, reel = (
                "clip",
                _frames(source.start_time, fps),
                item.name,
                _reel(item),
            )
        events.append(
            ReadEvent(
                index,
                name,
                kind,
                clip or "",
                reel,
                src_in,
                src_in + length,
                cursor,
                cursor + length,
            )
        )
        cursor += length
    return events


def _track_names(timeline) -> list[tuple[object, str]]:
    named, counts = [], {"Video": 0, "Audio": 0}
    for track in timeline.tracks:
        kind = "Audio" if track.kind == "Audio" else "Video"
        counts[kind] += 1
        fallback = f"{kind[0]}{counts[kind]}"
        named.append((track, fallback))
    return named


def read_cut(data: bytes, filename: str, fps=24) -> ReadCut:
    """Read one cut file; `fps` is the rate of an EDL (other formats carry their own)."""
    rate = parse_rate(fps)
    adapter = adapter_for(filename, data)
    timeline = _timeline(_text(data), adapter, rate)
    if adapter != "cmx_3600":
        rate = _file_rate(timeline, rate)
    events: list[ReadEvent] = []
    for track, name in _track_names(timeline):
        events.extend(_track_events(track, name, rate))
    if not any(e.kind == "clip" for e in events):
        raise CutRefused("The cut has no clips.")
    start = timeline.global_start_time
    duration = max((e.record_out for e in events if e.kind != "transition"), default=0)
    return ReadCut(
        name=(timeline.name or PurePath(filename).stem).strip()[:120],
        fps=rate,
        start_frame=_frames(start, rate) if start is not None else 0,
        duration_frames=duration,
        format=adapter,
        sha256=hashlib.sha256(data).hexdigest(),
        events=events,
    )
