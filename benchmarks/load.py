"""Benchmark: `prodoffice serve` under 16 concurrent clients, then kill -9 (issue 11, Load).

    .venv/bin/python benchmarks/load.py [--seconds 60] [--clients 16] [--port 8150] [--json PATH]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/po_load .venv/bin/python benchmarks/load.py

Seeds a fresh database (a new SQLite file in a temporary directory, or the empty PostgreSQL
database of DATABASE_URL) with the studio of `_seed.py` (50 productions, 20,000 engagements),
starts `prodoffice serve` with its default number of workers on the loopback, and in one run:

  (a) mixed: `--clients` clients for `--seconds` mixing crew list pages, API reads, engagement
      edits (PATCH notes) and new people (POST), as the production's coordinator;
  (b) pages and floor: the crew list page alone, then the floor (a bare Django view reading the
      same 50 rows, `_load_floor.py`), each for `--ratio-seconds` under the same clients;
  (c) checks that every acknowledged write (2xx) is in the database;
  (d) kill: the mixed load again, `kill -9` of the whole server (master and workers) after
      `--kill-after` seconds, a restart, and the same checks, plus `audit verify` (the audit
      and contract hash chains) and, on SQLite, `PRAGMA integrity_check`.

The clients run in a separate process (threads with keep-alive `http.client`); its own CPU time
is reported, since on a 2-core machine it competes with the server. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REPO = Path(__file__).resolve().parent.parent
PAGE = "/p/{code}/crew/"
API_READ = "/api/v1/engagements/?production={code}"
FLOOR = "/p/{code}/__floor__/rows/"
#: The mixed load: kind -> weight.
MIX = {"page": 40, "api_read": 30, "edit": 15, "person": 15}
WRITES = ("edit", "person")
#: Phases that edit engagements; each edits its own slice, so a later phase's edits never
#: overwrite what an earlier phase's check expects.
EDITING_PHASES = ("warm", "mixed", "kill")


def main(argv: list[str] | None = None) -> int:
    """Seed, load, kill, check; print the table and write the JSON (never fails on figures)."""
    args = _parser().parse_args(argv)
    if args.client:
        return _client_main(Path(args.client))
    from benchmarks import _seed

    env = _seed.configure()
    os.environ["DJANGO_SETTINGS_MODULE"] = env["DJANGO_SETTINGS_MODULE"] = (
        "benchmarks.bench_settings"
    )
    try:
        return _main(args, env)
    finally:
        if "SQLITE_PATH" in env and not args.keep:
            shutil.rmtree(env["PRODOFFICE_VAR_DIR"], ignore_errors=True)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seconds", type=float, default=60, help="mixed load duration")
    p.add_argument("--ratio-seconds", type=float, default=20, help="page-only and floor phases")
    p.add_argument("--kill-seconds", type=float, default=20, help="mixed load of the kill phase")
    p.add_argument("--kill-after", type=float, default=8, help="kill -9 this far into it")
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--port", type=int, default=8150)
    p.add_argument("--json", default=str(REPO / "var/benchmarks/load.json"))
    p.add_argument("--keep", action="store_true", help="keep the temporary SQLite database")
    p.add_argument("--client", help=argparse.SUPPRESS)  # the client process's config file
    return p


def _main(args, env: dict[str, str]) -> int:
    import django

    django.setup()
    from benchmarks import _measure, _seed

    info = _seed.seed()
    print(f"seeded {info.database} in {info.seconds:.1f}s", flush=True)
    auth = _credentials(info)
    results: dict = {"meta": _meta(args, info)}
    workdir = Path(env["PRODOFFICE_VAR_DIR"])
    with _measure.serve(env, args.port, workers=None) as proc:
        results["meta"]["workers"] = _worker_count(proc.pid)
        _warm(args, auth, workdir)
        runs = {}
        for phase, mix, seconds in (
            ("mixed", MIX, args.seconds),
            ("pages", {"page": 1}, args.ratio_seconds),
            ("floor", {"floor": 1}, args.ratio_seconds),
        ):
            runs[phase] = _load(args, auth, workdir, phase, mix, seconds)
            results[phase] = _summary(runs[phase])
            print(_line(phase, results[phase]), flush=True)
        results["mixed"]["acknowledged"] = _check_writes(runs["mixed"])
    results["ratios"] = _ratios(results)
    results["kill"] = _kill_phase(args, auth, env, workdir, runs["mixed"])
    results["meta"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print(_table(results))
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwrote {args.json}")
    return 0


def _credentials(info) -> dict:
    """A session cookie for the pages, a token for the API, the engagements to edit."""
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from prodoffice.accounts.models import User
    from prodoffice.productions.models import Engagement

    user = User.objects.get(username=info.office_username)
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    token, _ = Token.objects.get_or_create(user=user)
    engagements = Engagement.objects.filter(production__code=info.big_code).order_by("id")
    return {
        "code": info.big_code,
        "cookie": f"sessionid={client.cookies['sessionid'].value}",
        "token": token.key,
        "engagements": [str(e) for e in engagements.values_list("public_id", flat=True)],
    }


def _meta(args, info) -> dict:
    from django.db import connection

    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "database": connection.vendor,
        "clients": args.clients,
        "command": " ".join([".venv/bin/python benchmarks/load.py", *sys.argv[1:]]),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "seed_seconds": round(info.seconds, 1),
    }


def _worker_count(master_pid: int) -> int:
    """How many gunicorn workers the master started (children in /proc)."""
    time.sleep(1)
    n = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            n += int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master_pid
        except (OSError, IndexError, ValueError):
            continue
    return n


def _warm(args, auth, workdir: Path) -> None:
    """A few requests of every kind, so no worker pays its imports inside a measured phase."""
    _load(args, auth, workdir, "warm", {**MIX, "floor": 20}, 4)


# --- the client process ---------------------------------------------------------------------


def _load(args, auth, workdir: Path, phase: str, mix: dict, seconds: float, kill=None) -> dict:
    """Run the client process for one phase; `kill(elapsed)` is polled while it runs."""
    config = {
        "port": args.port,
        "clients": args.clients,
        "seconds": seconds,
        "mix": mix,
        "phase": phase,
        **auth,
    }
    if phase in EDITING_PHASES:
        config["engagements"] = auth["engagements"][EDITING_PHASES.index(phase) :: 3]
    cfg = workdir / f"client-{phase}.json"
    out = workdir / f"client-{phase}.out.json"
    cfg.write_text(json.dumps({**config, "out": str(out)}))
    child = subprocess.Popen(
        [sys.executable, __file__, "--client", str(cfg)], cwd=REPO, start_new_session=True
    )
    started = time.monotonic()
    while child.poll() is None:
        if kill is not None:
            kill(time.monotonic() - started)
        time.sleep(0.1)
    return json.loads(out.read_text())


def _client_main(cfg_path: Path) -> int:
    """The client process: threads sending the mix until the deadline; records every request."""
    import threading

    cfg = json.loads(cfg_path.read_text())
    deadline = time.monotonic() + cfg["seconds"]
    records: list[list] = [[] for _ in range(cfg["clients"])]
    shares = [cfg["engagements"][i :: cfg["clients"]] for i in range(cfg["clients"])]
    threads = [
        threading.Thread(target=_client, args=(cfg, n, shares[n], records[n], deadline))
        for n in range(cfg["clients"])
    ]
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    out = {"wall": wall, "client_cpu": cpu, "records": [r for rs in records for r in rs]}
    Path(cfg["out"]).write_text(json.dumps(out))
    return 0


def _client(cfg: dict, n: int, engagements: list[str], out: list, deadline: float) -> None:
    """One client: its own connection, its own engagements to edit, a seeded choice of kinds."""
    import http.client

    rng = random.Random(f"{cfg['phase']}-{n}")
    kinds, weights = list(cfg["mix"]), list(cfg["mix"].values())
    conn = http.client.HTTPConnection("127.0.0.1", cfg["port"], timeout=30)
    seq = 0
    while time.monotonic() < deadline:
        seq += 1
        kind = rng.choices(kinds, weights)[0]
        method, path, body, ack = _request(cfg, kind, n, seq, rng, engagements)
        headers = _headers(cfg, kind)
        t0 = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            status = resp.status
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", cfg["port"], timeout=30)
            status, data = 0, str(exc).encode()
            time.sleep(0.05)  # the server is down (kill phase): do not spin
        latency = time.perf_counter() - t0
        ok = 200 <= status < 300
        if ok and kind == "person":
            ack["id"] = json.loads(data)["id"]
        error = None if ok else data[:300].decode(errors="replace")
        out.append([kind, round(t0, 4), latency, status, ack, error])


def _request(cfg, kind: str, n: int, seq: int, rng, engagements: list[str]):
    """(method, path, body, what a write wants acknowledged) for one request of a kind."""
    code = cfg["code"]
    if kind == "page":
        return "GET", PAGE.format(code=code), None, None
    if kind == "floor":
        return "GET", FLOOR.format(code=code), None, None
    if kind == "api_read":
        return "GET", API_READ.format(code=code), None, None
    if kind == "edit":
        engagement = rng.choice(engagements)
        note = f"{cfg['phase']} client {n} edit {seq}"
        body = json.dumps({"notes": note})
        return "PATCH", f"/api/v1/engagements/{engagement}/", body, {"e": engagement, "v": note}
    email = f"{cfg['phase']}-{n}-{seq}@load.test"
    person = {"first_name": "Load", "last_name": f"Client{n}", "email": email, "production": code}
    body = json.dumps(person)
    return "POST", "/api/v1/people/", body, {"email": email}


def _headers(cfg: dict, kind: str) -> dict[str, str]:
    if kind in ("page", "floor"):
        return {"Host": "localhost", "Cookie": cfg["cookie"]}
    return {
        "Host": "localhost",
        "Authorization": f"Token {cfg['token']}",
        "Content-Type": "application/json",
        "Accept": "application/json",
    }


# --- figures and checks ---------------------------------------------------------------------


def _summary(run: dict) -> dict:
    """Per kind and overall: requests, errors, requests per second, latency percentiles."""
    records, wall = run["records"], run["wall"]
    out: dict = {
        "seconds": round(wall, 1),
        "client_cpu_share": round(run["client_cpu"] / wall, 2),
    }
    kinds = sorted({r[0] for r in records})
    for kind in [*kinds, "all"]:
        rows = [r for r in records if kind in ("all", r[0])]
        ok = sorted(r[2] for r in rows if 200 <= r[3] < 300)
        errors = [r for r in rows if not 200 <= r[3] < 300]
        out[kind] = {
            "requests": len(rows),
            "errors": len(errors),
            "rps": round(len(ok) / wall, 1),
            **{f"p{p}_ms": _percentile(ok, p) for p in (50, 95, 99)},
        }
        if errors:
            statuses: dict = {}
            for r in errors:
                statuses[str(r[3])] = statuses.get(str(r[3]), 0) + 1
            out[kind]["error_statuses"] = statuses
            out[kind]["first_error"] = errors[0][5]
    return out


def _percentile(sorted_latencies: list[float], p: float) -> float | None:
    xs = sorted_latencies
    if not xs:
        return None
    return round(1000 * xs[min(len(xs) - 1, int(p / 100 * len(xs)))], 1)


def _check_writes(run: dict) -> dict:
    """Every 2xx write is in the database: each acknowledged person exists; each edited
    engagement holds its last acknowledged note or one sent after it (a write in flight when
    the server died may have committed without its answer). Requests refused at connect time
    (the server was down) never reached it and are left out."""
    from django.db import close_old_connections

    from prodoffice.people.models import Person
    from prodoffice.productions.models import Engagement

    close_old_connections()
    records = [r for r in run["records"] if r[0] in WRITES and not _refused(r)]
    people = [r[4]["id"] for r in records if r[0] == "person" and "id" in r[4]]
    stored = Person.objects.filter(public_id__in=people).values_list("public_id", flat=True)
    sent: dict[str, list[tuple[str, bool]]] = {}
    for r in sorted((r for r in records if r[0] == "edit"), key=lambda r: r[1]):
        sent.setdefault(r[4]["e"], []).append((r[4]["v"], 200 <= r[3] < 300))
    notes = dict(
        Engagement.objects.filter(public_id__in=list(sent)).values_list("public_id", "notes")
    )
    lost_edits = []
    for engagement, values in sent.items():
        acked = [i for i, (_, ok) in enumerate(values) if ok]
        if acked and notes.get(_uuid(engagement)) not in {v for v, _ in values[acked[-1] :]}:
            lost_edits.append(engagement)
    return {
        "people_acknowledged": len(people),
        "people_missing": len(set(people) - {str(x) for x in stored}),
        "edits_acknowledged": sum(1 for r in records if r[0] == "edit" and 200 <= r[3] < 300),
        "writes_in_flight": sum(1 for r in records if r[3] == 0),
        "edits_lost": len(lost_edits),
    }


def _refused(record: list) -> bool:
    """A request the server never received (connection refused while it was down)."""
    return record[3] == 0 and "refused" in (record[5] or "").lower()


def _uuid(value: str):
    import uuid

    return uuid.UUID(value)


def _ratios(results: dict) -> dict:
    """Requests per second of the floor over the measured paths (how far from the floor)."""
    floor = results["floor"]["floor"]["rps"]
    return {
        "floor/page rps": round(floor / max(results["pages"]["page"]["rps"], 0.01), 2),
        "floor/mixed rps": round(floor / max(results["mixed"]["all"]["rps"], 0.01), 2),
    }


def _kill_phase(args, auth, env: dict, workdir: Path, mixed: dict) -> dict:
    """Mixed load, kill -9 of the server's whole process group mid-run, restart, checks."""
    from benchmarks import _measure

    out: dict = {}
    with _measure.serve(env, args.port, workers=None) as proc:
        _warm(args, auth, workdir)
        killed: dict = {}

        def kill(elapsed: float) -> None:
            if not killed and elapsed >= args.kill_after:
                os.killpg(proc.pid, signal.SIGKILL)
                killed["at"] = round(elapsed, 1)

        run = _load(args, auth, workdir, "kill", MIX, args.kill_seconds, kill=kill)
    out["killed_at_s"] = killed.get("at")
    out["answered"] = sum(1 for r in run["records"] if r[3] != 0)
    out["unanswered"] = sum(1 for r in run["records"] if r[3] == 0)
    out["errors_answered"] = sum(1 for r in run["records"] if r[3] >= 300)
    with _measure.serve(env, args.port, workers=None) as restarted:
        out["restarted"] = restarted.poll() is None
        out["acknowledged"] = _check_writes(run)
        out["mixed_phase_still"] = _check_writes(mixed)
        out["audit_verify"] = _audit_verify()
        out["integrity_check"] = _integrity()
    return out


