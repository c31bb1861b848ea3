"""Benchmark: the crew list of a 400-person production against its floor (issue 2, Performance).

    .venv/bin/python benchmarks/core_crew.py [--json PATH] [--profile PATH-NAME] [--no-serve]

Seeds a dedicated database (SQLite in a temporary directory, or the empty PostgreSQL database of
DATABASE_URL) with a studio of 50 productions, 15,000 people and 20,000 engagements, then measures
in one run:

  (a) the crew list page of the 400-person production, full page, as its coordinator;
  (b) the API list of the same production, all 400 rows in one page;
  (c) the floor: the same template and context shape rendered from rows prebuilt in memory, with
      a guard refusing any query (served through the same middleware, and as a bare render);
  (d) queries per request for the page and the API at 400 rows and at 40 rows;
  (e) requests per second under `prodoffice serve` (gunicorn, 2 workers) with a bounded loopback
      load generator, against the page, the floor and the API.

Not part of the test suite: it takes a few minutes and its figures depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _seed

REPO = Path(__file__).resolve().parent.parent

#: What is measured, and the floor each is compared with. The crew list pages at 50 rows; the
#: print view shows the whole (filtered) list, so it is the 400-row page.
PATHS = {
    "page": "/p/{code}/crew/",
    "print": "/p/{code}/crew/print/",
    "api": "/api/v1/engagements/?production={code}&page_size=500",
    "floor_page": "/p/{code}/__floor__/crew/",
    "floor_print": "/p/{code}/__floor__/print/",
    "floor_api": "/api/v1/__floor__/engagements/?production={code}&page_size=500",
}
#: (measured, floor) pairs whose ratio has the 2x target.
RATIOS = [
    ("page", "floor_page"),
    ("print", "floor_print"),
    ("api", "floor_api"),
    ("api", "floor_print"),
    ("page", "render_page"),
    ("print", "render_print"),
]
TARGET_RATIO = 2.0
CSRF_TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")  # masked per request, differs between two GETs


def main(argv: list[str] | None = None) -> int:
    """Seed, measure, print the table, write the JSON (a benchmark: never fails on figures)."""
    args = _parser().parse_args(argv)
    env = _seed.configure()
    try:
        return _main(args, env)
    finally:
        if not args.keep and "SQLITE_PATH" in env:
            shutil.rmtree(env["PRODOFFICE_VAR_DIR"], ignore_errors=True)


def _main(args, env: dict[str, str]) -> int:
    """Set Django up on the benchmark settings, seed, then profile or measure."""
    os.environ["DJANGO_SETTINGS_MODULE"] = env["DJANGO_SETTINGS_MODULE"] = (
        "benchmarks.bench_settings"
    )
    import django

    django.setup()
    info = _seed.seed()
    print(f"seeded {info.database} in {info.seconds:.1f}s", flush=True)
    client = _office_client(info.office_username)
    if args.profile:
        print(_profile(client, info, args.profile))
        return 0
    results = _run(client, info, env, args)
    print(_table(results))
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwrote {args.json}")
    return 0


def _parser() -> argparse.ArgumentParser:
    """The command line (defaults keep one run within about 5 minutes on 2 cores)."""
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--json", default=str(REPO / "var/benchmarks/core_crew.json"))
    p.add_argument("--repeat", type=int, default=25, help="timed requests per in-process figure")
    p.add_argument("--requests", type=int, default=300, help="requests per load-test URL")
    p.add_argument("--concurrency", type=int, default=4, help="load generator connections")
    p.add_argument("--max-seconds", type=float, default=20, help="time cap per load-test URL")
    p.add_argument("--profile", choices=list(PATHS), help="profile one path, then exit")
    p.add_argument("--no-serve", action="store_true", help="skip the gunicorn load test")
    p.add_argument("--keep", action="store_true", help="keep the temporary SQLite database")
    return p


def _office_client(username: str):
    """A test client signed in as the coordinator (a session row gunicorn can read too)."""
    from django.test import Client

    from prodoffice.accounts.models import User

    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.get(username=username))
    return client


def _urls(code: str) -> dict[str, str]:
    """Every measured path for one production."""
    return {name: url.format(code=code) for name, url in PATHS.items()}


def _run(client, info, env, args) -> dict:
    """Every figure of one run."""
    from benchmarks import _measure

    results = {"meta": _meta(info, args)}
    results["rows"] = _check_rows(client, info.big_code)
    results["in_process"] = _in_process(client, info.big_code, args.repeat)
    results["ratios"] = _ratios(results["in_process"], "median_ms")
    results["ratios_of_minimums"] = _ratios(results["in_process"], "min_ms")
    results["ratios_of_cpu"] = _ratios(results["in_process"], "cpu_median_ms")
    big, small = _urls(info.big_code), _urls(info.small_code)
    results["queries"] = {
        name: {
            "rows_400": _measure.query_count(client, big[name]),
            "rows_40": _measure.query_count(client, small[name]),
        }
        for name in PATHS
    }
    if not args.no_serve:
        results["served"] = _served(client, info.big_code, env, args)
    results["meta"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return results


def _ratios(timings: dict, key: str) -> dict:
    """Measured over floor, for one statistic of the timings."""
    return {f"{a}/{b}": round(timings[a][key] / timings[b][key], 2) for a, b in RATIOS}


def _meta(info, args) -> dict:
    """When, where and how."""
    from django.db import connection

    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "python": platform.python_version(),
        "database": connection.vendor,
        "seed_seconds": round(info.seconds, 1),
        "command": " ".join([".venv/bin/python benchmarks/core_crew.py", *sys.argv[1:]]),
        "repeat": args.repeat,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def _check_rows(client, code: str) -> dict:
    """How many of the production's engagements each path shows, its size, and whether each
    floor answers exactly what the real path answers (CSRF tokens aside)."""
    from benchmarks import _measure
    from prodoffice.productions.models import Engagement

    rows = Engagement.objects.filter(production__code=code).select_related("person")
    names = [str(e.public_id) for e in rows], [e.person.email for e in rows]
    out: dict = {"engagements": len(names[0])}
    bodies = {}
    for name, url in _urls(code).items():
        body = _measure.get_ok(client, url).content.decode()
        out[name] = max(sum(1 for x in keys if x in body) for keys in names)
        out[f"{name}_kib"] = round(len(body.encode()) / 1024, 1)
        bodies[name] = CSRF_TOKEN.sub("-", body)
    for a, b in RATIOS:
        if b in bodies:
            out[f"{a} identical to {b}"] = bodies[a] == bodies[b]
    return out


def _in_process(client, code: str, repeat: int) -> dict:
    """Times through Django's test client (no HTTP), and the bare floor renders, interleaved."""
    from benchmarks import _measure

    calls = {name: (lambda u=url: _measure.get_ok(client, u)) for name, url in _urls(code).items()}
    request = _bare_request(client, PATHS["page"].format(code=code))
    calls["render_page"] = lambda: _render(request, "crew", code)
    calls["render_print"] = lambda: _render(request, "print", code)
    return _measure.timed(calls, repeat=repeat)


