"""The stripboard as a page reads it: strips with their colours, cast and the day totals.

Four queries whatever the board's size: the strips with their scenes, the cast board IDs of those
scenes, the production calendar and its exception days. Shoot days are counted as in dood.py: the
runs of scheduled scene strips between day breaks; an empty run is no day.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from prodoffice.scheduling.engine import categories
from prodoffice.scheduling.engine.board_ids import board_id_key
from prodoffice.scheduling.engine.eighths import format_eighths
from prodoffice.scheduling.models import (
    Board,
    DayType,
    ProductionCalendar,
    SceneElement,
    Strip,
    StripKind,
)
from prodoffice.scheduling.selectors.dood import place_on_calendar

#: A page is about a minute of screen time: an eighth is 7.5 seconds.
SECONDS_PER_EIGHTH = 7.5


@dataclass
class DayTotal:
    """One shoot day of the board: its number, calendar date, pages and screen time."""

    number: int
    eighths: int = 0
    seconds: float = 0
    scenes: int = 0
    date: datetime.date | None = None
    scene_ids: list[int] = field(default_factory=list)

    @property
    def pages(self) -> str:
        """`1 page`, `6/8 pages`, `1 4/8 pages`."""
        text = format_eighths(self.eighths) if self.eighths else "0"
        return f"{text} page" if self.eighths == 8 else f"{text} pages"

    @property
    def screen_time(self) -> str:
        """Estimated screen time as m:ss."""
        total = round(self.seconds)
        return f"{total // 60}:{total % 60:02d}"


@dataclass
class StripRow:
    """One strip as drawn: what it shows and, for a day break, the day it ends."""

    strip: Strip
    colour: str = ""
    dark: bool = False
    cast: list[str] = field(default_factory=list)
    day: DayTotal | None = None

    @property
    def scene(self):
        return self.strip.scene


@dataclass
class Sheet:
    """The board's schedule (strips in order), its boneyard and its shoot days."""

    board: Board
    rows: list[StripRow]
    boneyard: list[StripRow]
    days: list[DayTotal]
    open_day: DayTotal | None
    has_calendar: bool

    @property
    def eighths(self) -> int:
        return sum(day.eighths for day in self.days)

    def scene_dates(self) -> tuple[dict[int, datetime.date], dict[int, int]]:
        """Each scheduled scene's shoot date and day number, in board order, as
        `conflicts.board_conflicts` and the readiness flags read them (so that the page reads
        the strips and the calendar once); ({}, {}) without a calendar or shoot days."""
        date_of: dict[int, datetime.date] = {}
        number_of: dict[int, int] = {}
        for day in (*self.days, *([self.open_day] if self.open_day else [])):
            if day.date is None:
                return {}, {}
            for scene_id in day.scene_ids:
                date_of[scene_id], number_of[scene_id] = day.date, day.number
        return date_of, number_of

    def scenes(self) -> dict:
        """The scheduled scenes (boneyard excluded) by id, as loaded with the strips."""
        return {row.strip.scene_id: row.strip.scene for row in self.rows if row.strip.scene_id}


