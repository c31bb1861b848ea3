"""Day-out-of-days of a board: its shoot days placed on the production calendar, then the engine.

Shoot days are the runs of scene strips between day breaks (boneyard strips and banners left
out; a run without scenes is no day). Each one goes on the next working day of the production
calendar from its start date; the days off passed on the way (weekends, holidays, travel days,
hiatus ...) stay in the calendar as columns so the DOOD shows their codes. Elements come cast
first, then by category and board ID. Elements' own travel, fitting and rehearsal days (TR, FT,
R) come from their events; the columns stretch to cover an event before the first shoot day (a
prep-time fitting) or after the last. Five queries whatever the board's size.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from prodoffice.scheduling.engine import dood as engine
from prodoffice.scheduling.engine.board_ids import board_id_key
from prodoffice.scheduling.engine.categories import CAST
from prodoffice.scheduling.models import (
    Board,
    DayType,
    Element,
    ElementEvent,
    ProductionCalendar,
    SceneElement,
    Strip,
    StripKind,
)

#: A schedule that finds no working day within ten years has a calendar with no working days.
_MAX_DAYS = 3660


@dataclass
class DoodLine:
    """One element's DOOD row with its category and board ID."""

    element: str
    category: str
    board_id: str
    row: engine.DoodRow

    def as_dict(self) -> dict:
        """The CLI's JSON row."""
        return {
            "element": self.element,
            "category": self.category,
            "board_id": self.board_id,
            "days": self.row.days_as_iso(),
            "totals": self.row.totals.as_dict(),
        }


@dataclass
class BoardDood:
    """The calendar columns and the rows of a board's day-out-of-days."""

    days: list[engine.CalendarDay]
    shoot_days: list[list[int]]
    lines: list[DoodLine]


def shoot_days(board: Board) -> list[list[int]]:
    """Scene ids of each shoot day, in board order."""
    strips = Strip.objects.filter(board=board, in_boneyard=False).order_by("position")
    days: list[list[int]] = [[]]
    for kind, scene_id in strips.values_list("kind", "scene_id"):
        if kind == StripKind.DAY_BREAK:
            days.append([])
        elif kind == StripKind.SCENE:
            days[-1].append(scene_id)
    return [day for day in days if day]


def place_on_calendar(calendar: ProductionCalendar, count: int) -> list[engine.CalendarDay]:
    """Calendar columns from the start date to the `count`-th shoot day."""
    exceptions = {day.date: day.type for day in calendar.exceptions.all()}
    columns: list[engine.CalendarDay] = []
    day, shot = calendar.start_date, 0
    while shot < count:
        if len(columns) >= _MAX_DAYS:
            raise ValidationError({"calendar": "The calendar has no working days to shoot on."})
        default = DayType.SHOOT if calendar.works_on(day) else DayType.WEEKEND
        columns.append(engine.CalendarDay(day, exceptions.get(day, default)))
        shot += columns[-1].type == DayType.SHOOT
        day += datetime.timedelta(days=1)
    return columns


def board_calendar(board: Board) -> ProductionCalendar:
    """The production's calendar with its exception days (refused when not set yet)."""
    calendar = (
        ProductionCalendar.objects.filter(production_id=board.production_id)
        .prefetch_related("exceptions")
        .first()
    )
    if calendar is None:
        raise ValidationError({"calendar": "Set the production calendar before the DOOD."})
    return calendar


def cover_event_days(
    columns: list[engine.CalendarDay], calendar: ProductionCalendar, dates: set[datetime.date]
) -> list[engine.CalendarDay]:
    """The columns stretched to the events before the first and after the last shoot day:
    working days there are prep before the shoot and wrap after it, days off stay days off."""
    if not columns or not dates:
        return columns
    exceptions = {day.date: day.type for day in calendar.exceptions.all()}

    def column(day: datetime.date, working: str) -> engine.CalendarDay:
        kind = exceptions.get(day, working if calendar.works_on(day) else DayType.WEEKEND)
        return engine.CalendarDay(day, working if kind == DayType.SHOOT else kind)

    first, last = columns[0].date, columns[-1].date
    before = [column(day, DayType.PREP) for day in _dates(min(dates), first)]
    after = [
        column(day, DayType.WRAP)
        for day in _dates(last + datetime.timedelta(days=1), max(dates) + datetime.timedelta(1))
    ]
    if len(before) + len(after) > _MAX_DAYS:
        raise ValidationError({"events": "Element events lie years away from the shoot."})
    return before + columns + after