def _bare_request(client, url: str):
    """A request already past the middleware: the user and the session loaded."""
    from django.test import RequestFactory
    from django_htmx.middleware import HtmxDetails

    from prodoffice.accounts.models import User

    request = RequestFactory(SERVER_NAME="localhost").get(url)
    request.user = User.objects.get(pk=client.session["_auth_user_id"])
    request.session = client.session
    request.htmx = HtmxDetails(request)
    return request


def _render(request, view: str, code: str) -> str:
    """The bare floor render of one page."""
    from benchmarks import _floor

    return _floor.render_only(request, view, code)


ROUNDS = 4  # served paths take turns in this many slices, like the in-process ones


def _served(client, code: str, env: dict, args) -> dict:
    """Requests per second under `prodoffice serve` (2 gunicorn workers), same cookie for all."""
    from benchmarks import _measure

    port = _measure.free_port()
    headers = {"Cookie": f"sessionid={client.cookies['sessionid'].value}", "Host": "localhost"}
    out: dict = {"workers": 2, "concurrency": args.concurrency, "rounds": ROUNDS}
    with _measure.serve(env, port, workers=2) as proc:
        runs = _load_rounds(port, _urls(code), headers, args, proc.pid)
    out.update({name: _load_summary(*run) for name, run in runs.items()})
    for a, b in RATIOS:
        if b in out:
            out[f"{b}/{a} rps"] = round(out[b]["rps"] / max(out[a]["rps"], 0.01), 2)
            cpu_a, cpu_b = out[a]["worker_cpu_ms_per_request"], out[b]["worker_cpu_ms_per_request"]
            if cpu_a and cpu_b:
                out[f"{a}/{b} worker cpu"] = round(cpu_a / cpu_b, 2)
    return out