def _dark(hex_colour: str) -> bool:
    """Whether a strip colour needs light text (relative luminance below one half)."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128


def _cast_ids(scene_ids: list[int]) -> dict[int, list[str]]:
    """Cast board IDs per scene, in number order (one query)."""
    links = SceneElement.objects.filter(
        scene_id__in=scene_ids, element__category__ucid=categories.CAST
    ).values_list("scene_id", "element__board_id")
    out: dict[int, list[str]] = {}
    for scene_id, board_id in links:
        if board_id:
            out.setdefault(scene_id, []).append(board_id)
    return {scene_id: sorted(ids, key=board_id_key) for scene_id, ids in out.items()}


def _scene_row(strip: Strip, palette: dict, cast: dict) -> StripRow:
    scene = strip.scene
    key = categories.strip_colour(scene.int_ext, scene.day_night)
    colour = palette.get(key) or categories.STRIP_PALETTE[key]
    return StripRow(strip, colour=colour, dark=_dark(colour), cast=cast.get(scene.pk, []))


_UNDRAWN_SCENE_FIELDS = ("text", "summary", "created_at", "updated_at", "previous")


def board_sheet(board: Board) -> Sheet:
    """Everything the stripboard page draws, from four queries."""
    # The scenes' texts and timestamps are not drawn: a real draft's scene text is kilobytes a
    # scene, read on every load of the page for nothing.
    strips = list(
        Strip.objects.filter(board=board)
        .select_related("scene")
        .defer(*(f"scene__{name}" for name in _UNDRAWN_SCENE_FIELDS))
        .order_by("position")
    )
    cast = _cast_ids([strip.scene_id for strip in strips if strip.scene_id])
    rows, boneyard, days = [], [], []
    current = DayTotal(1)
    for strip in strips:
        row = _scene_row(strip, board.palette, cast) if strip.scene_id else StripRow(strip)
        if strip.in_boneyard:
            boneyard.append(row)
            continue
        rows.append(row)
        if strip.kind == StripKind.SCENE:
            _add_scene(current, strip.scene)
        elif strip.kind == StripKind.DAY_BREAK and current.scenes:
            row.day, current = current, DayTotal(current.number + 1)
            days.append(row.day)
    open_day = current if current.scenes else None
    has_calendar = _date_days(board, days + ([open_day] if open_day else []))
    return Sheet(board, rows, boneyard, days, open_day, has_calendar)


def _add_scene(day: DayTotal, scene) -> None:
    day.scenes += 1
    day.scene_ids.append(scene.pk)
    day.eighths += scene.eighths
    day.seconds += scene.screen_seconds or scene.eighths * SECONDS_PER_EIGHTH


def _date_days(board: Board, days: list[DayTotal]) -> bool:
    """Date each shoot day from the production calendar; False when there is none."""
    calendar = (
        ProductionCalendar.objects.filter(production_id=board.production_id)
        .prefetch_related("exceptions")
        .first()
    )
    if calendar is None:
        return False
    if days:
        columns = place_on_calendar(calendar, len(days))
        dates = [column.date for column in columns if column.type == DayType.SHOOT]
        for day, date in zip(days, dates, strict=True):
            day.date = date
    return True


# --- the strips as plain rows (API and CLI) ----------------------------------------------------


def strip_rows(board: Board) -> list[dict]:
    """The board's strips in position order (boneyard strips flagged where they stand), each
    with its shoot day and date as the board page counts them (a day break closing no scenes is
    no day; the boneyard has none); the stripboard page's four queries."""
    sheet = board_sheet(board)
    day_of: dict[int, DayTotal] = {}
    pending: list[int] = []
    for row in sheet.rows:
        pending.append(row.strip.pk)
        if row.day is not None:
            day_of.update(dict.fromkeys(pending, row.day))
            pending = []
        elif row.strip.kind == StripKind.DAY_BREAK:
            pending.pop()  # an empty day break ends no day
    if sheet.open_day is not None:
        day_of.update(dict.fromkeys(pending, sheet.open_day))
    strips = sorted((r.strip for r in (*sheet.rows, *sheet.boneyard)), key=lambda s: s.position)
    return [_strip_row(strip, day_of.get(strip.pk)) for strip in strips]


def _strip_row(strip: Strip, day: DayTotal | None) -> dict:
    scene = strip.scene
    return {
        "position": strip.position + 1,
        "kind": strip.kind,
        "shoot_day": day.number if day else None,
        "date": day.date if day else None,
        "in_boneyard": strip.in_boneyard,
        "scene": scene.public_id if scene else None,
        "number": scene.number if scene else "",
        "int_ext": scene.int_ext if scene else "",
        "set": scene.set_name if scene else "",
        "day_night": scene.day_night if scene else "",
        "eighths": scene.eighths if scene else None,
        "banner_kind": strip.banner_kind,
        "text": strip.text,
    }
