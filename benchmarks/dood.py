"""Benchmark: the day-out-of-days of a board against its floor, the pure engine on the same data.

    .venv/bin/python benchmarks/dood.py [--repeat 30]

Seeds a dedicated SQLite database (a temporary directory) with three productions whose boards
have 50, 100 and 150 scenes over 20, 40 and 60 shoot days, 40 cast members and 20 props, on a
Monday-to-Friday calendar with two holidays. Then, in one run:

  (a) queries of `dood.day_out_of_days(board)` and of `reports.board_schedule(board)` at 50, 100
      and 150 scenes (they must not grow with the board);
  (b) wall and CPU time of the DOOD selector on the 150-scene board, of its CSV export, and of
      the shooting schedule's rows (for scale: the floor is the DOOD engine's);
  (c) the floor: `engine.dood.day_out_of_days` alone on the same calendar columns and the same
      element work days, prebuilt in memory (no database, no Django);
  (d) the ratios of (b) to (c), measured in turns in the same process.

The seed writes with `bulk_create` directly (a fixture for measuring reads, as `_seed.py` does):
the services audit one row at a time, which is not what is measured here.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _seed

SIZES = ((50, 20), (100, 40), (150, 60))  # (scenes, shoot days)
N_CAST, N_PROPS = 40, 20
START = datetime.date(2027, 3, 1)
HOLIDAYS = (datetime.date(2027, 4, 5), datetime.date(2027, 5, 31))


def seed_board(size: int, days: int, rng: random.Random):
    """A production with a calendar, a draft of `size` scenes, its breakdown and a board."""
    from prodoffice.scheduling import models as m
    from prodoffice.scheduling.services.boards import board_create
    from prodoffice.scheduling.services.calendar import calendar_set
    from tests.support.factories import ProductionFactory

    production = ProductionFactory(code=f"DOOD{size}", title=f"DOOD {size}")
    calendar_set(actor=None, production=production, start_date=START, working_weekdays=range(5),
                 exceptions=[(d, "holiday", "Holiday") for d in HOLIDAYS])  # fmt: skip
    script = m.Script.objects.create(production=production, revision_colour="White",
                                     source_filename="bench.fountain", source_format="fountain",
                                     sha256="0" * 64)  # fmt: skip
    scenes = m.Scene.objects.bulk_create(
        m.Scene(script=script, number=str(n), sort_key=m.scene_sort_key(str(n)), position=n,
                eighths=rng.randint(2, 24), set_name=f"SET {n % 30}", synopsis=f"Scene {n}.")
        for n in range(1, size + 1)
    )  # fmt: skip
    category = m.BreakdownCategory.objects.create
    cast_cat = category(production=production, ucid=100, name="Cast Members", colour="#e53935")
    prop_cat = category(production=production, ucid=104, name="Props", colour="#8e24aa")
    cast = m.Element.objects.bulk_create(
        m.Element(production=production, category=cast_cat, name=f"ACTOR {n}", board_id=str(n),
                  drop_allowed=n % 4 == 0)
        for n in range(1, N_CAST + 1)
    )  # fmt: skip
    props = m.Element.objects.bulk_create(
        m.Element(production=production, category=prop_cat, name=f"Prop {n}")
        for n in range(1, N_PROPS + 1)
    )
    links = []
    for scene in scenes:
        chosen = rng.sample(cast, rng.randint(2, 6)) + rng.sample(props, rng.randint(0, 3))
        links += [m.SceneElement(scene=scene, element=element) for element in chosen]
    m.SceneElement.objects.bulk_create(links)
    board = board_create(actor=None, production=production, name="Main", empty=True)
    m.Strip.objects.bulk_create(_strips(board, scenes, days))
    return board


def _strips(board, scenes, days: int):
    """Scene strips in a shuffled order, cut into `days` days by day breaks."""
    from prodoffice.scheduling.models import Strip, StripKind

    order = list(scenes)
    random.Random(len(scenes)).shuffle(order)
    per_day = [len(order) // days + (i < len(order) % days) for i in range(days)]
    strips, position, index = [], 0, 0
    for day, count in enumerate(per_day):
        for scene in order[index : index + count]:
            strips.append(Strip(board=board, position=position, kind=StripKind.SCENE, scene=scene))
            position += 1
        index += count
        if day < days - 1:
            strips.append(Strip(board=board, position=position, kind=StripKind.DAY_BREAK))
            position += 1
    return strips


def queries(call) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        call()
    return len(ctx.captured_queries)


def floor_input(board):
    """The engine's input for the board, prebuilt once: calendar columns and element days."""
    from prodoffice.scheduling.engine import dood as engine
    from prodoffice.scheduling.models import Element
    from prodoffice.scheduling.selectors.dood import day_out_of_days

    dood = day_out_of_days(board)
    rules = {
        e.name: engine.DoodRules(e.hold_allowed, e.drop_allowed, e.drop_min_days)
        for e in Element.objects.filter(production=board.production)
    }
    elements = [
        engine.ElementDays(
            line.element,
            {d for d, code in line.row.codes.items() if code in engine.WORK_CODES},
            rules=rules[line.element],
        )
        for line in dood.lines
    ]
    return dood.days, elements, dood


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    env = _seed.configure()
    try:
        return _main(args)
    finally:
        if "SQLITE_PATH" in env:
            shutil.rmtree(env["PRODOFFICE_VAR_DIR"], ignore_errors=True)


def _main(args) -> int:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from benchmarks._measure import timed
    from prodoffice.scheduling.engine import dood as engine
    from prodoffice.scheduling.report_exports import report_export
    from prodoffice.scheduling.selectors.dood import day_out_of_days
    from prodoffice.scheduling.selectors.reports import board_schedule

    rng = random.Random(7)
    boards = {size: seed_board(size, days, rng) for size, days in SIZES}
    print("queries (scenes: DOOD selector / schedule report):")
    for size, days in SIZES:
        board = boards[size]
        dood_q, report_q = (
            queries(lambda b=board: day_out_of_days(b)),
            queries(lambda b=board: board_schedule(b)),
        )
        print(f"  {size} scenes, {days} shoot days: {dood_q} / {report_q}")
    board = boards[150]
    columns, elements, dood = floor_input(board)
    check = engine.day_out_of_days(columns, elements)
    assert [row.codes for row in check] == [line.row.codes for line in dood.lines]
    print(f"150 scenes: {len(dood.lines)} DOOD rows, {len(columns)} calendar days, "
          f"{len(dood.shoot_days)} shoot days")  # fmt: skip
    results = timed(
        {
            "floor: engine.dood alone": lambda: engine.day_out_of_days(columns, elements),
            "dood.day_out_of_days(board)": lambda: day_out_of_days(board),
            "DOOD CSV export": lambda: report_export(board, "dood", "csv"),
            "shooting schedule rows": lambda: board_schedule(board),
        },
        repeat=args.repeat,
    )
    floor = results["floor: engine.dood alone"]
    print(f"\n{'':32} {'median ms':>10} {'cpu ms':>8} {'vs floor (wall)':>16} {'(cpu)':>7}")
    for name, r in results.items():
        wall, cpu = r["median_ms"] / floor["median_ms"], r["cpu_median_ms"] / floor["cpu_median_ms"]
        print(f"{name:32} {r['median_ms']:>10.2f} {r['cpu_median_ms']:>8.2f} "
              f"{wall:>15.2f}x {cpu:>6.2f}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodoffice.settings")
    raise SystemExit(main())