def _load_rounds(port: int, urls: dict, headers: dict, args, master_pid: int) -> dict:
    """Warm every worker on every path (the floors build their rows on first use), then let
    the paths take turns in slices; per path: the bounded runs and the workers' CPU seconds."""
    from benchmarks import _loadgen, _measure

    common = {"headers": headers, "concurrency": args.concurrency}
    for url in urls.values():
        _loadgen.run("127.0.0.1", port, url, requests=20, max_seconds=30, **common)
    runs: dict = {name: ([], 0.0) for name in urls}
    per_round = {"requests": args.requests // ROUNDS, "max_seconds": args.max_seconds / ROUNDS}
    for _ in range(ROUNDS):
        for name, url in urls.items():
            cpu0 = _measure.workers_cpu_seconds(master_pid) or 0.0
            r = _loadgen.run("127.0.0.1", port, url, **per_round, **common)
            cpu = (_measure.workers_cpu_seconds(master_pid) or 0.0) - cpu0
            runs[name] = (runs[name][0] + [r], runs[name][1] + cpu)
    return runs


def _load_summary(results: list, cpu_seconds: float) -> dict:
    """One path's slices together: throughput, latency, workers' CPU per request."""
    requests = sum(r.requests for r in results)
    errors = sum(r.errors for r in results)
    seconds = sum(r.seconds for r in results)
    merged = type(results[0])(results[0].url, requests, errors, seconds)
    merged.latencies = [x for r in results for x in r.latencies]
    ok = max(requests - errors, 1)
    return {
        "worker_cpu_ms_per_request": round(1000 * cpu_seconds / ok, 1) if cpu_seconds else None,
        "rps": round(merged.rps, 1),
        "requests": requests,
        "errors": errors,
        "seconds": round(seconds, 1),
        "p50_ms": round(merged.percentile(50), 1),
        "p95_ms": round(merged.percentile(95), 1),
    }


def _table(results: dict) -> str:
    """A plain-text table of the figures."""
    t, q, rows = results["in_process"], results["queries"], results["rows"]
    head = f"{'path':<13}{'median ms':>10}{'min':>8}{'p90':>8}{'cpu ms':>8}{'q@400':>7}{'q@40':>6}"
    lines = [head + f"{'rows':>6}{'KiB':>8}"]
    for name, x in t.items():
        qq = q.get(name, {"rows_400": "-", "rows_40": "-"})
        lines.append(
            f"{name:<13}{x['median_ms']:>10}{x['min_ms']:>8}{x['p90_ms']:>8}{x['cpu_median_ms']:>8}"
            f"{qq['rows_400']:>7}{qq['rows_40']:>6}"
            f"{rows.get(name, '-'):>6}{rows.get(name + '_kib', '-'):>8}"
        )
    same = [k for k, v in rows.items() if k.endswith(tuple(PATHS)) and v is True]
    lines += ["", "same output: " + ", ".join(same), ""]
    lines.append(f"{'ratio':<22}{'median':>8}{'min':>8}{'cpu':>8}  (target <= {TARGET_RATIO}x)")
    mins, cpu = results["ratios_of_minimums"], results["ratios_of_cpu"]
    lines += [f"{k:<22}{v:>7}x{mins[k]:>7}x{cpu[k]:>7}x" for k, v in results["ratios"].items()]
    if "served" in results:
        lines += ["", *_served_lines(results["served"])]
    return "\n".join(lines)


def _served_lines(s: dict) -> list[str]:
    """The load-test part of the table."""
    lines = [
        f"prodoffice serve, {s['workers']} workers, {s['concurrency']} connections,"
        f" paths taking turns in {s['rounds']} rounds:"
    ]
    for name in PATHS:
        x = s[name]
        lines.append(
            f"  {name:<12}{x['rps']:>7} req/s  p50 {x['p50_ms']:>7} ms  p95 {x['p95_ms']:>7} ms"
            f"  worker CPU {x['worker_cpu_ms_per_request']} ms/req"
            f"  ({x['requests']} req, {x['errors']} errors, {x['seconds']} s)"
        )
    lines += [f"  {k:<28}{v:>6}x" for k, v in s.items() if k.endswith((" rps", " cpu"))]
    return lines


def _profile(client, info, which: str) -> str:
    """cProfile of 10 requests to one path (run alone with --profile)."""
    from benchmarks import _measure

    url = _urls(info.big_code)[which]
    _measure.get_ok(client, url)
    return _measure.profile(lambda: _measure.get_ok(client, url), times=10)


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    print(f"total {time.perf_counter() - started:.0f}s")
    sys.exit(code)
