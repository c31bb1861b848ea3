"""Benchmark: the stripboard page of a 300-strip board against its floor (board task, item 10).

    .venv/bin/python benchmarks/stripboard.py [--repeat N] [--json PATH]

Seeds a dedicated SQLite database (temporary directory) with one production: a 270-scene draft,
15 numbered cast elements (2 to 4 per scene), a production calendar and a working board of 300
strips (270 scenes, 30 day breaks), plus a 30-strip board for the query count. Then measures, in
one run, round-robin through Django's test client and the full middleware stack:

  (a) the stripboard page (`/p/<code>/boards/<id>/`) as the production coordinator;
  (b) the floor: the same 300 strips from one query rendered by a bare template
      (benchmarks/_stripboard_floor.py), no permissions, no layout, no totals, no forms;
  (c) queries per request of the page at 300 strips and at 30 strips.

Not part of the test suite; its figures depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _seed

REPO = Path(__file__).resolve().parent.parent
TARGET_RATIO = 2.0
SCENES, DAY_BREAKS, SMALL = 270, 30, 30


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return _seed.run_and_record(lambda: _run(args), _table, args.json)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--repeat", type=int, default=40, help="timed requests per path")
    p.add_argument("--json", default=str(REPO / "var/benchmarks/stripboard.json"))
    return p


def _seed_board():
    """The production, its coordinator, the draft, cast, calendar and the two boards."""
    import random

    from django.core.management import call_command

    from prodoffice.scheduling.models import (
        BreakdownCategory,
        Element,
        Scene,
        SceneElement,
        Script,
        Strip,
        StripKind,
        scene_sort_key,
    )
    from prodoffice.scheduling.services import boards
    from prodoffice.scheduling.services.calendar import calendar_set
    from tests.support.factories import MembershipFactory, ProductionFactory, UserFactory

    call_command("migrate", verbosity=0)
    production = ProductionFactory(code="STRIPS", title="Three hundred strips")
    user = UserFactory(username="bench-coordinator")
    MembershipFactory(user=user, production=production, role="coordinator")
    script = Script.objects.create(production=production, revision_colour="White",
                                   source_filename="bench.fountain", source_format="fountain",
                                   sha256="0" * 64)  # fmt: skip
    rng = random.Random(10)
    scenes = Scene.objects.bulk_create(
        Scene(script=script, number=str(n), sort_key=scene_sort_key(str(n)), position=n,
              int_ext=rng.choice(["INT", "EXT"]), day_night=rng.choice("DN"),
              set_name=f"SET {n % 40}", heading=f"INT. SET {n % 40} - DAY",
              eighths=rng.randint(1, 20))
        for n in range(1, SCENES + 1)
    )  # fmt: skip
    cast = BreakdownCategory.objects.create(production=production, ucid=100,
                                            name="Cast Members", colour="#e53935")  # fmt: skip
    elements = Element.objects.bulk_create(
        Element(production=production, category=cast, name=f"ROLE {n}", board_id=str(n))
        for n in range(1, 16)
    )
    SceneElement.objects.bulk_create(
        SceneElement(scene=scene, element=element)
        for scene in scenes
        for element in rng.sample(elements, rng.randint(2, 4))
    )
    calendar_set(actor=None, production=production, start_date=datetime.date(2027, 4, 5),
                        working_weekdays=range(5))  # fmt: skip
    big = boards.board_create(actor=None, production=production, name="Main")
    for day in range(DAY_BREAKS, 0, -1):
        boards.day_break_insert(actor=None, board=big, position=day * SCENES // DAY_BREAKS)
    # The 30-strip board: 27 of the same scenes and 3 day breaks (a fixture: bulk-created).
    small = boards.board_create(actor=None, production=production, name="Small", empty=True)
    Strip.objects.bulk_create(
        Strip(board=small, position=n, kind=StripKind.SCENE, scene=scene)
        for n, scene in enumerate(scenes[: SMALL - 3])
    )
    for day in (3, 2, 1):
        boards.day_break_insert(actor=None, board=small, position=day * (SMALL - 3) // 3)
    return production, user, big, small


def _run(args) -> dict:
    from django.test import Client

    from benchmarks import _measure
    from prodoffice.scheduling.models import Strip

    production, user, big, small = _seed_board()
    assert Strip.objects.filter(board=big).count() == SCENES + DAY_BREAKS
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    code = production.code
    page = f"/p/{code}/boards/{big.public_id}/"
    floor = f"/p/{code}/__floor__/stripboard/{big.public_id}/"
    html = _measure.get_ok(client, page).content.decode()
    rows = html.count('class="strip strip-')
    floor_rows = _measure.get_ok(client, floor).content.decode().count("<li>")
    timings = _measure.timed(
        {"page": lambda: client.get(page), "floor": lambda: client.get(floor)},
        repeat=args.repeat,
    )
    return {
        "meta": {
            "date": datetime.date.today().isoformat(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "repeat": args.repeat,
        },
        "rows": {"page": rows, "floor": floor_rows},
        "in_process": timings,
        "ratio_median": round(timings["page"]["median_ms"] / timings["floor"]["median_ms"], 2),
        "ratio_min": round(timings["page"]["min_ms"] / timings["floor"]["min_ms"], 2),
        "ratio_cpu": round(timings["page"]["cpu_median_ms"] / timings["floor"]["cpu_median_ms"], 2),
        "queries": {
            "strips_300": _measure.query_count(client, page),
            "strips_30": _measure.query_count(client, f"/p/{code}/boards/{small.public_id}/"),
        },
        "target_ratio": TARGET_RATIO,
    }


def _table(r: dict) -> str:
    t = r["in_process"]
    lines = [
        f"rows drawn: page {r['rows']['page']}, floor {r['rows']['floor']}",
        f"{'':<8} {'median ms':>10} {'min ms':>8} {'p90 ms':>8} {'cpu ms':>8}",
    ]
    for name in ("page", "floor"):
        row = t[name]
        lines.append(
            f"{name:<8} {row['median_ms']:>10} {row['min_ms']:>8} {row['p90_ms']:>8} "
            f"{row['cpu_median_ms']:>8}"
        )
    lines.append(
        f"ratio page/floor: median {r['ratio_median']}x, min {r['ratio_min']}x, "
        f"cpu {r['ratio_cpu']}x (target {TARGET_RATIO}x)"
    )
    q = r["queries"]
    lines.append(f"queries: {q['strips_300']} at 300 strips, {q['strips_30']} at 30 strips")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
