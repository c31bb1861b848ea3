"""Unseen instances, side by side: prodoffice's solver, a compiled plain subset DP, CP-SAT.

Used by ``benchmarks/talent.py --unseen N --seed S``. Instances are generated fresh from the
seed (printed in the table), written to a temporary folder, and each solver runs in its own
process on the file, so that peak memory is per solver and per instance:

- ours: ``talent.solve`` (or ``movieshoot.solve_movie``), CPU and wall time measured around the
  call only (imports and the JIT cache load happen before, as in a warm server);
- C DP: ``benchmarks/talent_dp.c`` compiled with ``cc -O2`` at start (plain over the file's
  scenes; also ``-r``, after the obvious reduction); CPU and peak memory from ``wait4``;
  skipped where the table would exceed 4 GB;
- CP-SAT: the plain model (``cpsat.py``) at ``--cpsat-limit`` seconds on the talent families
  (default: ours' limit), at ours' limit on the movie shoot.
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
C_SOURCE = ROOT / "benchmarks" / "talent_dp.c"
#: Time limit of each family (seconds), as the issue sets them.
LIMITS = {"classic": 10.0, "generated": 60.0, "random": 120.0, "movie": 30.0}


def family_instances(family: str, count: int, rng: random.Random):
    """(file name, file text, parameters) of ``count`` fresh instances of one family."""
    from prodoffice.optimizer.generator import density_instance, movie_shoot_text, to_text

    out = []
    for i in range(count):
        seed = rng.randrange(10**9)
        if family == "movie":
            n = rng.randint(10, 50)
            m = rng.randint(3, max(4, n // 2))
            n_loc, n_prec = rng.randint(2, 6), rng.randint(1, 8)
            text = movie_shoot_text(n, m, n_loc, n_prec, seed)
            out.append((f"movie_{n}_{m}_{i}.txt", text, f"n{n} m{m} L{n_loc} P{n_prec}"))
            continue
        if family == "classic":  # the film instances: 8 to 10 actors, short scenes
            n, m, dens = rng.randint(18, 20), rng.randint(8, 10), rng.uniform(0.3, 0.4)
            costs, durs = (1, 40), (1, 2)
        elif family == "generated":  # DDOLib's generator: 10 or 15 actors, longer scenes
            n, m, dens = rng.randint(22, 28), rng.choice((10, 15)), rng.uniform(0.2, 0.4)
            lo = rng.randint(1, 4)
            costs, durs = (1, 100), (lo, lo + rng.randint(2, 4))
        else:  # the random family: 32 scenes, 8 to 12 actors
            n, m, dens = 32, rng.randint(8, 12), rng.uniform(0.2, 0.4)
            costs, durs = (1, 100), (1, 4)
        name = f"{family}_{n}_{m}_{round(100 * dens)}_{i}"
        inst = density_instance(n, m, dens, seed, costs=costs, durations=durs, name=name)
        out.append((name + ".txt", to_text(inst), f"n{n} m{m} p{dens:.2f}"))
    return out


def compile_dp(folder: Path) -> Path:
    """Compile the C baseline into ``folder`` (never into the repository)."""
    exe = folder / "talent_dp"
    subprocess.run(["cc", "-O2", "-o", str(exe), str(C_SOURCE)], check=True)
    return exe


def run_c(exe: Path, path: Path, reduce: bool, timeout: float) -> dict:
    """The C DP on one file: cost, CPU seconds and peak MB from wait4, or why it did not run."""
    args = [str(exe), *(["-r"] if reduce else []), str(path)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    timer = threading.Timer(timeout, lambda: proc.send_signal(signal.SIGKILL))
    timer.start()
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    cpu = usage.ru_utime + usage.ru_stime
    if proc.returncode == 3:
        return {"status": "skipped (> 4 GB)", "scenes": int(out.split()[1])}
    if proc.returncode != 0:
        return {"status": f"killed at {timeout:g} s" if proc.returncode < 0 else "error"}
    cost, _, scenes, peak_kb = (int(x) for x in out.split())
    return {
        "status": "ok",
        "cost": cost,
        "scenes": scenes,
        "cpu": round(cpu, 3),
        "wall": round(wall, 3),
        "mb": round(peak_kb / 1024, 1),  # VmHWM: ru_maxrss would count the forked parent
    }


def run_worker(kind: str, solver: str, path: Path, limit: float) -> dict:
    """One solver in a fresh process; returns its JSON line as a dict."""
    cmd = [sys.executable, str(ROOT / "benchmarks" / "talent.py"), "--worker", kind, solver]
    cmd += [str(path), str(limit)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=limit * 3 + 120)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1:]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def worker_main(kind: str, solver: str, path: str, limit: float) -> None:
    """Body of ``--worker``: warm the kernels, then solve the file once and print JSON."""
    sys.path.insert(0, str(ROOT))
    from prodoffice.optimizer.cpsat import solve_movie_cpsat, solve_talent_cpsat
    from prodoffice.optimizer.generator import random_instance
    from prodoffice.optimizer.instance import load_movie_shoot, load_talent
    from prodoffice.optimizer.movieshoot import solve_movie
    from prodoffice.optimizer.talent import solve

    if kind == "talent":
        inst = load_talent(path, allow_unused_actors=True)
        if solver == "ours":
            for method in ("auto", "dp", "double", "single"):  # load the JIT cache before timing
                solve(random_instance(12, 6, 0), 30.0, method=method)
            fn = lambda: solve(inst, limit)  # noqa: E731
        else:
            fn = lambda: solve_talent_cpsat(inst, limit)  # noqa: E731
    else:
        inst = load_movie_shoot(path)
        if solver == "ours":
            small = random.Random(0)
            from prodoffice.optimizer.generator import movie_shoot_text
            from prodoffice.optimizer.instance import parse_movie_shoot

            for n in (6, 28):  # the exact table, then annealing, the bound and CP-SAT
                text = movie_shoot_text(n, 3, 2, 1, small.random())
                solve_movie(parse_movie_shoot(text), 2.0)
            fn = lambda: solve_movie(inst, limit)  # noqa: E731
        else:
            fn = lambda: solve_movie_cpsat(inst, limit)  # noqa: E731
    cpu0, t0 = time.process_time(), time.perf_counter()
    res = fn()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - t0
    row = {"cpu": round(cpu, 3), "wall": round(wall, 3)}
    row["mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if solver == "ours":
        row |= {"cost": res.cost, "lower_bound": res.lower_bound, "proven": res.proven_optimal}
        row["method"] = getattr(res, "stats", {}).get("method", "")
    else:
        row |= {"cost": res.cost, "lower_bound": res.bound, "proven": res.proven_optimal}
    print(json.dumps(row))


def run_unseen(
    count: int,
    seed: int,
    families: list[str],
    cpsat_limit: float | None,
    c_timeout: float | None = None,
) -> list:
    """Every family's instances through every solver; rows as dicts (printed as they come).

    ``c_timeout``: wall seconds before the C DP is killed (default max(60, 4 x the limit)).
    """
    rng = random.Random(seed)
    tmp = Path(tempfile.mkdtemp(prefix=f"talent_unseen_{seed}_"))
    exe = compile_dp(tmp)
    rows = []
    for family in families:
        limit = LIMITS[family]
        for name, text, params in family_instances(family, count, rng):
            path = tmp / name
            path.write_text(text, encoding="utf-8")
            kind = "movie" if family == "movie" else "talent"
            row = {"family": family, "instance": name, "params": params, "limit": limit}
            row["ours"] = run_worker(kind, "ours", path, limit)
            if kind == "talent":
                c_limit = c_timeout or max(60.0, 4 * limit)
                row["c_plain"] = run_c(exe, path, False, c_limit)
                row["c_reduced"] = run_c(exe, path, True, c_limit)
            # The movie-shoot target is against CP-SAT at the same limit: never shortened there.
            cp_limit = (cpsat_limit or limit) if kind == "talent" else limit
            row["cpsat"] = run_worker(kind, "cpsat", path, cp_limit)
            row["load"] = round(os.getloadavg()[0], 1)
            rows.append(row)
            print(json.dumps(row), flush=True)
    return rows


def _ratio(row: dict, key: str) -> float | None:
    c = row.get(key, {})
    if c.get("status") != "ok" or "cpu" not in row["ours"]:
        return None
    return row["ours"]["cpu"] / max(c["cpu"], 1e-3)


def tables_from_json(path: Path) -> str:
    """The tables of a saved run (``<mode>.json``), with this version's columns."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    seed = int(re.search(r"seed(\d+)", Path(path).name)[1])
    return unseen_tables(data["rows"], seed)


