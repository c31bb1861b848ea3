"""Day-out-of-days: one code per element per calendar day, and the element's totals.

Codes (DOMAIN.md): SW first work day, W work, WF last work day, SWF the only work day, H hold (a
working day of the company between first and last work with no work for the element), D dropped
(every day between the release and the pick-up), PW the pick-up day (also when it is the last work
day; the finish date is in the totals), TR/FT/R the element's travel, fitting and rehearsal
events, "/" a company holiday within the element's run, M a company move or travel day within it.

Rules: work happens on shoot days only. Holds are never put on company days off: a weekend or a
hiatus inside the run is left blank (idle), a holiday is "/". Holds need `hold_allowed`; without
it the day is idle, and so are holidays and company travel days inside the run (an element that
is not held is not paid for them either). A drop needs both `hold_allowed` and `drop_allowed`
and a pick-up more than `min_drop_gap` calendar days after the release (SAG-AFTRA: 10 for US
theatrical and TV films, 14 otherwise); with `once_per_production` only the longest such gap
is dropped.

Totals: work (SW, W, WF, SWF, PW), hold, holiday, travel (TR and M), fitting, rehearsal, idle
(blank or dropped days between start and finish), start and finish dates, and total paid days
(work + hold + holiday + travel + fitting + rehearsal).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date

SHOOT, PREP, TRAVEL, HIATUS, WEEKEND, HOLIDAY, WEATHER, WRAP = (
    "shoot", "prep", "travel", "hiatus", "weekend", "holiday", "weather", "wrap",
)  # fmt: skip
DAY_TYPES = (SHOOT, PREP, TRAVEL, HIATUS, WEEKEND, HOLIDAY, WEATHER, WRAP)
EVENT_CODES = ("TR", "FT", "R")
WORK_CODES = ("SW", "W", "WF", "SWF", "PW")
SAG_AFTRA_GAP_US = 10
SAG_AFTRA_GAP_OTHER = 14


class DoodError(ValueError):
    """A schedule the DOOD cannot be computed from (work on a day off, an unknown day...)."""


def default_drop_gap(us_theatrical_or_tv: bool) -> int:
    """SAG-AFTRA's minimum days between release and pick-up."""
    return SAG_AFTRA_GAP_US if us_theatrical_or_tv else SAG_AFTRA_GAP_OTHER


@dataclass(frozen=True)
class CalendarDay:
    """One day of the production calendar and its type."""

    date: date
    type: str = SHOOT


@dataclass(frozen=True)
class DoodRules:
    """Per-element hold and drop rules."""

    hold_allowed: bool = True
    drop_allowed: bool = False
    min_drop_gap: int = SAG_AFTRA_GAP_US
    once_per_production: bool = True


@dataclass
class ElementDays:
    """An element's work days, its own events (date -> TR, FT or R) and its rules."""

    name: str
    work: set[date]
    events: dict[date, str] = field(default_factory=dict)
    rules: DoodRules = field(default_factory=DoodRules)


@dataclass
class DoodTotals:
    """Counts and dates of one DOOD row."""

    work: int = 0
    hold: int = 0
    holiday: int = 0
    travel: int = 0
    fitting: int = 0
    rehearsal: int = 0
    idle: int = 0
    start: date | None = None
    finish: date | None = None

    @property
    def total(self) -> int:
        """Paid days."""
        return self.work + self.hold + self.holiday + self.travel + self.fitting + self.rehearsal

    def as_dict(self) -> dict:
        """JSON-ready totals (ISO dates)."""
        return {
            "work": self.work, "hold": self.hold, "holiday": self.holiday,
            "travel": self.travel, "fitting": self.fitting, "rehearsal": self.rehearsal,
            "idle": self.idle, "total": self.total,
            "start": self.start.isoformat() if self.start else None,
            "finish": self.finish.isoformat() if self.finish else None,
        }  # fmt: skip


@dataclass
class DoodRow:
    """One element's codes per calendar day ('' where nothing) and totals."""

    name: str
    codes: dict[date, str]
    totals: DoodTotals

    def days_as_iso(self) -> dict[str, str]:
        """{ISO date: code} for every calendar day."""
        return {day.isoformat(): code for day, code in self.codes.items()}


