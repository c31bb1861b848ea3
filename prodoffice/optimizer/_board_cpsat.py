"""CP-SAT day-assignment model of a production board (see ``board``)."""

from __future__ import annotations

import threading
import time

from ortools.sat.python import cp_model

from ._board_dp import order_of_days as _order
from .board import BoardProblem, _allowed_days, board_cost, ceil_bound


def _pack(problem: BoardProblem, order, allowed) -> dict[str, int] | None:
    # Greedy fill of days in the given order: a warm start, not necessarily feasible.
    work_days = [d for d in range(problem.n_days) if d not in problem.days_off]
    scenes = {s.id: s for s in problem.scenes}
    out: dict[str, int] = {}
    i, load, night, full = 0, 0, None, False
    for sid in order:
        s = scenes[sid]
        cap = problem.max_eighths_per_day
        clash = problem.separate_day_night and night is not None and night != s.night
        if load and (full or s.whole_day or clash or (cap is not None and load + s.eighths > cap)):
            i, load, night, full = i + 1, 0, None, False
        if i >= len(work_days):
            return None
        out[sid] = work_days[i] if s.pinned_day is None else s.pinned_day
        load += s.eighths
        night = s.night
        full = s.whole_day
    return out


#: Seconds between two looks at should_stop() and two progress reports during the search.
POLL_SECONDS = 0.25


def solve_board_cpsat(
    problem: BoardProblem, time_limit: float, hint_order, *, should_stop=None, on_progress=None
) -> dict:
    """Solve the board with CP-SAT; returns BoardSolution fields (without ``seconds``)."""
    model = cp_model.CpModel()
    cast = {c.id: c for c in problem.cast}
    work_days = [d for d in range(problem.n_days) if d not in problem.days_off]
    cum = [0] * problem.n_days  # working days up to and including d
    for d in range(problem.n_days):
        cum[d] = (cum[d - 1] if d else 0) + (d not in problem.days_off)
    x: dict[tuple[str, int], cp_model.IntVar] = {}
    for s in problem.scenes:
        days = _allowed_days(problem, s, cast)
        for d in days:
            x[s.id, d] = model.new_bool_var(f"x_{s.id}_{d}")
        model.add_exactly_one(x[s.id, d] for d in days)
    on_day = {d: [(s, x[s.id, d]) for s in problem.scenes if (s.id, d) in x] for d in work_days}
    for d, items in on_day.items():
        if problem.max_eighths_per_day is not None:
            model.add(sum(s.eighths * v for s, v in items) <= problem.max_eighths_per_day)
        if problem.max_minutes_per_day is not None:
            model.add(sum(s.minutes * v for s, v in items) <= problem.max_minutes_per_day)
        for s, v in items:
            if s.whole_day:
                model.add(sum(w for t, w in items if t.id != s.id) == 0).only_enforce_if(v)
        if problem.separate_day_night:
            night = model.new_bool_var(f"night_{d}")
            for s, v in items:
                model.add_implication(v, night if s.night else night.negated())
    day_of = {
        s.id: sum(d * x[s.id, d] for d in range(problem.n_days) if (s.id, d) in x)
        for s in problem.scenes
    }
    for a, b in problem.precedences:
        model.add(day_of[a] <= day_of[b])
    terms = []
    for member in problem.cast:
        scenes = [s for s in problem.scenes if member.id in s.cast]
        if not scenes or member.daily_cost == 0:
            continue
        first = model.new_int_var_from_domain(cp_model.Domain.from_values(work_days), "f")
        last = model.new_int_var_from_domain(cp_model.Domain.from_values(work_days), "l")
        for s in scenes:
            model.add(first <= day_of[s.id])
            model.add(last >= day_of[s.id])
        cf = model.new_int_var(0, len(work_days), "cf")
        cl = model.new_int_var(0, len(work_days), "cl")
        model.add_element(first, cum, cf)
        model.add_element(last, cum, cl)
        terms.append(member.daily_cost * (cl - cf + 1))
    for loc, c in problem.location_move_cost.items():
        scenes = [s for s in problem.scenes if s.location == loc]
        if not scenes or not c:
            continue
        starts = []
        prev = None
        for d in work_days:
            used = model.new_bool_var(f"u_{loc}_{d}")
            lits = [x[s.id, d] for s in scenes if (s.id, d) in x]
            for v in lits:
                model.add_implication(v, used)
            # Exactly the OR: otherwise "used" on an empty day would merge two visits for free.
            model.add(used <= sum(lits))
            start = model.new_bool_var(f"st_{loc}_{d}")
            model.add(start >= used - (prev if prev is not None else 0))
            starts.append(start)
            prev = used
        terms.append(c * (sum(starts) - 1))
    model.minimize(sum(terms))
    if hint_order is not None:
        packed = _pack(problem, hint_order, None)
        if packed:
            for (sid, d), v in x.items():
                model.add_hint(v, packed.get(sid) == d)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = 2
    status, stopped = _solve_watched(solver, model, time_limit, should_stop, on_progress)
    if stopped and status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {**_empty("stopped", ("stopped before a schedule was found",)), "stopped": True}
    if status == cp_model.INFEASIBLE:
        msg = "no schedule satisfies the day limits, availability and day/night rules together"
        return _empty("infeasible", (msg,))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _empty("unknown", ("no schedule found within the time limit",))
    days = {sid: d for (sid, d), v in x.items() if solver.value(v)}
    cast_cost, loc_cost = board_cost(problem, days)  # independent re-pricing
    order = _order(problem, days)
    return {
        "status": "optimal" if status == cp_model.OPTIMAL else "feasible",
        "days": days,
        "order": order,
        "cast_cost": cast_cost,
        "location_cost": loc_cost,
        "lower_bound": min(ceil_bound(solver.best_objective_bound), cast_cost + loc_cost),
        "method": "cpsat",
        "conflicts": (),
        "stopped": stopped and status != cp_model.OPTIMAL,
    }


def _solve_watched(solver, model, time_limit: float, should_stop, on_progress):
    """Solve; with callbacks, solve in a thread (CP-SAT releases the GIL) and watch from here.

    The callbacks stay on the caller's thread, so they may use its database connection.
    Returns (status, stopped by should_stop).
    """
    if should_stop is None and on_progress is None:
        return solver.solve(model), False
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["status"] = solver.solve(model)
        except BaseException as exc:  # re-raised on the caller's thread below
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="cpsat", daemon=True)
    t0 = time.perf_counter()
    worker.start()
    stopped = False
    while worker.is_alive():
        worker.join(POLL_SECONDS)
        if not worker.is_alive():
            break
        if on_progress is not None:
            on_progress(min(1.0, (time.perf_counter() - t0) / time_limit), "searching")
        if not stopped and should_stop is not None and should_stop():
            solver.stop_search()
            stopped = True
    if "error" in outcome:
        raise outcome["error"]
    return outcome["status"], stopped


def _empty(status: str, conflicts) -> dict:
    return {
        "status": status,
        "days": {},
        "order": (),
        "cast_cost": 0,
        "location_cost": 0,
        "lower_bound": 0,
        "method": "cpsat",
        "conflicts": tuple(conflicts),
    }