def unseen_tables(rows: list, seed: int) -> str:
    """Per-instance table, then the per-family summary."""
    head = (
        f"Seed {seed}.\n\n| family | instance | params | ours cost | proven | ours CPU s "
        "| ours wall s | ours MB | method | C plain CPU s | C -r CPU s | C MB | ratio plain "
        "| ratio -r | CP-SAT cost | CP-SAT bound | CP-SAT s | ours LB | gap | load |\n"
        + "|---" * 20
        + "|\n"
    )
    body = ""
    for r in rows:
        o, cp = r["ours"], r["cpsat"]
        cpl, cr = r.get("c_plain", {}), r.get("c_reduced", {})
        gap = "" if o.get("proven") or not o.get("cost") else _gap(o)
        body += (
            f"| {r['family']} | {r['instance']} | {r['params']} | {o.get('cost')} | "
            f"{'yes' if o.get('proven') else 'no'} | {o.get('cpu')} | {o.get('wall')} | "
            f"{o.get('mb')} | {o.get('method', '')} | {cpl.get('cpu', cpl.get('status', ''))} | "
            f"{cr.get('cpu', cr.get('status', ''))} | {_c_mb(r) or ''} | "
            f"{_fmt(_ratio(r, 'c_plain'))} | {_fmt(_ratio(r, 'c_reduced'))} | {cp.get('cost')} | "
            f"{cp.get('lower_bound')} | {cp.get('wall')} | {o.get('lower_bound')} | {gap} | "
            f"{r['load']} |\n"
        )
    return head + body + "\n" + summary_table(rows)