def _audit_verify() -> dict:
    """`prodoffice audit verify --json` after the restart."""
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = StringIO()
    with contextlib.suppress(CommandError):  # a break is reported in the JSON
        call_command("audit", "verify", "--json", stdout=out)
    return json.loads(out.getvalue())


def _integrity() -> str | None:
    from django.db import connection

    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA integrity_check")
        return cursor.fetchone()[0]


def _line(phase: str, s: dict) -> str:
    parts = [f"{phase:<7}"]
    for kind, x in s.items():
        if isinstance(x, dict) and "rps" in x:
            parts.append(
                f"{kind} {x['rps']} req/s p50/95/99 {x['p50_ms']}/{x['p95_ms']}/{x['p99_ms']} ms"
                f" {x['errors']} err"
            )
    return " | ".join(parts) + f" | client CPU {s['client_cpu_share']}"


def _table(results: dict) -> str:
    m = results["meta"]
    lines = [
        f"{m['database']}, prodoffice serve with {m['workers']} workers, {m['clients']} clients,"
        f" load average {m['load_average_at_start']} -> {m['load_average_at_end']}",
    ]
    for phase in ("mixed", "pages", "floor"):
        lines.append(_line(phase, results[phase]))
    lines.append(f"acknowledged writes (mixed): {results['mixed']['acknowledged']}")
    lines.append(f"ratios: {results['ratios']}")
    k = results["kill"]
    lines.append(
        f"kill -9 at {k['killed_at_s']} s ({k['answered']} answered, {k['unanswered']} not):"
        f" {k['acknowledged']}; mixed phase after the kill: {k['mixed_phase_still']};"
        f" audit verify ok: {k['audit_verify'].get('ok')}; integrity_check: {k['integrity_check']}"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    if "--client" not in sys.argv:
        print(f"total {time.perf_counter() - started:.0f}s")
    sys.exit(code)
