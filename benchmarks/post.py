"""Benchmark: post-production's three performance claims (issue 15), each against its baseline in
the same run, CPU time, in turns (so a busy spell of the shared machine hits both alike):

1. import of a 500-event EDL (`cut_import`: read through OpenTimelineIO, frames, the version and
   its 500 event rows written, audited) within 2x of OpenTimelineIO reading the same EDL;
2. a change list between two 500-event cuts (both files read, compared, as `compare-cuts` does)
   within 2x of OpenTimelineIO reading both files; the change list of two stored versions too;
3. the rooms week page for 20 rooms and 2,000 bookings within 2x of a floor (the same template
   rendered from the page's own context prebuilt in memory), and a constant number of queries
   (200 bookings against 2,000).

A temporary SQLite database is migrated for the run. Run:
`.venv/bin/python benchmarks/post.py [--repeat 7]`.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

TMP = Path(tempfile.mkdtemp(prefix="prodoffice-bench-post-"))
os.environ["PRODOFFICE_VAR_DIR"] = str(TMP)
os.environ["SQLITE_PATH"] = str(TMP / "bench.sqlite3")
os.environ.pop("DATABASE_URL", None)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodoffice.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def cpu(fn):
    """(result, CPU seconds) of one call."""
    start = time.process_time()
    result = fn()
    return result, time.process_time() - start


def turns(theirs, ours, repeat: int) -> tuple[float, float]:
    """Median CPU seconds of each, timed in turns."""
    a, b = [], []
    for _ in range(repeat):
        a.append(cpu(theirs)[1])
        b.append(cpu(ours)[1])
    return statistics.median(a), statistics.median(b)


def shots(n: int, seed: int) -> list[tuple[str, int, int]]:
    rng = random.Random(seed)
    out, at = [], 0
    for i in range(n):
        length = rng.randint(24, 200)
        out.append((f"SH{i:04d}_{rng.choice('ABCD')}", at, at + length))
        at += length + rng.randint(0, 50)
    return out


def edited(old: list, seed: int) -> list:
    """An edit of `old`: 10 removed, 10 added, 20 trimmed, 10 moved."""
    rng = random.Random(seed)
    new = list(old)
    for _ in range(10):
        new.pop(rng.randrange(len(new)))
    for i in range(10):
        new.insert(rng.randrange(len(new)), (f"NEW{i:03d}", 0, 48))
    for _ in range(20):
        k = rng.randrange(len(new))
        name, a, b = new[k]
        new[k] = (name, a + 4, b - 4) if b - a > 30 else (name, a, b)
    for _ in range(10):
        new.insert(rng.randrange(len(new)), new.pop(rng.randrange(len(new))))
    return new


def bench_editorial(repeat: int, world) -> dict:
    import opentimelineio as otio

    from prodoffice.post.changelist import compare
    from prodoffice.post.reader import read_cut
    from prodoffice.post.selectors import version_change_list
    from prodoffice.post.services.editorial import cut_import
    from prodoffice.post.tests.edl import write_edl

    old_shots = shots(500, 1)
    old, new = write_edl(old_shots), write_edl(edited(old_shots, 2))

    def otio_read(data):
        return otio.adapters.read_from_string(data.decode(), adapter_name="cmx_3600", rate=24)

    def ours_import():
        return cut_import(actor=None, production=world.production, data=old, filename="b.edl",
                          name="Bench")  # fmt: skip

    t_read, t_import = turns(lambda: otio_read(old), ours_import, repeat)
    t_both, t_cmp = turns(
        lambda: (otio_read(old), otio_read(new)),
        lambda: compare(read_cut(old, "a.edl").events, read_cut(new, "b.edl").events),
        repeat,
    )
    v_old = ours_import()
    v_new = cut_import(actor=None, production=world.production, data=new, filename="b.edl",
                       name="Bench")  # fmt: skip
    _, t_stored = turns(lambda: None, lambda: version_change_list(v_old, v_new), repeat)
    changes = compare(read_cut(old, "a.edl").events, read_cut(new, "b.edl").events)
    return {
        "otio_read": t_read, "import": t_import, "otio_read_both": t_both, "compare_files": t_cmp,
        "compare_stored": t_stored, "changes": {k: len(v) for k, v in changes.as_dict().items()},
    }  # fmt: skip


def seed_bookings(world, rooms_n: int, bookings_n: int, day0: datetime.date) -> list:
    """Rooms and bookings as plain rows (the seed, not what is measured)."""
    from prodoffice.post.models import Booking, Facility, Room

    facility = Facility.objects.create(
        production=world.production, name=f"Bench {bookings_n}", kind="in_house", time_zone="UTC"
    )
    rooms = [Room.objects.create(facility=facility, name=f"R{bookings_n}-{i:02d}", kind="mix_stage",
                                 nc_rating=20) for i in range(rooms_n)]  # fmt: skip
    rows = []
    for k in range(bookings_n):
        room = rooms[k % rooms_n]
        slot = k // rooms_n
        day, half = divmod(slot, 28)
        start = datetime.datetime.combine(day0 + datetime.timedelta(days=day % 7),
                                          datetime.time(8), datetime.UTC)  # fmt: skip
        start += datetime.timedelta(minutes=30 * half)
        rows.append(Booking(production=world.production, room=room, level="pencil", start=start,
                            end=start + datetime.timedelta(minutes=30), title=f"B{k}"))  # fmt: skip
    Booking.objects.bulk_create(rows, batch_size=500)
    return rooms


def bench_week(repeat: int, world) -> dict:
    from django.shortcuts import render as django_render

    from prodoffice.post.views import rooms as room_views

    day0 = datetime.date(2027, 3, 8)
    client = Client()
    client.force_login(world.office)
    url = f"/p/{world.production.code}/post/rooms/?week={day0.isoformat()}"
    seed_bookings(world, 20, 200, day0)

    def page_queries() -> int:
        with CaptureQueriesContext(connection) as q:
            assert client.get(url).status_code == 200
        return len(q.captured_queries)

    q_small = page_queries()
    seed_bookings(world, 20, 1800, day0)
    q_large = page_queries()
    captured = {}

    def capture(request, template, context, **kw):
        captured.update(request=request, template=template, context=context)
        return django_render(request, template, context, **kw)

    with mock.patch.object(room_views, "render", capture):
        client.get(url)
    prebuilt = captured["context"]
    prebuilt["rows"] = list(prebuilt["rows"])

    def floor():
        return django_render(captured["request"], captured["template"], prebuilt)

    t_floor, t_page = turns(floor, lambda: client.get(url), repeat)
    return {"floor": t_floor, "page": t_page, "q_200": q_small, "q_2000": q_large}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    settings.MEDIA_ROOT = TMP / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from tests.support.personas import build_world

    world = build_world()
    e = bench_editorial(repeat, world)
    w = bench_week(repeat, world)
    print(
        f"import 500-event EDL: ours {e['import'] * 1000:.1f} ms, OTIO read "
        f"{e['otio_read'] * 1000:.1f} ms, ratio {e['import'] / e['otio_read']:.2f}x"
    )
    print(
        f"change list, two 500-event files: ours {e['compare_files'] * 1000:.1f} ms, OTIO "
        f"reading both {e['otio_read_both'] * 1000:.1f} ms, ratio "
        f"{e['compare_files'] / e['otio_read_both']:.2f}x; stored versions "
        f"{e['compare_stored'] * 1000:.1f} ms ({e['compare_stored'] / e['otio_read_both']:.2f}x);"
        f" changes {e['changes']}"
    )
    print(f"rooms week, 20 rooms, 2,000 bookings: page {w['page'] * 1000:.1f} ms, floor "
          f"{w['floor'] * 1000:.1f} ms, ratio {w['page'] / w['floor']:.2f}x; queries "
          f"{w['q_200']} (200 bookings) and {w['q_2000']} (2,000 bookings)")  # fmt: skip


if __name__ == "__main__":
    main()
