"""Benchmark: readiness of a board's location-days against its floor (issue 13).

    .venv/bin/python benchmarks/readiness.py [--repeat 30]

Seeds a dedicated SQLite database (a temporary directory) with a production whose working board
has 60 shoot days at each of 10 locations (600 scenes, ten a day, Monday-to-Friday calendar) and
500 documents (per location: agreements, certificates, permits with their dependencies, spread
over the shoot). Then, in one run:

  (a) queries of `readiness_for_board` on the board cut to 20 and to 60 days (constant);
  (b) wall and CPU time of `readiness_for_board`;
  (c) the floor: one query loading every document, then the pure `evaluate` over them and the
      location-days prebuilt in memory;
  (d) after one document changes, `readiness_for_location` of its location (the issue's bound:
      under 50 ms).

The seed writes with `bulk_create` (a fixture for measuring reads, as dood.py does).
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _seed

START = datetime.date(2027, 3, 1)
DAYS, LOCATIONS, DOCUMENTS = 60, 10, 500


def seed():
    """The production, its calendar, scenes mapped to 10 locations, the board, 500 documents."""
    from prodoffice.locations import models as lm
    from prodoffice.scheduling import models as m
    from prodoffice.scheduling.services.boards import board_create
    from prodoffice.scheduling.services.calendar import calendar_set
    from tests.support.factories import ProductionFactory

    production = ProductionFactory(code="READY", title="Readiness")
    calendar_set(actor=None, production=production, start_date=START, working_weekdays=range(5))
    script = m.Script.objects.create(production=production, revision_colour="White",
                                     source_filename="bench.fountain", source_format="fountain",
                                     sha256="0" * 64)  # fmt: skip
    scenes = m.Scene.objects.bulk_create(
        m.Scene(script=script, number=str(n), sort_key=m.scene_sort_key(str(n)), position=n,
                eighths=8, set_name=f"SET {n % LOCATIONS}")
        for n in range(1, LOCATIONS * DAYS + 1)
    )  # fmt: skip
    places = lm.Location.objects.bulk_create(
        lm.Location(production=production, name=f"Place {n}", kind="practical")
        for n in range(LOCATIONS)
    )
    lm.SetLocation.objects.bulk_create(
        lm.SetLocation(production=production, set_name=f"SET {n}", location=places[n])
        for n in range(LOCATIONS)
    )
    board = board_create(actor=None, production=production, name="Main", empty=True)
    board.is_working = True
    board.save()
    strips, position = [], 0
    for day in range(DAYS):
        for scene in scenes[LOCATIONS * day : LOCATIONS * (day + 1)]:
            strips.append(m.Strip(board=board, position=position, kind="scene", scene=scene))
            position += 1
        strips.append(m.Strip(board=board, position=position, kind="day_break"))
        position += 1
    m.Strip.objects.bulk_create(strips)
    _documents(production, places)
    return production, board, places


def _documents(production, places) -> None:
    """Per location 50 documents: 5 agreements, 15 COIs, 30 permits each on a COI."""
    from prodoffice.locations.models import Document

    end = START + datetime.timedelta(days=120)
    rows = []
    for place in places:
        for n in range(DOCUMENTS // LOCATIONS):
            kind = "location_agreement" if n < 5 else "coi" if n < 20 else "film_permit"
            first = START + datetime.timedelta(days=(n * 3) % 80)
            rows.append(Document(production=production, location=place, kind=kind,
                                 status="approved", title=f"{kind} {place.name} {n}",
                                 effective_date=START, expiry_date=end, covers_start=first,
                                 covers_end=first + datetime.timedelta(days=40),
                                 activities=["filming"]))  # fmt: skip
    Document.objects.bulk_create(rows)
    links = []
    for place in places:
        docs = list(Document.objects.filter(location=place).order_by("pk"))
        cois = [d for d in docs if d.kind == "coi"]
        for i, permit in enumerate(d for d in docs if d.kind == "film_permit"):
            links.append(
                Document.depends_on.through(from_document=permit, to_document=cois[i % 15])
            )
    Document.depends_on.through.objects.bulk_create(links)


def queries(call) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        call()
    return len(ctx.captured_queries)


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


def _floor(production, needs):
    """One query for every document, then the pure function (dependencies from the same rows)."""
    from prodoffice.locations.models import Document
    from prodoffice.locations.readiness import evaluate

    documents = list(Document.objects.filter(production=production).prefetch_related("depends_on"))
    for doc in documents:
        doc.dep_ids = [d.pk for d in doc.depends_on.all()]
    return evaluate(needs, documents, today=START, warn_days=14)


def _main(args) -> int:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from benchmarks._measure import timed
    from prodoffice.locations.models import Document
    from prodoffice.locations.readiness import (
        load_needs,
        readiness_for_board,
        readiness_for_location,
    )

    production, _board, places = seed()
    cut = START + datetime.timedelta(days=27)  # about 20 shoot days
    small = queries(lambda: readiness_for_board(production=production, end=cut))
    full = queries(lambda: readiness_for_board(production=production))
    rows = readiness_for_board(production=production)
    print(f"{len(rows)} location-days, {Document.objects.count()} documents")
    print(f"queries: 20 days {small}, 60 days {full}")
    needs = load_needs(production=production)
    place = places[3]

    changed = Document.objects.filter(location=place, kind="coi").order_by("pk").first()

    def recompute_one():
        Document.objects.filter(pk=changed.pk).update(insured_wording="changed")
        return readiness_for_location(production=production, location=place)

    results = timed(
        {
            "floor: 1 query + evaluate": lambda: _floor(production, needs),
            "readiness_for_board": lambda: readiness_for_board(production=production),
            "one location after a change": recompute_one,
        },
        repeat=args.repeat,
    )
    floor = results["floor: 1 query + evaluate"]
    print(f"\n{'':30} {'median ms':>10} {'cpu ms':>8} {'vs floor (wall)':>16} {'(cpu)':>7}")
    for name, r in results.items():
        wall, cpu = r["median_ms"] / floor["median_ms"], r["cpu_median_ms"] / floor["cpu_median_ms"]
        print(f"{name:30} {r['median_ms']:>10.2f} {r['cpu_median_ms']:>8.2f} "
              f"{wall:>15.2f}x {cpu:>6.2f}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodoffice.settings")
    raise SystemExit(main())