def day_out_of_days(days: list[CalendarDay], elements: list[ElementDays]) -> list[DoodRow]:
    """A DOOD row per element, in the order given (callers put cast first)."""
    _check_calendar(days)
    return [dood_row(days, element) for element in elements]


def dood_row(days: list[CalendarDay], element: ElementDays) -> DoodRow:
    """Codes and totals of one element over the calendar."""
    types = {day.date: day.type for day in days}
    _check_element(types, element)
    work = sorted(element.work)
    drops = _drops(work, element.rules)
    codes = {day.date: _code(day, work, drops, element) for day in days}
    return DoodRow(element.name, codes, _totals(codes, work))


def _check_calendar(days: list[CalendarDay]) -> None:
    """Days in order, each once, with a known type."""
    for previous, day in itertools.pairwise(days):
        if day.date <= previous.date:
            raise DoodError(f"Calendar days out of order or repeated at {day.date.isoformat()}.")
    for day in days:
        if day.type not in DAY_TYPES:
            raise DoodError(f"Unknown day type {day.type!r} on {day.date.isoformat()}.")


def _check_element(types: dict[date, str], element: ElementDays) -> None:
    """Work on shoot days of the calendar; events with known codes on calendar days."""
    for day in sorted(element.work):
        if types.get(day) != SHOOT:
            what = types.get(day, "not in the calendar")
            raise DoodError(f"{element.name} works on {day.isoformat()}, a {what} day.")
    for day, code in element.events.items():
        if code not in EVENT_CODES or day not in types:
            raise DoodError(f"{element.name}: bad event {code!r} on {day.isoformat()}.")


def _drops(work: list[date], rules: DoodRules) -> list[tuple[date, date]]:
    """(release, pick-up) pairs the rules allow."""
    if not (rules.drop_allowed and rules.hold_allowed):
        return []
    gaps = [(a, b) for a, b in itertools.pairwise(work)
            if (b - a).days > rules.min_drop_gap]  # fmt: skip
    if rules.once_per_production and gaps:
        # the longest gap saves the most days; the earliest wins a tie
        return [max(gaps, key=lambda gap: ((gap[1] - gap[0]).days, -gap[0].toordinal()))]
    return gaps


def _code(day: CalendarDay, work: list[date], drops, element: ElementDays) -> str:
    """The code of one day."""
    if day.date in element.work:
        return _work_code(day.date, work, drops)
    if day.date in element.events:
        return element.events[day.date]
    if not work or not work[0] < day.date < work[-1]:
        return ""
    if any(release < day.date < pickup for release, pickup in drops):
        return "D"
    return _between_code(day.type, element.rules)


def _work_code(day: date, work: list[date], drops) -> str:
    """SW, W, WF, SWF or PW."""
    if len(work) == 1:
        return "SWF"
    if day == work[0]:
        return "SW"
    if any(pickup == day for _, pickup in drops):
        return "PW"
    return "WF" if day == work[-1] else "W"


def _between_code(day_type: str, rules: DoodRules) -> str:
    """A day inside the run without work: holiday, company move, day off or hold."""
    if not rules.hold_allowed:
        return ""
    if day_type == HOLIDAY:
        return "/"
    if day_type == TRAVEL:
        return "M"
    if day_type in (WEEKEND, HIATUS):
        return ""
    return "H"


_COUNTED = {"H": "hold", "/": "holiday", "TR": "travel", "M": "travel", "FT": "fitting",
            "R": "rehearsal"}  # fmt: skip


def _totals(codes: dict[date, str], work: list[date]) -> DoodTotals:
    """Counts of the row's codes."""
    totals = DoodTotals(start=work[0] if work else None, finish=work[-1] if work else None)
    for day, code in codes.items():
        if code in WORK_CODES:
            totals.work += 1
        elif code in _COUNTED:
            name = _COUNTED[code]
            setattr(totals, name, getattr(totals, name) + 1)
        elif work and work[0] < day < work[-1]:
            totals.idle += 1
    return totals
