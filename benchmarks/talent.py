"""Benchmark: exact talent scheduling vs the CP-SAT model, random instances, movie shoot.

Usage (from the repository root, ../shared beside it):

    python benchmarks/talent.py --time-limit 10                  # 12 classic + 32 generated
    python benchmarks/talent.py --random 10 --scenes 32 --actors 8-12 --time-limit 60
    python benchmarks/talent.py --movie-shoot --time-limit 30
    python benchmarks/talent.py --compare-ref 7a90a2e     # hard set: a git revision vs now
    python benchmarks/talent.py --unseen 4 --seed 1       # fresh instances, C DP side by side

Each mode prints a markdown table and writes it with a JSON twin to --out (default
benchmarks/results/). Both solvers get the same time limit; CP-SAT uses 2 workers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from prodoffice.optimizer.cpsat import solve_movie_cpsat, solve_talent_cpsat  # noqa: E402
from prodoffice.optimizer.generator import random_instance  # noqa: E402
from prodoffice.optimizer.instance import load_movie_shoot, load_talent  # noqa: E402
from prodoffice.optimizer.movieshoot import solve_movie  # noqa: E402
from prodoffice.optimizer.talent import solve  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
import _talent_unseen as U  # noqa: E402

DATA = ROOT / ".." / "shared" / "data"
TALENT = DATA / "talent"
CLASSIC = [
    "tiny",
    "tiny2",
    "small",
    "small2",
    "concert",
    "film-10",
    "film-12",
    "film105.dat",
    "film103.dat",
    "film114.dat",
    "Warwick1201",
    "MobStory",
]


def published_optima() -> dict[str, int]:
    """Optima from the data README's tables (classic and generated)."""
    text = (DATA / "README.md").read_text(encoding="utf-8")
    out = {m[1]: int(m[2]) for m in re.finditer(r"\| (\S+) \| \d+ \| \d+ \| (\d+) \| \d+ \|", text)}
    out.update({m[1]: int(m[2]) for m in re.finditer(r"(instance_\S+\.txt) \| (\d+)", text)})
    return out


def peak_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def warm_up() -> None:
    """Load (or compile) the numba kernels before anything is timed."""
    for method in ("auto", "dp", "double", "single"):
        solve(random_instance(12, 6, 0), 30.0, method=method)
    solve_movie(load_movie_shoot(TALENT / "movie-shoot" / "movie5.txt"), 1.0)


def run_instances(limit: float, method: str, cpsat_limit: float | None = None) -> list[dict]:
    """Our solver, the plain C subset DP (as in --unseen) and CP-SAT on every classic and
    generated instance."""
    optima = published_optima()
    paths = [TALENT / n for n in CLASSIC] + sorted((TALENT / "generated").iterdir())
    exe = U.compile_dp(Path(tempfile.mkdtemp(prefix="talent_dp_")))
    rows = []
    for path in paths:
        inst = load_talent(path, allow_unused_actors=True)
        cpu0 = time.process_time()
        ours = solve(inst, limit, method=method)
        cpu = time.process_time() - cpu0
        c_dp = U.run_c(exe, path, False, max(60.0, 4 * limit))
        cp = solve_talent_cpsat(inst, cpsat_limit or limit)
        rows.append(
            {
                "instance": path.name,
                "scenes": inst.n_scenes,
                "actors": inst.n_actors,
                "optimum": optima.get(path.name),
                "cost": ours.cost,
                "proven": ours.proven_optimal,
                "seconds": round(ours.seconds, 3),
                "cpu_seconds": round(cpu, 3),
                "nodes": ours.nodes,
                "c_cost": c_dp.get("cost"),
                "c_cpu": c_dp.get("cpu", c_dp["status"]),
                "cpsat_cost": cp.cost,
                "cpsat_bound": cp.bound,
                "cpsat_status": cp.status,
                "cpsat_seconds": round(cp.seconds, 3),
            }
        )
        print(rows[-1], flush=True)
    return rows


def instances_table(rows: list[dict]) -> str:
    """Markdown table of the instance mode."""
    head = (
        "| instance | n | m | optimum | ours | proven | ours s | ours CPU s | C DP cost "
        "| C DP CPU s | CP-SAT cost | CP-SAT bound "
        "| CP-SAT s | ratio CPU ours / C |\n" + "|---" * 14 + "|\n"
    )
    body = "".join(
        f"| {r['instance']} | {r['scenes']} | {r['actors']} | {r['optimum']} | {r['cost']} | "
        f"{'yes' if r['proven'] else 'no'} | {r['seconds']:.2f} | {r['cpu_seconds']:.3f} | "
        f"{r['c_cost']} | {r['c_cpu']} | {r['cpsat_cost']} | "
        f"{r['cpsat_bound']} | {r['cpsat_seconds']:.2f} | {_c_ratio(r)} |\n"
        for r in rows
    )
    return head + body


