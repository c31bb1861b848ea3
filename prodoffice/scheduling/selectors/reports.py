"""Reports of a board: the shooting schedule, the one-liner and the breakdown summary per element.

One pass over the board builds all three in four queries whatever its size: the strips with their
scenes, the scenes' breakdown links with elements and categories, the production calendar and its
exception days. Shoot days are the runs of scene strips between day breaks, as in
`dood.shoot_days` (boneyard strips left out, a run without scenes is no day); a banner stays with
the day it stands in, a banner in a run without scenes goes with the next day (or the last one).
Days get their dates from the production calendar (`dood.place_on_calendar`); without a calendar
they have none. The web pages, the exports and the CLI all read these rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from prodoffice.scheduling.engine.board_ids import board_id_key
from prodoffice.scheduling.engine.categories import CAST
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

#: One-liner synopses are cut to this many characters.
SHORT_SYNOPSIS = 60


@dataclass(frozen=True)
class ElementRef:
    """A breakdown element as the reports show it."""

    pk: int
    category: str
    ucid: int
    board_id: str
    name: str

    @property
    def label(self) -> str:
        """`1. ANN` for a cast member with a board ID, the name otherwise."""
        return f"{self.board_id}. {self.name}" if self.board_id else self.name

    def order(self) -> tuple:
        """Cast first, then by category UCID, board ID and name (as the DOOD orders them)."""
        return (self.ucid != CAST, self.ucid, board_id_key(self.board_id, self.name))


@dataclass
class SceneLine:
    """One scene of the schedule with its breakdown."""

    number: str
    int_ext: str
    set_name: str
    day_night: str
    time_of_day: str
    eighths: int
    synopsis: str
    script_page: int
    scene_id: int
    public_id: str
    cast: list[ElementRef] = field(default_factory=list)
    elements: list[ElementRef] = field(default_factory=list)

    kind = "scene"

    @property
    def pages(self) -> str:
        """`1 4/8`."""
        return format_eighths(self.eighths)

    @property
    def short_synopsis(self) -> str:
        """The synopsis cut for the one-liner."""
        text = self.synopsis
        return text if len(text) <= SHORT_SYNOPSIS else text[: SHORT_SYNOPSIS - 1].rstrip() + "…"

    @property
    def cast_ids(self) -> str:
        """Board IDs of the cast (names where a cast member has no ID), comma-separated."""
        return ", ".join(ref.board_id or ref.name for ref in self.cast)

    @property
    def by_category(self) -> list[tuple[str, list[str]]]:
        """The other elements grouped by category, categories by UCID, names sorted."""
        groups: dict[str, list[str]] = {}
        for ref in self.elements:
            groups.setdefault(ref.category, []).append(ref.label)
        return [(name, sorted(labels, key=str.lower)) for name, labels in groups.items()]


@dataclass
class BannerLine:
    """A banner strip: company move, meal or note."""

    label: str
    text: str

    kind = "banner"


@dataclass
class ShootDay:
    """One shoot day: its number of the total, its date (None without a calendar), its strips."""

    number: int
    of: int
    date: datetime.date | None
    items: list[SceneLine | BannerLine]

    @property
    def scenes(self) -> list[SceneLine]:
        return [item for item in self.items if item.kind == "scene"]

    @property
    def eighths(self) -> int:
        """The day's page total in eighths."""
        return sum(scene.eighths for scene in self.scenes)

    @property
    def pages(self) -> str:
        return format_eighths(self.eighths)


@dataclass
class BoardSchedule:
    """The shooting schedule of a board: its shoot days in order."""

    board: Board
    days: list[ShootDay]
    has_calendar: bool

    @property
    def eighths(self) -> int:
        """The grand total in eighths."""
        return sum(day.eighths for day in self.days)

    @property
    def pages(self) -> str:
        return format_eighths(self.eighths)

    @property
    def scene_count(self) -> int:
        return sum(len(day.scenes) for day in self.days)


def board_schedule(board: Board) -> BoardSchedule:
    """The shooting schedule of a board (four queries)."""
    runs = _runs(board)
    breakdown = _breakdown(board)
    for run in runs:
        for item in run:
            if item.kind == "scene":
                _attach(item, breakdown.get(item.scene_id, []))
    calendar = _calendar(board)
    dates = _dates(calendar, len(runs))
    days = [ShootDay(n, len(runs), dates[n - 1], run) for n, run in enumerate(runs, start=1)]
    return BoardSchedule(board, days, calendar is not None)


