"""Benchmark: a call sheet of 150 crew, 30 cast and 12 scenes (issue 14's figures).

    .venv/bin/python benchmarks/callsheet.py [--repeat N] [--json PATH]

Seeds a dedicated SQLite database (temporary directory): one production, a 12-scene shoot day
with 30 cast elements engaged (4 to 8 per scene), 150 confirmed crew in the called departments,
a working board and calendar, the sheet published. Then measures, in one run:

  (a) the published sheet's page (`/p/<code>/callsheets/<id>/`) against its floor view
      (benchmarks/_callsheet_floor.py: the same request pipeline, one query for the snapshot,
      the sheet's own body template; no permissions, no app shell), and against that template
      alone in process (no request at all); the page's queries at 180 people and at 18;
  (b) the full PDF view against WeasyPrint alone on the same final HTML;
  (c) 180 personal slips rendered as the background task does (a pool of forked processes,
      one chunk of recipients each: one layout, one write per person), against the same in
      one process, in the same run;
  (d) `callsheet_send` to 180 recipients: the request's share (rows and one queued task).

Not part of the test suite; its figures depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _seed

REPO = Path(__file__).resolve().parent.parent
CREW, CAST, SCENES = 150, 30, 12
DAY = datetime.date(2027, 4, 5)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return _seed.run_and_record(lambda: _run(args), _table, args.json)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--repeat", type=int, default=15, help="timed requests per path")
    p.add_argument("--json", default=str(REPO / "var/benchmarks/callsheet.json"))
    return p


def _seed_day(code: str, crew: int, cast: int):
    """A production with one shoot day of 12 scenes, `cast` performers and `crew` crew."""
    import random

    from prodoffice.callsheets.services import sheets
    from prodoffice.scheduling.models import (
        BreakdownCategory,
        Element,
        Scene,
        SceneElement,
        Script,
        scene_sort_key,
    )
    from prodoffice.scheduling.services import boards
    from prodoffice.scheduling.services.calendar import calendar_set
    from tests.support.factories import (
        EngagementFactory,
        MembershipFactory,
        PersonFactory,
        ProductionFactory,
        UserFactory,
        position,
    )

    production = ProductionFactory(code=code, title=f"Call sheet {code}")
    user = UserFactory(username=f"bench-{code.lower()}")
    MembershipFactory(user=user, production=production, role="production_manager")
    script = Script.objects.create(
        production=production,
        revision_colour="White",
        source_filename="b.fountain",
        source_format="fountain",
        sha256="0" * 64,
    )
    rng = random.Random(14)
    scenes = Scene.objects.bulk_create(
        Scene(
            script=script,
            number=str(n),
            sort_key=scene_sort_key(str(n)),
            position=n,
            int_ext="INT",
            day_night="D",
            set_name=f"SET {n % 4}",
            eighths=rng.randint(2, 6),
        )
        for n in range(1, SCENES + 1)
    )
    category = BreakdownCategory.objects.create(
        production=production, ucid=100, name="Cast Members", colour="#e53935"
    )
    lead = position("Lead Actor")
    elements = [
        Element.objects.create(
            production=production,
            category=category,
            name=f"ROLE {n}",
            board_id=str(n),
            engagement=EngagementFactory(
                production=production, position=lead, character=f"Role {n}"
            ),
        )
        for n in range(1, cast + 1)
    ]
    SceneElement.objects.bulk_create(
        SceneElement(scene=scene, element=element)
        for scene in scenes
        for element in rng.sample(elements, min(len(elements), rng.randint(4, 8)))
    )
    used = set(SceneElement.objects.filter(scene__in=scenes).values_list("element_id", flat=True))
    for element in elements:  # every performer works the day
        if element.pk not in used:
            SceneElement.objects.create(scene=scenes[0], element=element)
    titles = [
        "Grip",
        "Electrician",
        "Camera Operator",
        "Boom Operator",
        "Make-up Artist",
        "Costume Designer",
        "Driver",
        "Set Dresser",
    ]
    positions = [p for p in (_maybe(position, t) for t in titles) if p is not None]
    for n in range(crew):
        EngagementFactory(
            production=production, person=PersonFactory(), position=positions[n % len(positions)]
        )
    calendar_set(actor=None, production=production, start_date=DAY, working_weekdays=range(5))
    board = boards.board_create(actor=None, production=production, name="Main")
    sheet = sheets.callsheet_draft(actor=user, production=production, day=DAY, board=board)
    sheet = sheets.callsheet_publish(actor=user, sheet=sheet, override_reason="Benchmark")
    return production, user, sheet


def _maybe(fn, title):
    try:
        return fn(title)
    except Exception:
        return None


def _run(args) -> dict:
    from django.core.management import call_command
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from benchmarks import _measure
    from prodoffice.callsheets.models import Recipient
    from prodoffice.callsheets.selectors.slip import render_slip_pdfs, slip_from_snapshot
    from prodoffice.callsheets.services import distribution
    from prodoffice.core.pdf import layout

    call_command("migrate", verbosity=0)
    production, user, sheet = _seed_day("CALLBIG", CREW, CAST)
    small, small_user, small_sheet = _seed_day("CALLSML", CREW // 10, CAST // 10)
    people = sum(len(g["people"]) for g in sheet.snapshot["crew"]) + len(sheet.snapshot["cast"])
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    page = f"/p/{production.code}/callsheets/{sheet.public_id}/"
    pdf_url = page + "pdf/"
    context = {"d": sheet.snapshot, "day": sheet.date}

    def floor():
        return render_to_string("callsheets/_sheet_body.html", context)

    html = render_to_string("callsheets/pdf/sheet.html", context)
    floor_view = f"/p/{production.code}/__floor__/callsheet/{sheet.public_id}/"
    assert client.get(floor_view).status_code == 200
    timings = _measure.timed(
        {
            "page": lambda: client.get(page),
            "floor_view": lambda: client.get(floor_view),
            "floor": floor,
        },
        repeat=args.repeat,
    )
    pdfs = _measure.timed(
        {"pdf_view": lambda: client.get(pdf_url), "weasyprint": lambda: layout(html).write_pdf()},
        repeat=max(3, args.repeat // 5),
        warmup=1,
    )
    small_client = Client(SERVER_NAME="localhost")
    small_client.force_login(small_user)
    queries = {
        f"people_{people}": _measure.query_count(client, page),
        "people_small": _measure.query_count(
            small_client, f"/p/{small.code}/callsheets/{small_sheet.public_id}/"
        ),
    }
    contexts = [
        slip_from_snapshot(sheet.snapshot, e, name="Someone", changes=[])
        for e in _engagements(sheet.snapshot)
    ]
    # One process (the first round's product) against the pool of forked processes (now the
    # product), in the same run. (The pypdf split measured in the first round: README.)
    t0, c0 = time.perf_counter(), time.process_time()
    serial = render_slip_pdfs(contexts, workers=1)
    serial_seconds, serial_cpu = time.perf_counter() - t0, time.process_time() - c0
    before = _children_cpu()
    t0, c0 = time.perf_counter(), time.process_time()
    slips = render_slip_pdfs(contexts)
    slip_seconds = time.perf_counter() - t0
    slip_cpu = time.process_time() - c0
    children = _children_cpu() - before
    assert len(serial) == len(slips)
    # The settings' database task backend: sending writes the rows and one task row, as a
    # request does; the worker's share (the slips and mails) is measured above.
    with CaptureQueriesContext(connection) as sent:
        t0 = time.perf_counter()
        queued = distribution.callsheet_send(actor=user, sheet=sheet)
        send_seconds = time.perf_counter() - t0
    assert Recipient.objects.filter(sheet=sheet).count() == people
    return {
        "meta": {
            "date": datetime.date.today().isoformat(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "repeat": args.repeat,
            "people": people,
            "scenes": SCENES,
        },
        "page": timings,
        "ratio_page_floor_view": round(
            timings["page"]["median_ms"] / timings["floor_view"]["median_ms"], 2
        ),
        "ratio_page_floor_view_cpu": round(
            timings["page"]["cpu_median_ms"] / timings["floor_view"]["cpu_median_ms"], 2
        ),
        "ratio_page_floor": round(timings["page"]["median_ms"] / timings["floor"]["median_ms"], 2),
        "ratio_page_floor_cpu": round(
            timings["page"]["cpu_median_ms"] / timings["floor"]["cpu_median_ms"], 2
        ),
        "queries": queries,
        "pdf": pdfs,
        "ratio_pdf": round(pdfs["pdf_view"]["median_ms"] / pdfs["weasyprint"]["median_ms"], 2),
        "slips": {
            "count": len(slips),
            "seconds": round(slip_seconds, 2),
            "cpu_seconds": round(slip_cpu, 2),
            "pages_max": max(_pages(pdf) for pdf in slips),
            "bytes_max": max(len(pdf) for pdf in slips),
            "workers": min(os.cpu_count() or 1, len(contexts)),
            "children_cpu_seconds": round(children, 2),
            "one_process_seconds": round(serial_seconds, 2),
            "one_process_cpu_seconds": round(serial_cpu, 2),
            "ratio_one_process_vs_pool": round(serial_seconds / slip_seconds, 3),
            # The layout's cost per person: the pool's children's CPU, and one process's.
            "cpu_ms_per_slip_pool": round(children / len(slips) * 1000, 1),
            "cpu_ms_per_slip_one_process": round(serial_cpu / len(serial) * 1000, 1),
        },
        "send": {
            "queued": queued,
            "recipients": people,
            "seconds": round(send_seconds, 3),
            "queries": len(sent.captured_queries),
        },
        "targets": {"page_floor": 2.0, "pdf": 1.5, "slips_s": 15, "send_s": 1},
    }


def _children_cpu() -> float:
    """CPU seconds of the finished child processes so far (the pool's workers)."""
    usage = os.times()
    return usage.children_user + usage.children_system


def _pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _engagements(snapshot) -> list[str]:
    ids = [row["engagement"] for row in snapshot["cast"]]
    return ids + [p["engagement"] for g in snapshot["crew"] for p in g["people"]]


def _table(r: dict) -> str:
    p, q = r["page"], r["queries"]
    return "\n".join(
        [
            f"people on the sheet: {r['meta']['people']}, scenes {r['meta']['scenes']}",
            f"page median {p['page']['median_ms']} ms, "
            f"floor view {p['floor_view']['median_ms']} ms: "
            f"{r['ratio_page_floor_view']}x (cpu {r['ratio_page_floor_view_cpu']}x; target 2x)",
            f"page vs the body template alone ({p['floor']['median_ms']} ms, no request): "
            f"{r['ratio_page_floor']}x (cpu {r['ratio_page_floor_cpu']}x)",
            f"queries: {q}",
            f"PDF view {r['pdf']['pdf_view']['median_ms']} ms, WeasyPrint alone "
            f"{r['pdf']['weasyprint']['median_ms']} ms: {r['ratio_pdf']}x (target 1.5x)",
            f"{r['slips']['count']} slips in {r['slips']['seconds']} s wall with "
            f"{r['slips']['workers']} processes (their cpu {r['slips']['children_cpu_seconds']} s; "
            f"target 15 s); one process {r['slips']['one_process_seconds']} s (cpu "
            f"{r['slips']['one_process_cpu_seconds']} s): "
            f"{r['slips']['ratio_one_process_vs_pool']}x",
            f"CPU per slip: {r['slips']['cpu_ms_per_slip_pool']} ms in the pool's children, "
            f"{r['slips']['cpu_ms_per_slip_one_process']} ms in one process",
            f"send to {r['send']['recipients']}: {r['send']['seconds']} s, "
            f"{r['send']['queries']} queries (target 1 s)",
        ]
    )


if __name__ == "__main__":
    raise SystemExit(main())