def _c_ratio(r: dict) -> str:
    if not isinstance(r["c_cpu"], float | int):
        return ""
    return f"{r['cpu_seconds'] / max(r['c_cpu'], 1e-3):.2f}"


def run_random(count: int, scenes: int, actors: tuple[int, int], limit: float, method: str):
    """Random instances (seeds 0..count-1, actors cycling through the range)."""
    rows = []
    lo, hi = actors
    for seed in range(count):
        m = lo + seed % (hi - lo + 1)
        inst = random_instance(scenes, m, seed)
        cpu0 = time.process_time()
        res = solve(inst, limit, method=method)
        cpu = time.process_time() - cpu0
        rows.append(
            {
                "seed": seed,
                "actors": m,
                "cost": res.cost,
                "proven": res.proven_optimal,
                "lower_bound": res.lower_bound,
                "seconds": round(res.seconds, 3),
                "cpu_seconds": round(cpu, 3),
                "load": round(os.getloadavg()[0], 1),
                "nodes": res.nodes,
            }
        )
        print(rows[-1], flush=True)
    return rows


def random_table(rows: list[dict], limit: float) -> str:
    """Markdown table and median (unproven runs count as the time limit or more)."""
    times = [r["seconds"] if r["proven"] else float("inf") for r in rows]
    med = statistics.median(times)
    med_txt = f"{med:.2f} s" if med != float("inf") else f"> {limit:g} s (not reached)"
    head = (
        "| seed | actors | cost | proven | seconds | CPU s | nodes | load |\n"
        "|---|---|---|---|---|---|---|---|\n"
    )
    body = "".join(
        f"| {r['seed']} | {r['actors']} | {r['cost']} | {'yes' if r['proven'] else 'no'} | "
        f"{r['seconds']:.2f} | {r['cpu_seconds']:.2f} | {r['nodes']} | {r['load']} |\n"
        for r in rows
    )
    proven = sum(r["proven"] for r in rows)
    return head + body + f"\nProven {proven}/{len(rows)}; median time to proof: {med_txt}\n"


HARD_GENERATED = ["instance_22_15_40_20.txt", "instance_24_15_40_20.txt"]


def load_ref_solver(ref: str):
    """``solve`` of prodoffice/optimizer as it was at git revision ``ref`` (own package name)."""
    tmp = Path(tempfile.mkdtemp(prefix="talent_ref_"))
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "prodoffice/optimizer"],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive, check=True)
    (tmp / "prodoffice" / "optimizer").rename(tmp / "optimizer_ref")
    sys.path.insert(0, str(tmp))
    import optimizer_ref.talent as ref_talent  # importable only once extracted, here

    return ref_talent.solve


def hard_set(random_count: int) -> list[tuple[str, object, float]]:
    """(label, instance, limit factor): the two hardest generated, then random 32-scene ones."""
    items = [
        (n, load_talent(TALENT / "generated" / n, allow_unused_actors=True), 1.0)
        for n in HARD_GENERATED
    ]
    for seed in range(random_count):
        items.append((f"random seed {seed}", random_instance(32, 8 + seed % 5, seed), 6.0))
    return items


def run_compare(ref: str, limit: float, random_count: int) -> list[dict]:
    """Revision ``ref`` and the current solver, each with its default method, instance by
    instance in turns (so both see the same machine load); random instances get 6 x limit."""
    old_solve = load_ref_solver(ref)
    old_solve(random_instance(8, 4, 0), 30.0)  # compile or load the old kernels before timing
    rows = []
    for label, inst, factor in hard_set(random_count):
        row = {"instance": label, "limit": limit * factor}
        for tag, fn in (("old", old_solve), ("new", solve)):
            cpu0 = time.process_time()
            res = fn(inst, limit * factor)
            row[tag] = {
                "cost": res.cost,
                "proven": res.proven_optimal,
                "seconds": round(res.seconds, 2),
                "cpu_seconds": round(time.process_time() - cpu0, 2),
                "nodes": res.nodes,
                "load": round(os.getloadavg()[0], 1),
            }
        rows.append(row)
        print(row, flush=True)
    return rows