def _dates(start: datetime.date, stop: datetime.date) -> list[datetime.date]:
    """Every date from start up to (not including) stop."""
    return [start + datetime.timedelta(days=n) for n in range(max(0, (stop - start).days))]


def element_events(production_id: int) -> dict[int, dict[datetime.date, str]]:
    """Element id -> {date: TR, FT or R} for every element event of the production."""
    events: dict[int, dict[datetime.date, str]] = {}
    rows = ElementEvent.objects.filter(element__production_id=production_id)
    for element_id, day, kind in rows.values_list("element_id", "date", "kind"):
        events.setdefault(element_id, {})[day] = kind
    return events


def day_out_of_days(board: Board) -> BoardDood:
    """Every element worked on the board (or with events): codes per calendar day and totals."""
    days = shoot_days(board)
    columns: list[engine.CalendarDay] = []
    events: dict[int, dict[datetime.date, str]] = {}
    if days:
        calendar = board_calendar(board)
        events = element_events(board.production_id)
        columns = place_on_calendar(calendar, len(days))
        columns = cover_event_days(columns, calendar, {d for e in events.values() for d in e})
    dates = [column.date for column in columns if column.type == DayType.SHOOT]
    date_of = {
        scene_id: date for scenes, date in zip(days, dates, strict=True) for scene_id in scenes
    }
    # Plain tuples, not model instances: building ~1,000 links with their elements and
    # categories cost several times the engine's own work on a 150-scene board.
    links = SceneElement.objects.filter(scene_id__in=list(date_of)).values_list(
        "scene_id", "element_id", *_ElementInfo.FIELDS
    )
    work: dict[int, set[datetime.date]] = {}
    elements: dict[int, _ElementInfo] = {}
    for scene_id, element_id, *info in links:
        if element_id not in elements:
            elements[element_id] = _ElementInfo(*info)
        work.setdefault(element_id, set()).add(date_of[scene_id])
    if columns:
        _add_event_only(elements, set(events) - set(elements))
    ordered = sorted(elements.items(), key=lambda item: _element_order(item[1]))
    lines = [
        _line(columns, element, work.get(pk, set()), events.get(pk, {})) for pk, element in ordered
    ]
    return BoardDood(columns, days, lines)


def _add_event_only(elements: dict[int, _ElementInfo], missing: set[int]) -> None:
    """Elements with events but no work on the board still get their row."""
    if not missing:
        return
    fields = [name.removeprefix("element__") for name in _ElementInfo.FIELDS]
    for pk, *info in Element.objects.filter(pk__in=missing).values_list("pk", *fields):
        elements[pk] = _ElementInfo(*info)


@dataclass(frozen=True)
class _ElementInfo:
    """What the DOOD needs of an element: its name, IDs and rules."""

    name: str
    board_id: str
    hold_allowed: bool
    drop_allowed: bool
    drop_min_days: int
    category: str
    ucid: int

    FIELDS = (
        "element__name",
        "element__board_id",
        "element__hold_allowed",
        "element__drop_allowed",
        "element__drop_min_days",
        "element__category__name",
        "element__category__ucid",
    )


def _element_order(element: _ElementInfo) -> tuple:
    """Cast first, then by category UCID, board ID and name."""
    ucid = element.ucid
    return (ucid != CAST, ucid, board_id_key(element.board_id, element.name))


def _line(columns, element: _ElementInfo, work: set[datetime.date], events) -> DoodLine:
    """The engine's row for one element with its rules and its event days."""
    rules = engine.DoodRules(
        hold_allowed=element.hold_allowed,
        drop_allowed=element.drop_allowed,
        min_drop_gap=element.drop_min_days,
    )
    row = engine.dood_row(columns, engine.ElementDays(element.name, work, events, rules))
    return DoodLine(element.name, element.category, element.board_id, row)
