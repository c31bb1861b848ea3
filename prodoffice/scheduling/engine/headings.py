"""Scene headings: INT./EXT./INT-EXT., the set, and the time of day.

`INT. KITCHEN - NIGHT` gives ("INT", "KITCHEN", "NIGHT"). Accepted prefixes: INT, EXT, EST
(establishing: exterior), INT./EXT., INT/EXT, EXT./INT., INT-EXT, I/E, and the Russian ИНТ., НАТ.,
ИНТ./НАТ. The time is the last dash-separated part (hyphen, en or em dash), or what follows
its last comma, when it names one of DAY, NIGHT, DAWN, DUSK, MORNING, CONTINUOUS, LATER (with
the usual synonyms below); otherwise the heading has no time and that part belongs to the set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

INT, EXT, INT_EXT = "INT", "EXT", "INT-EXT"
TIMES = ("DAY", "NIGHT", "DAWN", "DUSK", "MORNING", "CONTINUOUS", "LATER")

_PREFIX = re.compile(
    r"^\s*(?P<prefix>"
    r"INT\.?\s*/\s*EXT|EXT\.?\s*/\s*INT|INT\.?-EXT|I\s*/\s*E|INT|EXT|EST"
    r"|ИНТ\.?\s*/\s*НАТ|НАТ\.?\s*/\s*ИНТ|ИНТ|НАТ"
    r")(?:\.|\s|$)\.?\s*",
    re.IGNORECASE,
)
_DASH = re.compile(r"\s+[-–—]+\s+|\s+[-–—]+$|^[-–—]+\s*")
# Words a writer uses for the time of day, mapped onto the trade's list.
_SYNONYMS = {
    "DAY": "DAY", "AFTERNOON": "DAY", "NOON": "DAY", "NIGHT": "NIGHT", "MIDNIGHT": "NIGHT",
    "DAWN": "DAWN", "SUNRISE": "DAWN", "DUSK": "DUSK", "SUNSET": "DUSK", "EVENING": "DUSK",
    "TWILIGHT": "DUSK", "MORNING": "MORNING", "CONTINUOUS": "CONTINUOUS", "CONT": "CONTINUOUS",
    "SAME": "CONTINUOUS", "LATER": "LATER", "ДЕНЬ": "DAY", "НОЧЬ": "NIGHT", "УТРО": "MORNING",
    "ВЕЧЕР": "DUSK", "РАССВЕТ": "DAWN", "ЗАКАТ": "DUSK", "ПОЗЖЕ": "LATER",
    "ПРОДОЛЖЕНИЕ": "CONTINUOUS",
}  # fmt: skip
_LIGHT = ("DAY", "NIGHT", "DAWN", "DUSK", "MORNING")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Heading:
    """The three parts of a scene heading; empty strings where the heading has none."""

    int_ext: str
    set: str
    time: str


def is_heading(text: str) -> bool:
    """True when a line starts like a scene heading (used for headings screenplain misses)."""
    return bool(_PREFIX.match(text)) and "\n" not in text.strip()


def parse_heading(text: str) -> Heading:
    """Split a heading into INT/EXT, set and time of day."""
    rest = " ".join(text.split())
    int_ext = ""
    match = _PREFIX.match(rest)
    if match:
        int_ext = _int_ext(match.group("prefix"))
        rest = rest[match.end() :]
    parts = [part.strip() for part in _DASH.split(rest)]
    parts = [part for part in parts if part]
    time = _time_of(parts)
    return Heading(int_ext, " - ".join(parts).strip(" .,-"), time)


def _time_of(parts: list[str]) -> str:
    """Take the time off the last part (after its last comma if it has one) and return it."""
    if not parts:
        return ""
    head, comma, tail = parts[-1].rpartition(",")
    time = _time(tail) if comma else ""
    if time:
        parts[-1] = head
        return time
    time = _time(parts[-1])
    if time:
        parts.pop()
    return time


def _int_ext(prefix: str) -> str:
    """INT, EXT or INT-EXT from the prefix as written."""
    letters = prefix.upper()
    inside = "INT" in letters or "ИНТ" in letters or letters.startswith("I")
    outside = any(word in letters for word in ("EXT", "EST", "НАТ")) or letters.endswith("E")
    if inside and outside:
        return INT_EXT
    return INT if inside else EXT


def _time(part: str) -> str:
    """The trade's time of day named by a heading's last part, or '' when it names none."""
    words = [_SYNONYMS.get(word.upper()) for word in _WORD.findall(part)]
    named = [word for word in words if word]
    if not named or len(named) * 3 < len(words):
        return ""
    light = [word for word in named if word in _LIGHT]
    return light[0] if light else named[0]