def _c_mb(r: dict) -> float:
    """Peak memory of the C DP runs on this instance (0 when neither ran)."""
    return max((r.get(k, {}).get("mb", 0) for k in ("c_plain", "c_reduced")), default=0)


def _gap(o: dict) -> str:
    return f"{100 * (o['cost'] - o['lower_bound']) / o['cost']:.1f}%"


def _fmt(x: float | None) -> str:
    return "" if x is None else f"{x:.2f}"


def summary_table(rows: list) -> str:
    """Per family: proven, median and max time, worst ratios to the C DP, peak MB, gaps."""
    head = (
        "| family | n | proven | median CPU s | max CPU s | max wall s | worst ratio plain "
        "| worst ratio -r | peak MB ours | peak MB C | gaps where unproven | ours <= CP-SAT "
        "| LB > 0 |\n" + "|---" * 13 + "|\n"
    )
    body = ""
    for fam in dict.fromkeys(r["family"] for r in rows):
        rs = [r for r in rows if r["family"] == fam and "cpu" in r["ours"]]
        if not rs:
            continue
        cpus = [r["ours"]["cpu"] for r in rs]
        worst = [x for x in (_ratio(r, "c_plain") for r in rs) if x is not None]
        worst_r = [x for x in (_ratio(r, "c_reduced") for r in rs) if x is not None]
        c_mb = [_c_mb(r) for r in rs]
        gaps = [_gap(r["ours"]) for r in rs if not r["ours"]["proven"] and r["ours"]["cost"]]
        better = sum(1 for r in rs if r["cpsat"].get("cost") is None or _le(r))
        lb_pos = sum(1 for r in rs if r["ours"]["lower_bound"] > 0 or r["ours"]["cost"] == 0)
        body += (
            f"| {fam} | {len(rs)} | {sum(r['ours']['proven'] for r in rs)} | "
            f"{statistics.median(cpus):.2f} | {max(cpus):.2f} | "
            f"{max(r['ours']['wall'] for r in rs):.2f} | {_fmt(max(worst, default=None))} "
            f"| {_fmt(max(worst_r, default=None))} | {max(r['ours']['mb'] for r in rs):.0f} | "
            f"{max(c_mb, default=0):.0f} | {', '.join(gaps) or '-'} | {better}/{len(rs)} | "
            f"{lb_pos}/{len(rs)} |\n"
        )
    return head + body


def _le(r: dict) -> bool:
    return r["ours"]["cost"] <= r["cpsat"]["cost"]
