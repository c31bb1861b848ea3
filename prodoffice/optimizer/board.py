"""Production-board optimisation with side constraints: the API the scheduling app calls.

A board assigns scenes to shoot days. Cost = cast paid days (first to last working day, company
days off not paid) x daily rate + company moves (location cost per visit beyond the first).
Side constraints: cast availability windows, pinned days, precedences, days off, day/night not
mixed on one day, page (eighths) and minute limits per day, whole-day scenes.

When the board is the classic problem (whole-day scenes, no side constraints) the exact solver
answers with a proof; otherwise CP-SAT, warm-started from the exact order packed into days.
Contradictory inputs are reported as conflicts in the result, never raised.

Long runs are cooperative: ``should_stop()`` is asked between phases and about every quarter of
a second during CP-SAT (which then returns its best schedule so far); ``on_progress(fraction,
phase)`` reports the share of the time limit used. The exact phase is bounded by a third of the
time limit and is not interrupted.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .bounds import board_bound
from .instance import find_precedence_cycle, make_instance
from .talent import solve as solve_talent


@dataclass(frozen=True)
class BoardScene:
    """A strip: cast ids, page count in eighths, minutes, location, night flag, optional pin.

    ``whole_day`` scenes take a shoot day on their own.
    """

    id: str
    cast: frozenset[str]
    eighths: int = 8
    minutes: int = 0
    location: str | None = None
    night: bool = False
    pinned_day: int | None = None
    whole_day: bool = False


@dataclass(frozen=True)
class CastMember:
    """A cast member with a daily rate and availability windows (inclusive day ranges)."""

    id: str
    daily_cost: int
    available: tuple[tuple[int, int], ...] = ()  # empty: available every day

    def can_work(self, day: int) -> bool:
        """True when ``day`` lies in one of the availability windows (or there are none)."""
        return not self.available or any(lo <= day <= hi for lo, hi in self.available)


@dataclass(frozen=True)
class BoardProblem:
    """Scenes, cast and calendar (days 0..n_days-1) with the production's side constraints."""

    scenes: tuple[BoardScene, ...]
    cast: tuple[CastMember, ...]
    n_days: int
    days_off: frozenset[int] = frozenset()
    max_eighths_per_day: int | None = None
    max_minutes_per_day: int | None = None
    location_move_cost: Mapping[str, int] = field(default_factory=dict)
    separate_day_night: bool = True
    precedences: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class BoardSolution:
    """Day per scene, shooting order, cost breakdown, bound, gap; conflicts when infeasible."""

    status: str  # "optimal", "feasible", "infeasible" or "unknown"
    days: dict[str, int]
    order: tuple[str, ...]
    cast_cost: int
    location_cost: int
    lower_bound: int
    method: str
    seconds: float
    conflicts: tuple[str, ...] = ()
    stopped: bool = False  # should_stop() ended the search early: no claim beyond the bound

    @property
    def cost(self) -> int:
        """Total cost: cast plus company moves."""
        return self.cast_cost + self.location_cost

    @property
    def gap(self) -> float:
        """Relative gap between cost and lower bound."""
        return 0.0 if self.cost == 0 else (self.cost - self.lower_bound) / self.cost


def board_cost(problem: BoardProblem, days: Mapping[str, int]) -> tuple[int, int]:
    """(cast cost, location cost) of a day assignment, by plain definition."""
    off = problem.days_off
    cast_cost = 0
    for member in problem.cast:
        worked = [days[s.id] for s in problem.scenes if member.id in s.cast]
        if worked:
            span = range(min(worked), max(worked) + 1)
            cast_cost += member.daily_cost * sum(1 for d in span if d not in off)
    loc_cost = 0
    for loc, c in problem.location_move_cost.items():
        used = sorted({days[s.id] for s in problem.scenes if s.location == loc})
        work_days = [d for d in range(problem.n_days) if d not in off]
        runs = sum(
            1
            for i, d in enumerate(work_days)
            if d in used and (i == 0 or work_days[i - 1] not in used)
        )
        loc_cost += c * max(0, runs - 1)
    return cast_cost, loc_cost


