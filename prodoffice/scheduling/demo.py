"""The demo production's schedule: the HARBOR script, its calendar and a working stripboard.

Called by `prodoffice demo` through `SchedulingConfig.demo_extend` (productions sits below
scheduling and cannot import it). Written through the services as the system; idempotent: a
production that already has a script is left alone.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from prodoffice.scheduling.models import Board, Scene, Script, Strip
from prodoffice.scheduling.services import boards
from prodoffice.scheduling.services.calendar import calendar_set
from prodoffice.scheduling.services.script import script_import

SCRIPT = Path(__file__).resolve().parent / "fixtures" / "harbor_lights.fountain"
#: A shoot day ends once it holds this many eighths (or three scenes): a demo-sized day.
DAY_EIGHTHS = 8
DAY_SCENES = 3
EXCEPTIONS = [
    (datetime.date(2027, 4, 16), "travel", "Company travel to Catalina"),
    (datetime.date(2027, 5, 31), "holiday", "Memorial Day"),
]


def demo_schedule(production) -> bool:
    """Import the script, set the calendar, build the working board; False when already there."""
    if Script.objects.filter(production=production).exists():
        return False
    script_import(actor=None, production=production, filename=SCRIPT.name, data=SCRIPT.read_bytes())
    start = production.shoot_start or datetime.date(2027, 4, 5)
    calendar_set(actor=None, production=production, start_date=start,
                        working_weekdays=range(5), exceptions=EXCEPTIONS)  # fmt: skip
    board = boards.board_create(actor=None, production=production, name="Shooting schedule")
    _order_by_location(board)
    _end_days(board)
    boards.board_copy(actor=None, board=board, name="What-if: nights first")
    return True


def _location(scene: Scene) -> str:
    return scene.set_name.split(" - ")[0]


def _order_by_location(board: Board) -> None:
    """Days before nights, each set's scenes together: how a first draft of a schedule starts."""
    strips = list(Strip.objects.filter(board=board).select_related("scene"))
    first_seen = {}
    for strip in sorted(strips, key=lambda s: s.scene.position):
        first_seen.setdefault(_location(strip.scene), len(first_seen))
    wanted = sorted(
        strips,
        key=lambda s: (s.scene.day_night, first_seen[_location(s.scene)], s.scene.position),
    )
    for index, strip in enumerate(wanted):
        boards.strip_move(actor=None, strip=strip, to_position=index)


def _end_days(board: Board) -> None:
    """Day breaks after every DAY_EIGHTHS eighths or DAY_SCENES scenes; a meal banner on day 1."""
    strips = list(Strip.objects.filter(board=board).select_related("scene").order_by("position"))
    ends, eighths, count = [], 0, 0
    for strip in strips:
        eighths, count = eighths + strip.scene.eighths, count + 1
        if eighths >= DAY_EIGHTHS or count >= DAY_SCENES:
            ends.append(strip.position + 1)
            eighths = count = 0
    if count:
        ends.append(len(strips))
    for position in reversed(ends):
        boards.day_break_insert(actor=None, board=board, position=position)
    boards.banner_insert(actor=None, board=board, position=2, banner_kind="meal", text="Lunch")
