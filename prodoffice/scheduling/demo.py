"""The demo production's schedule: the HARBOR script, its calendar and a working stripboard.

Called by `prodoffice demo` through `SchedulingConfig.demo_extend` (productions sits below
scheduling and cannot import it). Written through the services as the system; idempotent: a
production that already has a script is left alone.

The board is a first draft as an assistant director starts one: day scenes before night scenes,
each location's sets together, days cut by page count (about 3 4/8 pages, never past 4 4/8), a
new location after a fair day's work waits for the next morning, and the company travels to
Catalina the day before the island's scenes.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from string import capwords

from prodoffice.scheduling.models import Board, Scene, Script, Strip, StripKind
from prodoffice.scheduling.services import boards
from prodoffice.scheduling.services.calendar import calendar_set
from prodoffice.scheduling.services.script import script_import

SCRIPT = Path(__file__).resolve().parent / "fixtures" / "harbor_lights.fountain"
#: A shoot day ends once it holds DAY_EIGHTHS eighths (3 4/8 pages) and never goes past
#: MAX_EIGHTHS (4 4/8); a new location after MOVE_EIGHTHS (2 4/8 pages), or a second company
#: move, waits for the next day, and so does the crossing to or from the island.
DAY_EIGHTHS = 28
MAX_EIGHTHS = 36
MOVE_EIGHTHS = 20
#: Sets on Santa Catalina Island: the company travels there the working day before.
ISLAND = ("AVALON HARBOR", "CATALINA FERRY")
DEFAULT_START = datetime.date(2027, 4, 26)
HOLIDAYS = [(datetime.date(2027, 5, 31), "holiday", "Memorial Day")]
TRAVEL = "Company travel to Catalina"


def demo_schedule(production) -> bool:
    """Import the script, build the working board, set the calendar; False when already there."""
    if Script.objects.filter(production=production).exists():
        return False
    script_import(actor=None, production=production, filename=SCRIPT.name, data=SCRIPT.read_bytes())
    board = boards.board_create(actor=None, production=production, name="Shooting schedule")
    _order_by_location(board)
    days = _end_days(board)
    start = production.shoot_start or DEFAULT_START
    exceptions = list(HOLIDAYS)
    island_day = next((n for n, day in enumerate(days) if _location(day[0]) in ISLAND), None)
    if island_day is not None:
        travel = shoot_dates(start, island_day + 1, exceptions)[island_day]
        exceptions.append((travel, "travel", TRAVEL))
    calendar_set(actor=None, production=production, start_date=start,
                 working_weekdays=range(5), exceptions=exceptions)  # fmt: skip
    boards.board_copy(actor=None, board=board, name="What-if: nights first")
    return True


def shoot_dates(start: datetime.date, count: int, exceptions) -> list[datetime.date]:
    """The first `count` working days (Monday to Friday, exception days off) from `start`."""
    off = {date for date, _type, _name in exceptions}
    dates, day = [], start
    while len(dates) < count:
        if day.weekday() < 5 and day not in off:
            dates.append(day)
        day += datetime.timedelta(days=1)
    return dates


def _location(scene: Scene) -> str:
    return scene.set_name.split(" - ")[0]


def _order_by_location(board: Board) -> None:
    """Days before nights, each location's sets together: how a first draft of a schedule starts."""
    strips = list(Strip.objects.filter(board=board).select_related("scene"))
    first_seen: dict[str, int] = {}
    for strip in sorted(strips, key=lambda s: s.scene.position):
        first_seen.setdefault(_location(strip.scene), len(first_seen))
        first_seen.setdefault(strip.scene.set_name, len(first_seen))

    def key(strip: Strip) -> tuple:
        scene = strip.scene
        night = scene.day_night == "N"
        return (night, first_seen[_location(scene)], first_seen[scene.set_name], scene.position)

    wanted = sorted(strips, key=key)
    boards.board_reorder(actor=None, board=board, strip_ids=[s.pk for s in wanted])


def _end_days(board: Board) -> list[list[Scene]]:
    """Cut the board into shoot days by page count, with a lunch banner on day 1 and a
    company-move banner wherever a day changes location, in one write. The scenes of each day."""
    strips = Strip.objects.filter(board=board, kind=StripKind.SCENE).select_related("scene")
    days: list[list[Scene]] = []
    ends: list[int] = []
    banners: list[tuple[int, str, str]] = []
    for strip in strips.order_by("position"):
        scene = strip.scene
        if not days or _day_is_over(days[-1], scene):
            ends += [strip.position] if days else []
            days.append([])
        elif _location(scene) != _location(days[-1][-1]):
            banners.append((strip.position, "company_move", f"Company move to {_place(scene)}"))
        days[-1].append(scene)
    if days:
        ends.append(len(strips))
        banners.append((max(1, len(days[0]) // 2), "meal", "Lunch"))
    boards.breaks_insert(actor=None, board=board, day_ends=ends, banners=banners)
    return days


def _day_is_over(day: list[Scene], scene: Scene) -> bool:
    """Whether `scene` starts the next shoot day instead of joining `day`."""
    eighths = sum(s.eighths for s in day)
    moving = _location(scene) != _location(day[-1])
    moved = len({_location(s) for s in day}) > 1
    night_falls = (scene.day_night == "N") != (day[-1].day_night == "N")
    crossing = (_location(scene) in ISLAND) != (_location(day[-1]) in ISLAND)
    return (
        eighths >= DAY_EIGHTHS
        or eighths + scene.eighths > MAX_EIGHTHS
        or night_falls
        or crossing
        or (moving and (moved or eighths >= MOVE_EIGHTHS))
    )


def _place(scene: Scene) -> str:
    """A location as a banner names it: NORA'S APARTMENT -> Nora's Apartment."""
    return capwords(_location(scene).lower())
