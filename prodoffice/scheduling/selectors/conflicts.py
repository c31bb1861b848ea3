"""Scheduling conflicts of a board: who or what is booked on a day they cannot be there.

A board's shoot days go on the production calendar as the day-out-of-days places them
(`dood.shoot_days`, `dood.place_on_calendar`); then, for each scene on its date:

- a cast member (an element linked to an engagement) works on a day inside one of the
  engagement's unavailability ranges (`cast_unavailable`);
- a cast member works before the engagement's start date or after its end date
  (`cast_outside_engagement`);
- the scene's set is mapped to a location that is unavailable that day (`location_unavailable`).

Eight queries whatever the board's size. Readiness of a shoot day at a location (agreement,
permit, insurance) is not checked here: that paperwork is a later issue.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from prodoffice.locations.models import LocationUnavailability, SetLocation, normalise_set_name
from prodoffice.productions.models import Unavailability
from prodoffice.scheduling.models import Board, DayType, Scene, SceneElement
from prodoffice.scheduling.selectors.dood import board_calendar, place_on_calendar, shoot_days

CAST_UNAVAILABLE = "cast_unavailable"
CAST_OUTSIDE_ENGAGEMENT = "cast_outside_engagement"
LOCATION_UNAVAILABLE = "location_unavailable"
KIND_LABELS = {
    CAST_UNAVAILABLE: "Cast unavailable",
    CAST_OUTSIDE_ENGAGEMENT: "Outside engagement dates",
    LOCATION_UNAVAILABLE: "Location unavailable",
}


def _day(value: datetime.date) -> str:
    """Tue 3 Mar 2027."""
    return f"{value:%a} {value.day} {value:%b %Y}"


def _span(start: datetime.date, end: datetime.date) -> str:
    return _day(start) if start == end else f"{_day(start)} – {_day(end)}"


@dataclass(frozen=True)
class Conflict:
    """One conflict: its kind, the shoot date, the scene, the element or location, a message."""

    kind: str
    date: datetime.date
    scene: Scene
    message: str
    element: object | None = None
    location: object | None = None
    shoot_day: int = 0

    @property
    def kind_label(self) -> str:
        """The kind in words."""
        return KIND_LABELS[self.kind]

    @property
    def subject(self) -> str:
        """Who or what is in conflict: the element or the location."""
        return str(self.element if self.element is not None else self.location)

    def as_dict(self) -> dict:
        """The CLI's and API's JSON shape."""
        return {
            "kind": self.kind,
            "date": self.date.isoformat(),
            "shoot_day": self.shoot_day,
            "scene": self.scene.number,
            "scene_id": str(self.scene.public_id),
            "element": str(self.element) if self.element is not None else None,
            "location": str(self.location) if self.location is not None else None,
            "message": self.message,
        }


@dataclass
class BoardConflicts:
    """The conflicts of one board, or why they could not be computed."""

    board: Board
    conflicts: list[Conflict] = field(default_factory=list)
    error: str = ""


def _scene_dates(board: Board) -> tuple[dict[int, datetime.date], dict[int, int]]:
    """Each scheduled scene's shoot date and shoot-day number (refused without a calendar)."""
    days = shoot_days(board)
    if not days:
        return {}, {}
    columns = place_on_calendar(board_calendar(board), len(days))
    dates = [c.date for c in columns if c.type == DayType.SHOOT]
    date_of, number_of = {}, {}
    for number, (scenes, date) in enumerate(zip(days, dates, strict=True), start=1):
        for scene_id in scenes:
            date_of[scene_id], number_of[scene_id] = date, number
    return date_of, number_of


def _cast_conflicts(scenes, date_of) -> list[Conflict]:
    """Cast working on days they are unavailable or not engaged."""
    links = SceneElement.objects.filter(
        scene_id__in=list(scenes), element__engagement__isnull=False
    ).select_related("element__engagement__person")
    by_scene = [(scenes[link.scene_id], link.element) for link in links]
    engagement_ids = {element.engagement_id for _, element in by_scene}
    ranges = defaultdict(list)
    for item in Unavailability.objects.filter(engagement_id__in=engagement_ids):
        ranges[item.engagement_id].append(item)
    out = []
    for scene, element in by_scene:
        out += _engagement_conflicts(scene, element, date_of[scene.pk], ranges)
    return out