def find_conflicts(problem: BoardProblem) -> list[str]:
    """Contradictions found before solving: each message names the scenes and days involved."""
    _check_ids(problem)
    cast = {c.id: c for c in problem.cast}
    out: list[str] = []
    for s in problem.scenes:
        if s.pinned_day is None:
            continue
        if not 0 <= s.pinned_day < problem.n_days:
            out.append(f"scene {s.id} is pinned to day {s.pinned_day}, outside the schedule")
        elif s.pinned_day in problem.days_off:
            out.append(f"scene {s.id} is pinned to day {s.pinned_day}, a company day off")
        for a in sorted(s.cast):
            if s.pinned_day is not None and not cast[a].can_work(s.pinned_day):
                out.append(f"scene {s.id} is pinned to day {s.pinned_day} but {a} is unavailable")
    for s in problem.scenes:
        if s.pinned_day is None and not _allowed_days(problem, s, cast):
            out.append(f"scene {s.id}: no working day on which its whole cast is available")
    index = {s.id: i for i, s in enumerate(problem.scenes)}
    pairs = [(index[a], index[b]) for a, b in problem.precedences]
    cycle = find_precedence_cycle(len(problem.scenes), pairs)
    if cycle:
        names = " before ".join(problem.scenes[i].id for i in cycle)
        out.append(f"precedences form a cycle: {names}")
        return out
    out.extend(_pin_precedence_conflicts(problem))
    out.extend(_pinned_day_conflicts(problem))
    return out


def _check_ids(problem: BoardProblem) -> None:
    cast_ids = {c.id for c in problem.cast}
    scene_ids = [s.id for s in problem.scenes]
    if len(set(scene_ids)) != len(scene_ids):
        raise ValueError("scene ids must be unique")
    for s in problem.scenes:
        unknown = s.cast - cast_ids
        if unknown:
            raise ValueError(f"scene {s.id} names unknown cast {sorted(unknown)}")
    for a, b in problem.precedences:
        for x in (a, b):
            if x not in scene_ids:
                raise ValueError(f"precedence names unknown scene {x}")
    if problem.n_days <= 0:
        raise ValueError("n_days must be positive")


def _allowed_days(problem: BoardProblem, scene: BoardScene, cast) -> list[int]:
    days = [d for d in range(problem.n_days) if d not in problem.days_off]
    if scene.pinned_day is not None:
        days = [d for d in days if d == scene.pinned_day]
    return [d for d in days if all(cast[a].can_work(d) for a in scene.cast)]


def _pin_precedence_conflicts(problem: BoardProblem) -> list[str]:
    # Earliest day flows forward along precedences, latest day backward; a scene whose window
    # closes is a conflict, reported with the pins that closed it.
    early = {s.id: (s.pinned_day or 0, s.id) for s in problem.scenes}
    late = {
        s.id: (problem.n_days - 1 if s.pinned_day is None else s.pinned_day, s.id)
        for s in problem.scenes
    }
    for _ in range(len(problem.scenes)):
        for a, b in problem.precedences:
            if early[a][0] > early[b][0]:
                early[b] = early[a]
            if late[b][0] < late[a][0]:
                late[a] = late[b]
    out = []
    for s in problem.scenes:
        (e, e_src), (lt, l_src) = early[s.id], late[s.id]
        if e > lt:
            out.append(
                f"scene {s.id} must be on or after day {e} (scene {e_src} is pinned there and "
                f"precedes it) and on or before day {lt} (scene {l_src}): pins and precedences "
                "contradict"
            )
    return out


def _pinned_day_conflicts(problem: BoardProblem) -> list[str]:
    by_day: dict[int, list[BoardScene]] = {}
    for s in problem.scenes:
        if s.pinned_day is not None:
            by_day.setdefault(s.pinned_day, []).append(s)
    out = []
    for day, scenes in sorted(by_day.items()):
        ids = ", ".join(s.id for s in scenes)
        cap = problem.max_eighths_per_day
        if cap is not None and sum(s.eighths for s in scenes) > cap:
            out.append(f"day {day}: pinned scenes {ids} exceed {cap} eighths")
        if problem.separate_day_night and len({s.night for s in scenes}) > 1:
            out.append(f"day {day}: pinned scenes {ids} mix day and night")
        if len(scenes) > 1 and any(s.whole_day for s in scenes):
            out.append(f"day {day}: pinned scenes {ids} include a whole-day scene")
    return out


def _is_classic(problem: BoardProblem) -> bool:
    return (
        all(s.whole_day and s.pinned_day is None for s in problem.scenes)
        and not problem.precedences
        and not problem.days_off
        and not any(c.available for c in problem.cast)
        and not any(problem.location_move_cost.values())
        and problem.n_days >= len(problem.scenes)
    )


#: Share of the remaining time for the relaxation bound, and at most this many seconds.
BOUND_SHARE, BOUND_MAX_SECONDS = 0.1, 3.0

ShouldStop = Callable[[], bool]
OnProgress = Callable[[float, str], None]


