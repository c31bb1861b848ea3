"""OR-Tools CP-SAT models: the generic talent-scheduling model and the movie-shoot model.

These are the models a user would write first, kept as baselines to measure the exact solver
against, and (for the movie shoot) as the improvement and bounding step after local search.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .instance import MovieShootInstance, TalentInstance, movie_shoot_cost, order_cost


@dataclass(frozen=True)
class CpSatResult:
    """Best order found (possibly empty), its cost, the solver's bound, status and time."""

    order: tuple[int, ...]
    cost: int | None
    bound: int
    status: str
    seconds: float

    @property
    def proven_optimal(self) -> bool:
        """True when CP-SAT closed the gap."""
        return self.status == "OPTIMAL"


def _bound(solver: cp_model.CpSolver) -> int:
    # CP-SAT reports a float; round up with a tolerance since the objective is integral.
    return math.ceil(solver.best_objective_bound - 1e-6)


def _solver(time_limit: float, workers: int) -> cp_model.CpSolver:
    if not time_limit > 0:
        raise ValueError(f"time_limit must be a positive number of seconds, got {time_limit!r}")
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = workers
    return solver


def solve_talent_cpsat(
    inst: TalentInstance, time_limit: float = 10.0, *, workers: int = 2
) -> CpSatResult:
    """Intervals with no overlap; each actor's first start and last end by min/max constraints.

    Symmetry breaking: an order and its reverse cost the same, so scene 0 starts before the last
    scene; scenes with the same cast are shot in index order (some optimum shoots them together).
    """
    solver = _solver(time_limit, workers)
    model = cp_model.CpModel()
    horizon = sum(inst.durations)
    starts, ends, intervals = [], [], []
    for s, d in enumerate(inst.durations):
        st = model.new_int_var(0, horizon - d, f"start{s}")
        en = model.new_int_var(d, horizon, f"end{s}")
        intervals.append(model.new_interval_var(st, d, en, f"scene{s}"))
        starts.append(st)
        ends.append(en)
    model.add_no_overlap(intervals)
    cost_terms = []
    for a, c in enumerate(inst.costs):
        scenes = inst.actor_scenes(a)
        if not scenes or c == 0:
            continue
        first = model.new_int_var(0, horizon, f"first{a}")
        last = model.new_int_var(0, horizon, f"last{a}")
        model.add_min_equality(first, [starts[s] for s in scenes])
        model.add_max_equality(last, [ends[s] for s in scenes])
        cost_terms.append(c * (last - first))
    if inst.n_scenes > 1:
        model.add(starts[0] < starts[inst.n_scenes - 1])
    by_cast: dict[frozenset[int], list[int]] = {}
    for s, cast in enumerate(inst.scenes):
        by_cast.setdefault(cast, []).append(s)
    for group in by_cast.values():
        for s, t in itertools.pairwise(group):
            if not (s == 0 and t == inst.n_scenes - 1):
                model.add(starts[s] < starts[t])
    model.minimize(sum(cost_terms))
    t0 = time.perf_counter()
    status = solver.solve(model)
    seconds = time.perf_counter() - t0
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return CpSatResult(
            (), None, int(solver.best_objective_bound), solver.status_name(status), seconds
        )
    order = tuple(sorted(range(inst.n_scenes), key=lambda s: solver.value(starts[s])))
    cost = order_cost(inst, order)
    return CpSatResult(order, cost, _bound(solver), solver.status_name(status), seconds)


def solve_movie_cpsat(
    inst: MovieShootInstance,
    time_limit: float = 30.0,
    *,
    hint: Sequence[int] | None = None,
    workers: int = 2,
) -> CpSatResult:
    """Circuit model: successor literals over the scenes and a depot, start times chained along
    the circuit; location cost from location changes along it, actor holding from min/max spans.
    """
    solver = _solver(time_limit, workers)
    model = cp_model.CpModel()
    n = inst.n_scenes
    horizon = sum(inst.durations)
    start = [model.new_int_var(0, horizon - d, f"start{s}") for s, d in enumerate(inst.durations)]
    arcs = []
    change_terms = []
    lit = {}
    for i in range(n + 1):  # node n is the depot: before the first and after the last scene
        for j in range(n + 1):
            if i == j:
                continue
            x = model.new_bool_var(f"x{i}_{j}")
            lit[i, j] = x
            arcs.append((i, j, x))
            if j < n and i < n:
                model.add(start[j] == start[i] + inst.durations[i]).only_enforce_if(x)
                if inst.locations[i] != inst.locations[j]:
                    change_terms.append(inst.location_costs[inst.locations[j]] * x)
            elif j < n:
                model.add(start[j] == 0).only_enforce_if(x)
                change_terms.append(inst.location_costs[inst.locations[j]] * x)
    model.add_circuit(arcs)
    for a, b in inst.precedences:
        model.add(start[a] + inst.durations[a] <= start[b])
    used = {inst.locations[s] for s in range(n)}
    loc_constant = sum(inst.location_costs[k] for k in used)  # first visit of each is free
    hold_terms = []
    for a, c in enumerate(inst.actor_costs):
        scenes = [s for s in range(n) if a in inst.scenes[s]]
        if len(scenes) < 2 or c == 0:
            continue
        first = model.new_int_var(0, horizon, f"first{a}")
        last = model.new_int_var(0, horizon, f"last{a}")
        model.add_min_equality(first, [start[s] for s in scenes])
        model.add_max_equality(last, [start[s] + inst.durations[s] for s in scenes])
        worked = sum(inst.durations[s] for s in scenes)
        model.add(last - first >= worked)  # valid, and keeps the relaxation's bound above zero
        hold_terms.append(c * (last - first - worked))
    model.minimize(sum(change_terms) - loc_constant + sum(hold_terms))
    if hint is not None:
        day = 0
        for s in hint:
            model.add_hint(start[s], day)
            day += inst.durations[s]
        seq = [n, *hint, n]
        succ = set(itertools.pairwise(seq))
        for (i, j), x in lit.items():
            model.add_hint(x, (i, j) in succ)
    t0 = time.perf_counter()
    status = solver.solve(model)
    seconds = time.perf_counter() - t0
    bound = max(0, _bound(solver)) if status != cp_model.INFEASIBLE else 0
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return CpSatResult((), None, bound, solver.status_name(status), seconds)
    order = tuple(sorted(range(n), key=lambda s: solver.value(start[s])))
    loc, hold = movie_shoot_cost(inst, order)
    return CpSatResult(order, loc + hold, bound, solver.status_name(status), seconds)
