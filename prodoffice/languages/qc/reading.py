"""Reading subtitle files: SRT, WebVTT and ASS/SSA through pysubs2, TTML/IMSC through ttconv."""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from pathlib import PurePath

import pysubs2

from .encoding import decode
from .errors import SubtitleReadError

FORMATS = ("srt", "vtt", "ass", "ssa", "ttml")
_EXTENSIONS = {
    ".srt": "srt",
    ".vtt": "vtt",
    ".ass": "ass",
    ".ssa": "ssa",
    ".ttml": "ttml",
    ".xml": "ttml",
    ".dfxp": "ttml",
    ".imsc": "ttml",
}
_STAMP = {
    "srt": r"\d{1,3}:\d{2}:\d{2}[,.]\d{3}",
    "vtt": r"(?:\d{1,3}:)?\d{2}:\d{2}\.\d{3}",
}
_TIMING = {fmt: re.compile(rf"^\s*({s})\s*-->\s*({s})(?:\s.*)?$") for fmt, s in _STAMP.items()}
_NO_MILLIS = re.compile(r"\d{1,2}:\d{2}:\d{2}(?![,.]\d)")
_TAG = re.compile(r"<[^>\n]*>")
_BLOCK_KEYWORDS = ("WEBVTT", "NOTE", "STYLE", "REGION")
# ttconv warns on every SRT it writes that it merged paragraphs, which is what SRT needs.
logging.getLogger("ttconv.filters.isd").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Event:
    """One subtitle event, in file order, its text without formatting tags."""

    index: int
    start_ms: int
    end_ms: int
    text: str

    @property
    def lines(self) -> list[str]:
        """The displayed lines; none for an empty event."""
        return self.text.split("\n") if self.text.strip() else []


@dataclass(frozen=True)
class Document:
    """A subtitle file read: its format, its encoding and its events."""

    format: str
    encoding: str
    events: tuple[Event, ...]
    subs: pysubs2.SSAFile


def read_bytes(
    data: bytes, *, filename: str = "", format: str | None = None, language: str | None = None
) -> Document:
    """Read subtitle bytes; SubtitleReadError says why a file cannot be read. The language, when
    known, settles what statistics cannot (Windows-1250 or 1252 for a short Spanish file)."""
    if b"\x00" in data[:1024] and not _looks_utf16(data):
        raise SubtitleReadError("the file is binary, not subtitle text")
    text, encoding = decode(data, language)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise SubtitleReadError("the file is empty")
    _refuse_control_characters(text)
    fmt = format or detect_format(text, filename)
    subs = _parse(text, fmt)
    events = tuple(_event(i, e) for i, e in enumerate(_dialogue(subs), start=1))
    return Document(format=fmt, encoding=encoding, events=events, subs=subs)


def _looks_utf16(data: bytes) -> bool:
    return data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[1:2] == b"\x00" or data[:1] == b"\x00"


def _refuse_control_characters(text: str) -> None:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > 8 or "\x00" in sample:
        raise SubtitleReadError("the file is binary, not subtitle text (control characters)")


def detect_format(text: str, filename: str = "") -> str:
    """The format from the content, the extension breaking ties; refuses what is none of ours."""
    head = text.lstrip()[:200]
    ext = _EXTENSIONS.get(PurePath(filename).suffix.lower()) if filename else None
    if head.startswith("WEBVTT"):
        return "vtt"
    if head.startswith("[Script Info]") or "[V4+ Styles]" in text[:4000]:
        return "ass" if ext != "ssa" else "ssa"
    if head.startswith("<"):
        return "ttml"
    if ext == "vtt":
        raise SubtitleReadError("no WebVTT header: a WebVTT file must start with the line WEBVTT")
    if ext in ("srt", None) and "-->" in text:
        return "srt"
    if ext:
        return ext
    raise SubtitleReadError("not a subtitle format this reads (SRT, WebVTT, TTML/IMSC, ASS/SSA)")


