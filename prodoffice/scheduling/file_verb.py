"""`prodoffice optimize-file FILE`: the exact talent-scheduling solver on a benchmark file.

The one implementation of the verb. `prodoffice.cli` runs :func:`main` before Django is set up
(the verb touches neither the database nor the site, and Django's start-up was most of its wall
time: issue 17 asks under 2 s warm on a 5-scene file); the management command
`manage.py optimize_file` calls :func:`solve_file` and :func:`text` too, so both answer alike.
No Django import here, nor anything that imports it (`scheduling.bounds` is Django-free).
"""

from __future__ import annotations

import argparse
import json
import sys

from prodoffice.optimizer.instance import InstanceError, TalentInstance, load_talent
from prodoffice.scheduling.bounds import bound_figures, bound_words

#: Exit codes, as every prodoffice verb: 1 the file was refused, 2 bad option.
FAILED, USAGE = 1, 2

HELP = (
    "Solve a talent-scheduling instance (the benchmark format: name, scenes n, actors m, "
    "m rows of n 0/1 flags and a daily cost, n durations) and print cost, lower bound, "
    "proof and the order (0-based scene indices in file order). "
    "Exit codes: 0 solved, 1 malformed file, 2 bad option."
)


class FileRefused(Exception):
    """The verb cannot run: the message names the file, field or line; `code` is the exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def load(path: str, allow_unused_actors: bool = False) -> TalentInstance:
    """The instance in `path`, or FileRefused naming the line or field."""
    try:
        return load_talent(path, allow_unused_actors=allow_unused_actors)
    except OSError as exc:
        raise FileRefused(f"{path}: {exc.strerror or exc}", FAILED) from None
    except UnicodeDecodeError:
        raise FileRefused(f"{path}: not a UTF-8 text file", FAILED) from None
    except InstanceError as exc:
        hint = " (--allow-unused-actors accepts it)" if "appears in no scene" in str(exc) else ""
        raise FileRefused(f"{exc}{hint}", FAILED) from None


def solve_file(path: str, time_limit: float, allow_unused_actors: bool = False) -> dict:
    """Solve the file: the JSON document of the verb (instance, cost, bound, gap, order ...)."""
    if not time_limit > 0:
        raise FileRefused("--time-limit must be a positive number of seconds.", USAGE)
    inst = load(path, allow_unused_actors)
    from prodoffice.optimizer.talent import solve

    result = solve(inst, time_limit)
    figures = bound_figures(result.cost, result.lower_bound, result.proven_optimal)
    return {
        "instance": inst.name,
        "scenes": inst.n_scenes,
        "actors": inst.n_actors,
        "cost": result.cost,
        "lower_bound": result.lower_bound,
        "proven_optimal": result.proven_optimal,
        "order": list(result.order),
        "seconds": round(result.seconds, 4),
        "gap": None if figures["gap"] is None else round(figures["gap"], 6),
        "bound_useful": figures["bound_useful"],
    }


def text(data: dict) -> str:
    """The verb's answer for people."""
    return (
        f"{data['instance']}: {data['scenes']} scenes, {data['actors']} actors\n"
        f"Cost: {data['cost']}\nLower bound: {bound_words(data)}\n"
        f"Proven optimal: {'yes' if data['proven_optimal'] else 'no'}\n"
        f"Order: {' '.join(str(s) for s in data['order'])}\nSeconds: {data['seconds']:.3f}"
    )


def as_json(data: dict) -> str:
    """The JSON answer (scene and actor counts are in the text answer only, as before)."""
    keep = {k: v for k, v in data.items() if k not in ("scenes", "actors")}
    return json.dumps(keep, indent=2, ensure_ascii=False)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="prodoffice optimize-file", description=HELP)
    add_arguments(p)
    p.add_argument("--json", action="store_true", help="Print machine-readable JSON on stdout.")
    return p


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The verb's own options (the management command adds the same ones)."""
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--time-limit", type=float, default=10.0, metavar="S", help="Seconds (default 10)."
    )
    p.add_argument(
        "--allow-unused-actors",
        action="store_true",
        help="Accept actors who appear in no scene (film-12 has one); they are never paid.",
    )


def main(argv: list[str]) -> int:
    """Run the verb on `argv` (the words after the verb); the exit code."""
    options = parser().parse_args(argv)  # exits 2 itself on a bad option, as Django's would
    try:
        data = solve_file(options.file, options.time_limit, options.allow_unused_actors)
    except FileRefused as exc:
        sys.stderr.write(f"CommandError: {exc}\n")
        return exc.code
    sys.stdout.write((as_json(data) if options.json else text(data)) + "\n")
    return 0