def solve_board(
    problem: BoardProblem,
    time_limit: float = 10.0,
    *,
    should_stop: ShouldStop | None = None,
    on_progress: OnProgress | None = None,
) -> BoardSolution:
    """Best day assignment within ``time_limit``; conflicts are returned, not raised.

    A stop asked before CP-SAT starts answers status "stopped" with no schedule; a stop during
    CP-SAT answers its best schedule so far with ``stopped`` set.
    """
    if not time_limit > 0:
        raise ValueError(f"time_limit must be a positive number of seconds, got {time_limit!r}")
    t0 = time.perf_counter()
    progress = on_progress or (lambda fraction, phase: None)
    progress(0.0, "checking constraints")
    conflicts = find_conflicts(problem)
    if conflicts:
        return BoardSolution(
            "infeasible", {}, (), 0, 0, 0, "precheck", time.perf_counter() - t0, tuple(conflicts)
        )
    exact = _small_board(problem, t0 + time_limit / 3)
    if exact is not None:
        return exact
    progress(0.01, "exact order of the classic problem")
    hint_order = _exact_order(problem, time_limit / 3)
    if _is_classic(problem) and hint_order is not None and hint_order[1]:
        days = {sid: d for d, sid in enumerate(hint_order[0])}
        cast_cost, loc_cost = board_cost(problem, days)
        return BoardSolution(
            "optimal",
            days,
            hint_order[0],
            cast_cost,
            loc_cost,
            cast_cost + loc_cost,
            "exact",
            time.perf_counter() - t0,
        )
    if should_stop is not None and should_stop():
        return _stopped(time.perf_counter() - t0)
    used = time.perf_counter() - t0
    remaining = max(0.5, time_limit - used)
    from ._board_cpsat import solve_board_cpsat  # keeps this module's size in check

    def cpsat_progress(fraction: float, phase: str) -> None:
        progress(min(1.0, (used + fraction * remaining) / time_limit), phase)

    relaxed = board_bound(problem, min(BOUND_MAX_SECONDS, BOUND_SHARE * remaining))
    remaining = max(0.5, time_limit - (time.perf_counter() - t0))
    sol = solve_board_cpsat(
        problem,
        remaining,
        hint_order[0] if hint_order else None,
        should_stop=should_stop,
        on_progress=cpsat_progress if on_progress else None,
    )
    if sol["days"]:
        # CP-SAT's own bound can be far below zero when it stops early (its variables' domain
        # bounds); the relaxation's is never negative. Neither can exceed the cost found.
        cost = sol["cast_cost"] + sol["location_cost"]
        sol["lower_bound"] = min(cost, max(0, sol["lower_bound"], relaxed))
    return BoardSolution(**{**sol, "seconds": time.perf_counter() - t0})


def _small_board(problem: BoardProblem, deadline: float) -> BoardSolution | None:
    """A small board solved exactly day by day (``_board_dp``); None when it is too large or
    the deadline passes first."""
    from . import _board_dp

    if not _board_dp.fits(problem):
        return None
    t0 = time.perf_counter()
    cast = {c.id: c for c in problem.cast}
    allowed = [_allowed_days(problem, s, cast) for s in problem.scenes]
    found = _board_dp.solve_exact(problem, allowed, deadline)
    seconds = time.perf_counter() - t0
    if found == "time":
        return None
    if found is None:
        msg = "no schedule satisfies the day limits, availability and day/night rules together"
        return BoardSolution("infeasible", {}, (), 0, 0, 0, "exact", seconds, (msg,))
    days, claimed = found
    cast_cost, loc_cost = board_cost(problem, days)  # independent re-pricing
    if cast_cost + loc_cost != claimed:  # pragma: no cover - would mean the table is wrong
        raise AssertionError(f"board table claimed {claimed}, the days cost {cast_cost + loc_cost}")
    order = _board_dp.order_of_days(problem, days)
    return BoardSolution("optimal", days, order, cast_cost, loc_cost, claimed, "exact", seconds)


def _stopped(seconds: float) -> BoardSolution:
    return BoardSolution(
        "stopped",
        {},
        (),
        0,
        0,
        0,
        "stopped",
        seconds,
        ("stopped before a schedule was found",),
        True,
    )


def _exact_order(problem: BoardProblem, time_limit: float) -> tuple[tuple[str, ...], bool] | None:
    """Classic-problem order of the scenes (one day each), for a proof or a warm start."""
    ids = [c.id for c in problem.cast]
    index = {a: i for i, a in enumerate(ids)}
    inst = make_instance(
        [[index[a] for a in s.cast] for s in problem.scenes],
        [c.daily_cost for c in problem.cast],
        [1] * len(problem.scenes),
        "board",
        allow_unused_actors=True,
    )
    try:
        res = solve_talent(inst, max(time_limit, 0.1))
    except ValueError:  # more than 62 distinct casts remain: CP-SAT starts without a hint
        return None
    return tuple(problem.scenes[i].id for i in res.order), res.proven_optimal


def ceil_bound(value: float) -> int:
    """Integral lower bound from a float objective bound."""
    return math.ceil(value - 1e-6)
