"""Scene headings: INT./EXT./INT-EXT., the set, and the time of day.

`INT. KITCHEN - NIGHT` gives ("INT", "KITCHEN", "NIGHT", "N"). Accepted prefixes: INT, EXT, EST
(establishing: exterior), INT./EXT., INT/EXT, EXT./INT., EXT/INT, INT-EXT, I/E, and the Russian
ИНТ., НАТ., ИНТ./НАТ.; a forced heading (`.FLASHBACK`) has none. The parts of the rest are
separated by a dash with spaces around it (hyphen, en or em dash) or by a double dash with or
without spaces (`LIBRARY--DAY`). The time of day is the last part (or what follows its last
comma) when it names a time (DAY, NIGHT, DAWN, DUSK, MORNING, MAGIC HOUR, SUNRISE, SUNSET,
CONTINUOUS, LATER, MOMENTS LATER, SAME ...); a heading without any separator (`INT HOUSE DAY`)
gives up its last words when they name a time. The time is kept as written; the day or night is
derived from it (empty for CONTINUOUS, LATER, SAME: the scene goes on in the previous one's light).
The set is what remains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

INT, EXT, INT_EXT = "INT", "EXT", "INT-EXT"
DAY, NIGHT = "D", "N"

_PREFIX = re.compile(
    r"^\s*(?P<prefix>"
    r"INT\.?\s*/\s*EXT|EXT\.?\s*/\s*INT|INT\.?-EXT|EXT\.?-INT|I\s*/\s*E|INT|EXT|EST"
    r"|ИНТ\.?\s*/\s*НАТ|НАТ\.?\s*/\s*ИНТ|ИНТ|НАТ"
    r")(?:\.|\s|$)\.?\s*",
    re.IGNORECASE,
)
_DASH = re.compile(r"\s*(?:--+|[–—]{2,})\s*|\s+[-–—]+\s+|\s+[-–—]+$|^[-–—]+\s*")
# Words a writer uses for the time of day, with the light each gives ("" = the previous scene's).
_TIME_WORDS = {
    "DAY": DAY, "AFTERNOON": DAY, "NOON": DAY, "MORNING": DAY, "DAWN": DAY, "SUNRISE": DAY,
    "DUSK": DAY, "SUNSET": DAY, "EVENING": DAY, "TWILIGHT": DAY, "MAGIC HOUR": DAY,
    "DAYTIME": DAY, "NIGHT": NIGHT, "MIDNIGHT": NIGHT, "NIGHTTIME": NIGHT,
    "CONTINUOUS": "", "CONT": "", "LATER": "", "SAME": "",
    "ДЕНЬ": DAY, "УТРО": DAY, "ВЕЧЕР": DAY, "РАССВЕТ": DAY, "ЗАКАТ": DAY, "НОЧЬ": NIGHT,
    "ПОЗЖЕ": "", "ПРОДОЛЖЕНИЕ": "",
}  # fmt: skip
# Words that may sit in a time without naming one ("LATER THAT NIGHT", "A MOMENT LATER").
_FILLERS = {"A", "THAT", "THE", "TIME", "OF", "EARLY", "LATE", "NEXT", "MOMENT", "MOMENTS"}
_WORD = re.compile(r"MAGIC\s+HOUR|[^\W\d_]+", re.IGNORECASE)
_NOT_WORDS = " .,'’()/#0123456789"


@dataclass(frozen=True)
class Heading:
    """The parts of a scene heading; empty strings where the heading has none.

    `day_night` is D or N when the time names the light, empty when the scene takes the
    previous scene's (CONTINUOUS, LATER) or the heading has no time at all.
    """

    int_ext: str
    set: str
    time: str
    day_night: str = ""


def is_heading(text: str) -> bool:
    """True when a line starts like a scene heading (used for headings screenplain misses)."""
    return bool(_PREFIX.match(text)) and "\n" not in text.strip()


def parse_heading(text: str) -> Heading:
    """Split a heading into INT/EXT, set, time of day as written, and D or N."""
    rest = " ".join(text.split())
    int_ext = ""
    match = _PREFIX.match(rest)
    if match:
        int_ext = _int_ext(match.group("prefix"))
        rest = rest[match.end() :]
    parts = [part.strip() for part in _DASH.split(rest)]
    parts = [part for part in parts if part]
    time = _time_of(parts)
    return Heading(int_ext, " - ".join(parts).strip(" .,-"), time, day_night_of(time))


def day_night_of(time: str) -> str:
    """D or N named by a time of day as written; '' when it names neither (LATER, SAME)."""
    lights = [_TIME_WORDS.get(_key(word), "") for word in _WORD.findall(time)]
    if NIGHT in lights:
        return NIGHT
    return DAY if DAY in lights else ""


def _time_of(parts: list[str]) -> str:
    """Take the time off the last part (after its last comma, or its last words) and return it."""
    if not parts:
        return ""
    head, comma, tail = parts[-1].rpartition(",")
    if comma and _is_time(tail):
        parts[-1] = head.strip()
        return tail.strip()
    if _is_time(parts[-1]) and (len(parts) > 1 or " " not in parts[-1]):
        return parts.pop()
    if len(parts) == 1:
        return _trailing_time(parts)
    return ""


def _trailing_time(parts: list[str]) -> str:
    """`HOUSE DAY`: the last words when they name a time and something is left for the set."""
    words = parts[0].split()
    for start in range(1, len(words)):
        tail = " ".join(words[start:])
        if _is_time(tail, strict=True):
            parts[0] = " ".join(words[:start])
            return tail
    return ""


def _is_time(part: str, strict: bool = False) -> bool:
    """True when a part names a time: mostly time words (only them and fillers when strict)."""
    words = [_key(word) for word in _WORD.findall(part)]
    named = [word for word in words if word in _TIME_WORDS]
    if not named or any(char not in _NOT_WORDS for char in _WORD.sub("", part)):
        return False
    others = [word for word in words if word not in _TIME_WORDS and word not in _FILLERS]
    if strict:
        return not others
    return len(others) * 2 < len(words)


def _key(word: str) -> str:
    """A word (or MAGIC HOUR) as the time table spells it."""
    return " ".join(word.upper().split())


def _int_ext(prefix: str) -> str:
    """INT, EXT or INT-EXT from the prefix as written."""
    letters = prefix.upper()
    inside = "INT" in letters or "ИНТ" in letters or letters.startswith("I")
    outside = any(word in letters for word in ("EXT", "EST", "НАТ")) or letters.endswith("E")
    if inside and outside:
        return INT_EXT
    return INT if inside else EXT