def _engagement_conflicts(scene, element, date, ranges) -> list[Conflict]:
    """One cast element on one scene's date against its engagement's dates and ranges."""
    engagement, out = element.engagement, []
    who = f"{engagement.person} ({element})"
    for item in ranges[engagement.pk]:
        if item.covers(date):
            kind = item.get_kind_display().lower()
            span = _span(item.start_date, item.end_date)
            message = f"{who} is unavailable on {_day(date)}: {kind}, {span}."
            out.append(Conflict(CAST_UNAVAILABLE, date, scene, message, element=element))
    start, end = engagement.start_date, engagement.end_date
    if start and date < start:
        message = f"{who} works on {_day(date)}, before the engagement starts ({_day(start)})."
        out.append(Conflict(CAST_OUTSIDE_ENGAGEMENT, date, scene, message, element=element))
    if end and date > end:
        message = f"{who} works on {_day(date)}, after the engagement ends ({_day(end)})."
        out.append(Conflict(CAST_OUTSIDE_ENGAGEMENT, date, scene, message, element=element))
    return out


def _location_conflicts(production_id, scenes, date_of) -> list[Conflict]:
    """Scenes whose set's location cannot be used on their shoot day."""
    sets = {normalise_set_name(s.set_name) for s in scenes.values() if s.set_name}
    mapping = {
        m.set_name: m.location
        for m in SetLocation.objects.filter(
            production_id=production_id, set_name__in=sets
        ).select_related("location")
    }
    ranges = defaultdict(list)
    located = {location.pk for location in mapping.values()}
    for item in LocationUnavailability.objects.filter(location_id__in=located):
        ranges[item.location_id].append(item)
    out = []
    for scene in scenes.values():
        location = mapping.get(normalise_set_name(scene.set_name))
        if location is None:
            continue
        date = date_of[scene.pk]
        for item in ranges[location.pk]:
            if item.start_date <= date <= item.end_date:
                why = f": {item.reason}" if item.reason else ""
                message = (
                    f"{location} is unavailable on {_day(date)} "
                    f"({_span(item.start_date, item.end_date)}{why}); "
                    f"scene {scene.number} is set there."
                )
                out.append(Conflict(LOCATION_UNAVAILABLE, date, scene, message, location=location))
    return out


def board_conflicts(board: Board, sheet=None) -> list[Conflict]:
    """Every conflict of the board's scheduled scenes, by date, then board order.

    `sheet`: the board's `stripboard.board_sheet` when the caller has drawn it already (the
    board page): its strips, scenes and dated days stand in for three of the reads here."""
    if sheet is None:
        date_of, number_of = _scene_dates(board)
        if not date_of:
            return []
        scenes = {
            s.pk: s
            for s in Scene.objects.filter(pk__in=list(date_of)).only(
                "id", "public_id", "number", "set_name", "script_id"
            )
        }
    else:
        if (sheet.days or sheet.open_day) and not sheet.has_calendar:
            board_calendar(board)  # refused the same way as without a sheet
        date_of, number_of = sheet.scene_dates()
        if not date_of:
            return []
        scenes = sheet.scenes()
    found = _cast_conflicts(scenes, date_of)
    found += _location_conflicts(board.production_id, scenes, date_of)
    order = {scene_id: i for i, scene_id in enumerate(date_of)}
    found = [
        Conflict(c.kind, c.date, c.scene, c.message, c.element, c.location, number_of[c.scene.pk])
        for c in found
    ]
    return sorted(found, key=lambda c: (c.date, order[c.scene.pk], c.kind, c.subject))


def dated_board_conflicts(board: Board, sheet=None) -> list[Conflict]:
    """`board_conflicts`, or none while no production calendar dates the shoot days (the
    board and report pages still show; `production_conflicts` reports the reason instead)."""
    try:
        return board_conflicts(board, sheet)
    except ValidationError:
        return []


def group_by_scene(conflicts: list[Conflict]) -> dict[int, list[Conflict]]:
    """Conflicts keyed by scene id, for the strips of the board page."""
    grouped: dict[int, list[Conflict]] = defaultdict(list)
    for conflict in conflicts:
        grouped[conflict.scene.pk].append(conflict)
    return dict(grouped)


def conflicts_by_scene(board: Board) -> dict[int, list[Conflict]]:
    """The board's conflicts keyed by scene id."""
    return group_by_scene(board_conflicts(board))


def production_conflicts(production, boards=None) -> list[BoardConflicts]:
    """The conflicts of every board of the production (or of `boards`), the working board first."""
    boards = Board.objects.filter(production=production) if boards is None else boards
    boards = boards.order_by("-is_working", "name")
    out = []
    for board in boards:
        try:
            out.append(BoardConflicts(board, board_conflicts(board)))
        except ValidationError as exc:
            out.append(BoardConflicts(board, error=" ".join(exc.messages)))
    return out
