"""The QC rules: pure functions over events in frames at the cut's rate (exact, no floats)."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from .profiles import Profile
from .reading import Event
from .timing import format_ms, ms_to_frame

# The rules the CLI contract names, in its order; the cut-aware rules follow.
BASE_RULES = (
    "chars_per_line",
    "lines",
    "reading_speed",
    "min_duration",
    "max_duration",
    "gap",
    "overlap",
    "empty",
)
CUT_RULES = ("outside_runtime", "shot_change")
GLOSSARY_RULE = "glossary"
ALL_RULES = BASE_RULES + CUT_RULES + (GLOSSARY_RULE,)


@dataclass(frozen=True)
class Violation:
    """One rule broken by one event."""

    event: int
    rule: str
    start_ms: int
    message: str

    def as_dict(self) -> dict:
        """The CLI's shape: event from 1, rule, HH:MM:SS.mmm start, message."""
        return {
            "event": self.event,
            "rule": self.rule,
            "start": format_ms(self.start_ms),
            "message": self.message,
        }


@dataclass(frozen=True)
class GlossaryTerm:
    """A term and its agreed rendering; variants are renderings that break the agreement."""

    term: str
    rendering: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class CutContext:
    """What the cut version tells QC: its runtime and the frames where shots change."""

    runtime_frames: int | None = None
    shot_changes: tuple[int, ...] = ()


@dataclass
class Timed:
    """An event snapped to frames."""

    event: Event
    start: int
    end: int
    lines: list[str] = field(default_factory=list)
    chars: int = 0


def display_length(line: str) -> int:
    """Characters as a viewer reads them: every character, spaces and punctuation included."""
    return len(unicodedata.normalize("NFC", line))


def snap(events: Sequence[Event], fps: Fraction) -> list[Timed]:
    """Events with their start and end as frame numbers."""
    timed = []
    for event in events:
        lines = event.lines
        chars = sum(display_length(line) for line in lines)
        timed.append(
            Timed(
                event,
                ms_to_frame(event.start_ms, fps),
                ms_to_frame(event.end_ms, fps),
                lines,
                chars,
            )
        )
    return timed


def check_event(t: Timed, profile: Profile, fps: Fraction) -> Iterable[tuple[str, str]]:
    """The single-event rules: empty, lines, characters per line, durations, reading speed."""
    if not t.lines:
        yield "empty", "the event has no text"
        return
    if len(t.lines) > profile.max_lines:
        yield "lines", f"{len(t.lines)} lines; at most {profile.max_lines}"
    for number, line in enumerate(t.lines, start=1):
        if (length := display_length(line)) > profile.max_chars_per_line:
            yield (
                "chars_per_line",
                f"line {number} has {length} characters; at most {profile.max_chars_per_line}",
            )
    yield from _durations(t, profile, fps)


def _durations(t: Timed, profile: Profile, fps: Fraction) -> Iterable[tuple[str, str]]:
    # Integer cross-multiplication keeps the comparisons exact without building Fractions per event:
    # seconds = frames * q / p at p/q frames per second.
    frames, p, q = t.end - t.start, fps.numerator, fps.denominator
    low, high, cps = profile.min_duration, profile.max_duration, profile.max_cps
    if frames * q * low.denominator < low.numerator * p:
        seconds = Fraction(frames * q, p)
        yield "min_duration", f"lasts {frames} frames ({_secs(seconds)} s); at least {_secs(low)} s"
    if frames * q * high.denominator > high.numerator * p:
        yield "max_duration", f"lasts {_secs(Fraction(frames * q, p))} s; at most {_secs(high)} s"
    if frames <= 0:
        yield "reading_speed", "no time on screen to read it"
    elif t.chars * p * cps.denominator > cps.numerator * frames * q:
        speed = Fraction(t.chars * p, frames * q)
        yield "reading_speed", f"{_secs(speed)} characters per second; at most {_secs(cps)}"


def check_pair(prev: Timed, t: Timed, profile: Profile) -> Iterable[tuple[str, str]]:
    """Rules between an event and the one before it: overlap and minimum gap."""
    gap = t.start - prev.end
    if gap < 0:
        yield "overlap", f"starts {-gap} frames before event {prev.event.index} ends"
    elif gap < profile.min_gap_frames:
        yield (
            "gap",
            f"{gap} frames after event {prev.event.index}; at least {profile.min_gap_frames}",
        )


def check_cut(t: Timed, profile: Profile, cut: CutContext) -> Iterable[tuple[str, str]]:
    """Rules that need the cut: inside the runtime, out-cue not just before a shot change."""
    if cut.runtime_frames is not None and (t.end > cut.runtime_frames or t.start < 0):
        yield (
            "outside_runtime",
            f"ends at frame {t.end}, after the cut's last frame {cut.runtime_frames}",
        )
    if cut.shot_changes:
        changes = cut.shot_changes
        i = bisect.bisect_left(changes, t.end + profile.shot_change_min_frames)
        if i < len(changes) and changes[i] - t.end <= profile.shot_change_max_frames:
            before = changes[i] - t.end
            yield (
                "shot_change",
                f"out-cue {before} frames before the shot change at frame {changes[i]}",
            )


def check_glossary(
    t: Timed, terms: Sequence[tuple[GlossaryTerm, re.Pattern]]
) -> Iterable[tuple[str, str]]:
    """An agreed term rendered another way."""
    for term, pattern in terms:
        found = pattern.search(t.event.text)
        if found:
            yield (
                GLOSSARY_RULE,
                f"{found.group(0)!r} where the glossary has {term.rendering!r} for {term.term!r}",
            )


def glossary_patterns(glossary: Sequence[GlossaryTerm]) -> list[tuple[GlossaryTerm, re.Pattern]]:
    """One word-bounded, case-insensitive pattern per term for its wrong renderings."""
    compiled = []
    for term in glossary:
        wrong = [v for v in term.variants if v and v.casefold() != term.rendering.casefold()]
        if term.term and term.term.casefold() != term.rendering.casefold():
            wrong.append(term.term)
        if wrong:
            alternatives = "|".join(re.escape(v) for v in sorted(wrong, key=len, reverse=True))
            compiled.append((term, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)))
    return compiled


def _secs(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.3f}".rstrip("0").rstrip(".")
