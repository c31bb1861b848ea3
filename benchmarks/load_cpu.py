"""Benchmark helper: CPU time and queries per request of each kind of the load mix, in-process.

    .venv/bin/python benchmarks/load_cpu.py [--repeat 40] [--profile page] [--json PATH]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/po_load .venv/bin/python benchmarks/load_cpu.py

Seeds the studio of `_seed.py` like `load.py`, then sends each request kind of `load.py`'s mix
(crew list page, API read, engagement edit, new person) and its floor straight to the
`prodoffice.wsgi` application, as gunicorn's worker would (no HTTP, no test client: it keeps its
database connection as a served worker does). For each kind: the median CPU time of this process
per request (`time.process_time`, so other programs on a shared machine count much less than in
wall-clock figures), the queries it sent, and the ratio to the floor. On PostgreSQL the server's
own CPU is not in these figures: the query count is the proxy for it.

`--profile KIND` prints a cProfile of that kind (cumulative, top 40). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REPO = Path(__file__).resolve().parent.parent
KINDS = ("page", "api_read", "edit", "person", "floor")
#: The mix of `load.py` (floor excluded): a weighted CPU per request of the mix.
MIX = {"page": 40, "api_read": 30, "edit": 15, "person": 15}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--repeat", type=int, default=40)
    p.add_argument("--rounds", type=int, default=3, help="turns over the kinds")
    p.add_argument("--profile", choices=KINDS)
    p.add_argument("--sampler", action="store_true", help="profile with pyinstrument")
    p.add_argument("--json", default=str(REPO / "var/benchmarks/load_cpu.json"))
    p.add_argument(
        "--db-dir", help="seed a SQLite database in this folder once and reuse it (iterating)"
    )
    args = p.parse_args(argv)
    from benchmarks import _seed

    if args.db_dir:
        return _reused(args)
    return _seed.run_and_record(lambda: _run(args), _table, args.json)


def _reused(args) -> int:
    """Run against a kept SQLite database under `--db-dir` (seeded on first use)."""
    from benchmarks import _seed

    _seed.configure(Path(args.db_dir))
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.bench_settings"
    import django

    django.setup()
    results = _run(args, reuse=True)
    print(_table(results))
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    return 0


def _run(args, reuse: bool = False) -> dict:
    from django.db import connection

    from benchmarks import _seed
    from benchmarks.load import _credentials

    info = _seed.existing() if reuse else None
    info = info or _seed.seed()
    auth = _credentials(info)
    from prodoffice.wsgi import application as handler  # what gunicorn's workers load

    sender = _Sender(handler, auth)
    for kind in KINDS:  # imports, caches, the connection
        for _ in range(3):
            sender.send(kind)
    if args.profile and args.sampler:
        from pyinstrument import Profiler

        prof = Profiler(interval=0.0002)
        prof.start()
        for _ in range(args.repeat):
            sender.send(args.profile)
        prof.stop()
        print(prof.output_text(unicode=False, color=False, show_all=False))
    elif args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(args.repeat):
            sender.send(args.profile)
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(45)
        print(out.getvalue())
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(30)
        print(out.getvalue())
        print(_by_package(prof))
    samples: dict[str, list[float]] = {k: [] for k in KINDS}
    queries: dict[str, int] = {}
    for _ in range(args.rounds):
        for kind in KINDS:
            for _ in range(args.repeat):
                t0 = time.process_time()
                sender.send(kind)
                samples[kind].append(time.process_time() - t0)
    for kind in KINDS:
        queries[kind] = sender.count_queries(kind)
    med = {k: statistics.median(v) * 1000 for k, v in samples.items()}
    mix_ms = sum(med[k] * w for k, w in MIX.items()) / sum(MIX.values())
    return {
        "meta": {
            "database": connection.vendor,
            "repeat": args.repeat,
            "rounds": args.rounds,
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        },
        "cpu_ms": {k: round(v, 2) for k, v in med.items()},
        "queries": queries,
        "mix_cpu_ms": round(mix_ms, 2),
        "ratio_to_floor": {k: round(med[k] / med["floor"], 2) for k in KINDS},
    }


def _by_package(prof) -> str:
    """Own time grouped by package (django/template, django/db, rest_framework, prodoffice/x)."""
    groups: dict[str, float] = {}
    stats = pstats.Stats(prof).stats
    total = sum(v[2] for v in stats.values())
    for (filename, _, _), (_, _, tottime, _, _) in stats.items():
        parts = filename.replace("\\", "/").split("/")
        if "site-packages" in parts:
            rest = parts[parts.index("site-packages") + 1 :]
            key = "/".join(rest[:2]) if rest[0] == "django" else rest[0]
        elif "prodoffice" in parts:
            rest = parts[parts.index("prodoffice") :]
            key = "/".join(rest[:3])
        else:
            key = filename if filename.startswith("<") else "python stdlib"
        groups[key] = groups.get(key, 0) + tottime
    rows = sorted(groups.items(), key=lambda kv: -kv[1])[:25]
    return "\n".join(f"{100 * v / total:5.1f}%  {k}" for k, v in rows)


def _table(r: dict) -> str:
    lines = [
        f"{r['meta']['database']}, medians of {r['meta']['rounds']} x {r['meta']['repeat']}, "
        f"load {r['meta']['load_average']}",
        f"{'kind':10} {'CPU ms':>8} {'/floor':>7} {'queries':>8}",
    ]
    for k in KINDS:
        lines.append(
            f"{k:10} {r['cpu_ms'][k]:8.2f} {r['ratio_to_floor'][k]:6.2f}x {r['queries'][k]:8d}"
        )
    lines.append(f"{'mix':10} {r['mix_cpu_ms']:8.2f}")
    return "\n".join(lines)


class _Sender:
    """Builds WSGI environs for each kind (the same requests as `load.py`) and runs them."""

    def __init__(self, handler, auth: dict):
        self.handler, self.auth = handler, auth
        self.seq = 0
        self.engagements = auth["engagements"]

    def request(self, kind: str):
        code = self.auth["code"]
        self.seq += 1
        body = b""
        if kind == "page":
            method, path, query = "GET", f"/p/{code}/crew/", ""
        elif kind == "floor":
            method, path, query = "GET", f"/p/{code}/__floor__/rows/", ""
        elif kind == "api_read":
            method, path, query = "GET", "/api/v1/engagements/", f"production={code}"
        elif kind == "edit":
            e = self.engagements[self.seq % len(self.engagements)]
            method, path, query = "PATCH", f"/api/v1/engagements/{e}/", ""
            note = f"cpu edit {self.seq} {os.getpid()} {time.time()}"
            body = json.dumps({"notes": note}).encode()
        else:
            method, path, query = "POST", "/api/v1/people/", ""
            person = {
                "first_name": "Load",
                "last_name": "Cpu",
                "email": f"cpu-{self.seq}-{os.getpid()}@load.test",
                "production": code,
            }
            body = json.dumps(person).encode()
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "localhost",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "CONTENT_LENGTH": str(len(body)),
        }
        if kind in ("page", "floor"):
            environ["HTTP_COOKIE"] = self.auth["cookie"]
        else:
            environ["HTTP_AUTHORIZATION"] = f"Token {self.auth['token']}"
            environ["CONTENT_TYPE"] = "application/json"
            environ["HTTP_ACCEPT"] = "application/json"
        return environ

    def send(self, kind: str) -> bytes:
        status = []
        result = self.handler(self.request(kind), lambda s, h, *a: status.append(s))
        try:
            data = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        if not status[0].startswith("2"):
            raise SystemExit(f"{kind}: {status[0]} {data[:300]!r}")
        return data

    def count_queries(self, kind: str) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            self.send(kind)
        return len(ctx.captured_queries)


if __name__ == "__main__":
    raise SystemExit(main())