def compare_table(rows: list[dict], ref: str) -> str:
    """Markdown table of the comparison mode."""
    head = (
        f"| instance | limit s | {ref} proven | s | CPU s | nodes | now proven | s | CPU s | "
        "nodes | cost (both) | load |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    body = ""
    for r in rows:
        o, n = r["old"], r["new"]
        cost = f"{o['cost']}" if o["cost"] == n["cost"] else f"{o['cost']} / {n['cost']}"
        body += (
            f"| {r['instance']} | {r['limit']:g} | {'yes' if o['proven'] else 'no'} | "
            f"{o['seconds']:.2f} | {o['cpu_seconds']:.2f} | {o['nodes']} | "
            f"{'yes' if n['proven'] else 'no'} | {n['seconds']:.2f} | {n['cpu_seconds']:.2f} | "
            f"{n['nodes']} | {cost} | {n['load']} |\n"
        )
    return head + body


def run_movie(limit: float) -> list[dict]:
    """Our movie-shoot solver and the plain CP-SAT model, same time limit each."""
    rows = []
    paths = sorted((TALENT / "movie-shoot").iterdir(), key=lambda p: int(p.stem[5:]))
    for path in paths:
        inst = load_movie_shoot(path)
        ours = solve_movie(inst, limit)
        cp = solve_movie_cpsat(inst, limit)
        rows.append(
            {
                "instance": path.stem,
                "scenes": inst.n_scenes,
                "cost": ours.cost,
                "lower_bound": ours.lower_bound,
                "gap": round(ours.gap, 4),
                "proven": ours.proven_optimal,
                "seconds": round(ours.seconds, 2),
                "cpsat_cost": cp.cost,
                "cpsat_bound": cp.bound,
                "cpsat_status": cp.status,
                "cpsat_seconds": round(cp.seconds, 2),
            }
        )
        print(rows[-1], flush=True)
    return rows


def movie_table(rows: list[dict]) -> str:
    """Markdown table of the movie-shoot mode."""
    head = (
        "| instance | n | ours | bound | gap | proven | ours s | CP-SAT cost | CP-SAT bound "
        "| CP-SAT s | ours <= CP-SAT |\n|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    body = "".join(
        f"| {r['instance']} | {r['scenes']} | {r['cost']} | {r['lower_bound']} | "
        f"{100 * r['gap']:.1f}% | {'yes' if r['proven'] else 'no'} | {r['seconds']:.1f} | "
        f"{r['cpsat_cost']} | {r['cpsat_bound']} | {r['cpsat_seconds']:.1f} | "
        f"{'yes' if r['cpsat_cost'] is None or r['cost'] <= r['cpsat_cost'] else 'no'} |\n"
        for r in rows
    )
    return head + body


def main(argv: list[str] | None = None) -> None:
    """Parse arguments, run one mode, print and save the table."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--time-limit", type=float, default=10.0)
    p.add_argument("--method", choices=["auto", "dp", "single", "double"], default="auto")
    p.add_argument("--random", type=int, default=0, metavar="N")
    p.add_argument("--scenes", type=int, default=32)
    p.add_argument("--actors", default="8-12")
    p.add_argument("--movie-shoot", action="store_true")
    p.add_argument("--compare-ref", metavar="GIT_REV", help="hard set: that revision vs now")
    p.add_argument("--compare-random", type=int, default=5, metavar="N")
    p.add_argument("--unseen", type=int, default=0, metavar="N", help="N fresh per family")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--families", default="classic,generated,random,movie")
    p.add_argument("--cpsat-limit", type=float, default=None, help="default: ours' limit")
    p.add_argument("--c-timeout", type=float, default=None, help="C DP kill time, s (unseen mode)")
    p.add_argument("--worker", nargs=4, metavar=("KIND", "SOLVER", "FILE", "LIMIT"))
    p.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = p.parse_args(argv)
    if args.worker:
        kind, solver, path, limit = args.worker
        return U.worker_main(kind, solver, path, float(limit))
    if not TALENT.is_dir() and not args.unseen:
        sys.exit(f"data not found: {TALENT}")
    if not args.unseen:
        warm_up()
    started = time.strftime("%Y-%m-%d %H:%M")
    if args.unseen:
        fams = args.families.split(",")
        rows = U.run_unseen(args.unseen, args.seed, fams, args.cpsat_limit, args.c_timeout)
        name = f"unseen_seed{args.seed}_{'-'.join(fams)}"
        table = U.unseen_tables(rows, args.seed)
    elif args.compare_ref:
        rows = run_compare(args.compare_ref, args.time_limit, args.compare_random)
        name, table = "compare", compare_table(rows, args.compare_ref)
    elif args.random:
        lo, hi = (int(x) for x in args.actors.split("-"))
        rows = run_random(args.random, args.scenes, (lo, hi), args.time_limit, args.method)
        name, table = f"random_{args.scenes}", random_table(rows, args.time_limit)
    elif args.movie_shoot:
        rows = run_movie(args.time_limit)
        name, table = "movie_shoot", movie_table(rows)
    else:
        rows = run_instances(args.time_limit, args.method, args.cpsat_limit)
        name, table = "talent", instances_table(rows)
    meta = {
        "date": started,
        "machine": f"{platform.machine()} {platform.processor()}".strip(),
        "python": platform.python_version(),
        "time_limit": args.time_limit,
        "method": args.method,
        "peak_rss_mb": round(peak_mb(), 1),
        "cpus": os.cpu_count(),
        "load_avg_at_end": [round(x, 1) for x in os.getloadavg()],
    }
    footer = f"\nPeak RSS {meta['peak_rss_mb']} MB; {meta}\n"
    print(table + footer)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{name}.md").write_text(table + footer, encoding="utf-8")
    (args.out / f"{name}.json").write_text(
        json.dumps({"meta": meta, "rows": rows}, indent=1), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