def _parse(text: str, fmt: str) -> pysubs2.SSAFile:
    if fmt in _TIMING:
        text = _checked(text, fmt)
    if fmt == "ttml":
        text, fmt = _ttml_to_srt(text), "srt"
    try:
        return pysubs2.SSAFile.from_string(text, format_=fmt)
    except Exception as exc:  # pysubs2 raises assorted errors on malformed files
        raise SubtitleReadError(f"the {fmt.upper()} file cannot be read: {exc}") from None


def _checked(text: str, fmt: str) -> str:
    """Refuse malformed timings and cues without one, naming the line (pysubs2 skips both silently);
    drop WebVTT cue identifiers and NOTE/STYLE/REGION blocks (pysubs2 would read them as text)."""
    lines = text.splitlines()
    start = 1 if fmt == "vtt" else 0
    kept, block = lines[:start], []
    for number, line in enumerate([*lines[start:], ""], start=start + 1):
        if line.strip():
            block.append((number, line))
            continue
        kept += _check_block(block, fmt)
        block = []
    return "\n".join(kept)


def _check_block(block: list[tuple[int, str]], fmt: str) -> list[str]:
    if not block or block[0][1].strip().startswith(_BLOCK_KEYWORDS):
        return []
    timed = [i for i, (number, line) in enumerate(block) if "-->" in line]
    if not timed:
        number, line = block[0]
        raise SubtitleReadError(
            f"line {number}: missing timing: {line.strip()[:40]!r} has no 'start --> end' line"
        )
    for i in timed:
        _check_timing_line(*block[i], fmt)
    first = timed[0] if fmt == "vtt" else 0
    return [line for _, line in block[first:]] + [""]


def _check_timing_line(number: int, line: str, fmt: str) -> None:
    match = _TIMING[fmt].match(line)
    if match is None:
        if _NO_MILLIS.search(line) and not re.search(r"[,.]\d{3}", line):
            raise SubtitleReadError(f"line {number}: times without milliseconds: {line.strip()!r}")
        expected = (
            "HH:MM:SS,mmm --> HH:MM:SS,mmm" if fmt == "srt" else "HH:MM:SS.mmm --> HH:MM:SS.mmm"
        )
        raise SubtitleReadError(
            f"line {number}: malformed timing {line.strip()!r} (expected {expected})"
        )
    if _stamp_ms(match.group(2)) < _stamp_ms(match.group(1)):
        raise SubtitleReadError(
            f"line {number}: the subtitle ends before it starts: {line.strip()!r}"
        )


def _stamp_ms(stamp: str) -> int:
    head, _, millis = stamp.replace(",", ".").rpartition(".")
    seconds = 0
    for part in head.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds * 1000 + int(millis)


def _ttml_to_srt(text: str) -> str:
    """TTML and IMSC through ttconv's reader into SRT, which pysubs2 then reads."""
    import xml.etree.ElementTree as ElementTree

    import ttconv.imsc.reader as imsc_reader
    import ttconv.srt.writer as srt_writer
    from defusedxml import ElementTree as SafeElementTree

    try:
        tree = SafeElementTree.fromstring(text.encode("utf-8"))
        document = imsc_reader.to_model(ElementTree.ElementTree(tree))
    except Exception as exc:  # defusedxml and ttconv raise assorted errors on hostile or broken XML
        raise SubtitleReadError(f"the TTML file cannot be read: {exc}") from None
    if document is None:
        raise SubtitleReadError("the TTML file cannot be read: no <tt> document element")
    return srt_writer.from_model(document)


def _dialogue(subs: pysubs2.SSAFile) -> list[pysubs2.SSAEvent]:
    return [event for event in subs if not event.is_comment]


def _event(index: int, event: pysubs2.SSAEvent) -> Event:
    text = event.plaintext
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = text.replace("\r", "")
    return Event(index=index, start_ms=int(event.start), end_ms=int(event.end), text=text)