def _runs(board: Board) -> list[list[SceneLine | BannerLine]]:
    """The board's strips cut at day breaks into days with at least one scene."""
    strips = (
        Strip.objects.filter(board=board, in_boneyard=False)
        .select_related("scene")
        .defer("scene__text")  # the whole scene's text: never shown in a report
        .order_by("position")
    )
    runs: list[list] = [[]]
    for strip in strips:
        if strip.kind == StripKind.DAY_BREAK:
            runs.append([])
        elif strip.kind == StripKind.SCENE:
            runs[-1].append(_scene_line(strip.scene))
        else:
            runs[-1].append(BannerLine(strip.get_banner_kind_display(), strip.text))
    days: list[list] = []
    carried: list = []
    for run in runs:
        if any(item.kind == "scene" for item in run):
            days.append(carried + run)
            carried = []
        else:
            carried += run
    if days and carried:
        days[-1] += carried
    return days


def _scene_line(scene) -> SceneLine:
    return SceneLine(
        number=scene.number,
        int_ext=scene.get_int_ext_display() if scene.int_ext else "",
        set_name=scene.set_name,
        day_night=scene.day_night,
        time_of_day=scene.time_of_day,
        eighths=scene.eighths,
        synopsis=scene.synopsis or scene.summary.strip().split("\n")[0][:300],
        script_page=scene.script_page,
        scene_id=scene.pk,
        public_id=str(scene.public_id),
    )


def _breakdown(board: Board) -> dict[int, list[ElementRef]]:
    """Elements of every scheduled scene of the board, by scene id (tuples, not instances)."""
    links = SceneElement.objects.filter(
        scene__strips__board=board, scene__strips__in_boneyard=False
    ).values_list(
        "scene_id",
        "element_id",
        "element__category__name",
        "element__category__ucid",
        "element__board_id",
        "element__name",
    )
    by_scene: dict[int, list[ElementRef]] = {}
    for scene_id, *ref in links:
        by_scene.setdefault(scene_id, []).append(ElementRef(*ref))
    return by_scene


def _attach(scene: SceneLine, refs: list[ElementRef]) -> None:
    """Cast and other elements of a scene, each in report order."""
    ordered = sorted(refs, key=ElementRef.order)
    scene.cast = [ref for ref in ordered if ref.ucid == CAST]
    scene.elements = [ref for ref in ordered if ref.ucid != CAST]


def _calendar(board: Board) -> ProductionCalendar | None:
    return (
        ProductionCalendar.objects.filter(production_id=board.production_id)
        .prefetch_related("exceptions")
        .first()
    )


def _dates(calendar: ProductionCalendar | None, count: int) -> list[datetime.date | None]:
    """The date of each shoot day, or None for every day without a calendar."""
    if calendar is None or not count:
        return [None] * count
    columns = place_on_calendar(calendar, count)
    return [column.date for column in columns if column.type == DayType.SHOOT]


# --- one-liner and breakdown summary: pure reshapes of the schedule ---------------------------


@dataclass
class OneLine:
    """A line of the one-liner: a scene, a banner or the end of a day."""

    kind: str  # "scene", "banner" or "day"
    day: ShootDay
    scene: SceneLine | None = None
    banner: BannerLine | None = None


def one_liner(schedule: BoardSchedule) -> list[OneLine]:
    """One line per scene and banner, a day-break line closing each day."""
    lines: list[OneLine] = []
    for day in schedule.days:
        for item in day.items:
            if item.kind == "scene":
                lines.append(OneLine("scene", day, scene=item))
            else:
                lines.append(OneLine("banner", day, banner=item))
        lines.append(OneLine("day", day))
    return lines


@dataclass
class ElementSummary:
    """One element across the board: its scenes, their pages and the shoot days it works."""

    element: ElementRef
    scenes: list[str] = field(default_factory=list)
    eighths: int = 0
    days: list[int] = field(default_factory=list)

    @property
    def pages(self) -> str:
        return format_eighths(self.eighths)


def element_summary(schedule: BoardSchedule) -> list[ElementSummary]:
    """Every element of a scheduled scene, cast first (in DOOD order)."""
    rows: dict[int, ElementSummary] = {}
    for day in schedule.days:
        for scene in day.scenes:
            for ref in scene.cast + scene.elements:
                row = rows.setdefault(ref.pk, ElementSummary(ref))
                row.scenes.append(scene.number)
                row.eighths += scene.eighths
                if not row.days or row.days[-1] != day.number:
                    row.days.append(day.number)
    return sorted(rows.values(), key=lambda row: row.element.order())
