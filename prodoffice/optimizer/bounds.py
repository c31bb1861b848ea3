"""Lower bounds from relaxations, for the movie-shoot and board problems.

Each bound drops constraints or cost terms of the real problem, so it can never exceed the
cost of any real schedule, and every term is a cost that cannot be negative:

- **cast holding** (:func:`holding_bound`): the classic talent problem without precedences or
  locations, solved exactly on groups of the cast. For a partition of the actors, the least
  holding cost of each group alone adds up to at most the least holding cost of all of them
  (each order pays each group at least that group's minimum). Groups are grown, dearest actors
  first, while the group's reduced instance stays small enough to prove at once;
- **company moves** (:func:`location_bound`): along a chain of precedences, a location whose
  scenes alternate with scenes elsewhere is visited at least as often as it alternates; each
  location is counted on its own longest such chain;
- **board days** (:func:`board_bound`): each cast member is paid at least the days their scenes
  need under the page limit (day and night apart); and, with a page limit, the classic problem
  with scene lengths in eighths, divided by the eighths of a day, bounds the paid days of all
  cast members together;
- **board company moves** (:func:`board_moves_bound`): a scene with one allowed working day
  (pinned, or its cast's availability leaves one day) puts its location on that day. Two such
  days of one location are in one visit only if every working day between them holds another
  scene there; the location's other scenes, one day each at most, can close only so many of the
  gaps (the smallest first). Each gap left open is one more visit. Cast days and company moves
  are separate terms of the cost, so their bounds add up.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Sequence

from .instance import MovieShootInstance, TalentInstance
from .talent import holding_lower_bound, merge, solve

#: A cast group grows while its reduced instance has at most this many scenes (proved in about
#: a second by the subset table; measured on the public movie-shoot instances).
GROUP_SCENES = 24


def _sub_instance(inst: TalentInstance, actors: Sequence[int]) -> TalentInstance:
    keep = {a: i for i, a in enumerate(actors)}
    scenes = tuple(frozenset(keep[a] for a in cast if a in keep) for cast in inst.scenes)
    costs = tuple(inst.costs[a] for a in actors)
    return TalentInstance(f"{inst.name}-group", scenes, costs, inst.durations)


def cast_groups(inst: TalentInstance, max_scenes: int = GROUP_SCENES) -> list[list[int]]:
    """A partition of the paid actors (in two scenes or more), dearest first, into groups whose
    reduced instances have at most ``max_scenes`` scenes; an actor co-starring most with the
    group is added first (the first that keeps the group small enough)."""
    counts = [sum(1 for cast in inst.scenes if a in cast) for a in range(inst.n_actors)]
    left = sorted(
        (a for a in range(inst.n_actors) if counts[a] > 1 and inst.costs[a] > 0),
        key=lambda a: -inst.costs[a],
    )
    groups: list[list[int]] = []
    while left:
        group = [left.pop(0)]
        while left:

            def shared(a: int, group: list[int] = group) -> int:
                return sum(1 for cast in inst.scenes if a in cast and cast & set(group))

            fits = (
                a
                for a in sorted(left, key=lambda a: (-shared(a), -inst.costs[a]))
                if len(merge(_sub_instance(inst, [*group, a]))[0]) <= max_scenes
            )
            cand = next(fits, None)
            if cand is None:
                break
            group.append(cand)
            left.remove(cand)
        groups.append(group)
    return groups


def holding_bound(
    inst: TalentInstance, time_limit: float = 2.0, group_scenes: int = GROUP_SCENES
) -> tuple[int, bool]:
    """(lower bound on the least holding cost, True when it is that least cost).

    The whole cast is solved at once when its reduced instance is small enough for the subset
    table; otherwise by groups (see the module notes; a group not proven within its share of
    a third of ``time_limit`` counts 0), then raised by the whole cast's anytime bound
    (``talent.holding_lower_bound``, starting from the groups' sum) for the time left.
    """
    deadline = time.perf_counter() + time_limit
    work = inst.work_cost()
    if len(merge(inst)[0]) <= 22:
        res = solve(inst, max(0.05, time_limit))
        if res.proven_optimal:
            return res.cost - work, True
    total = 0
    groups = cast_groups(inst, group_scenes)
    groups_end = time.perf_counter() + time_limit / 3
    for i, group in enumerate(groups):
        share = (groups_end - time.perf_counter()) / (len(groups) - i)
        if share <= 0.01:
            break
        sub = _sub_instance(inst, group)
        res = solve(sub, share)
        if res.proven_optimal:
            total += res.cost - sub.work_cost()
    left = deadline - time.perf_counter()
    if left > 0.05:
        return holding_lower_bound(inst, left, known=total)
    return total, False


def location_bound(inst: MovieShootInstance) -> int:
    """Least company-move cost the precedences force (see the module notes)."""
    n = inst.n_scenes
    succ: dict[int, list[int]] = {}
    indeg = [0] * n
    for a, b in set(inst.precedences):
        succ.setdefault(a, []).append(b)
        indeg[b] += 1
    topo, ready = [], [s for s in range(n) if indeg[s] == 0]
    while ready:
        s = ready.pop()
        topo.append(s)
        for t in succ.get(s, ()):
            indeg[t] -= 1
            if indeg[t] == 0:
                ready.append(t)
    total = 0
    for loc in set(inst.locations):
        # at[s]: most visits of loc on a chain ending at s, last scene at loc; away[s]: the same
        # with the chain's last scene elsewhere (a later scene at loc starts a new visit).
        at = [0] * n
        away = [0] * n
        for s in topo:
            if inst.locations[s] == loc:
                at[s] = max(at[s], 1, away[s] + 1)
            for t in succ.get(s, ()):
                if inst.locations[t] == loc:
                    at[t] = max(at[t], at[s], away[s] + 1)
                else:
                    away[t] = max(away[t], at[s], away[s])
        visits = max(at, default=0)
        total += inst.location_costs[loc] * max(0, visits - 1)
    return total


def movie_bound(inst: MovieShootInstance, time_limit: float = 2.0) -> int:
    """Lower bound on the movie-shoot cost: cast holding plus forced company moves."""
    talent = TalentInstance(inst.name, inst.scenes, inst.actor_costs, inst.durations)
    hold, _ = holding_bound(talent, time_limit)
    return hold + location_bound(inst)


def board_bound(problem, time_limit: float = 2.0) -> int:
    """Lower bound on a board's cost (``board.BoardProblem``): cast days, see the module notes.

    Plus the company moves that days fixed by pins or availability force
    (:func:`board_moves_bound`); everything else counts 0 here; the result is never negative.
    """
    return _cast_days_bound(problem, time_limit) + board_moves_bound(problem)


def board_moves_bound(problem) -> int:
    """Least company-move cost the board's fixed days force (see the module notes).

    A relaxation: the scenes of a location that are not fixed may go on any working day (page
    limits, day/night, precedences and availability are ignored for them), so the least number
    of visits it computes is never above that of a real schedule.
    """
    off = problem.days_off
    work = [d for d in range(problem.n_days) if d not in off]
    index = {d: i for i, d in enumerate(work)}
    cast = {c.id: c for c in problem.cast}
    fixed: dict[str, set[int]] = {}
    free: dict[str, int] = {}
    for scene in problem.scenes:
        loc = scene.location
        if loc is None or not problem.location_move_cost.get(loc):
            continue
        days = [
            d
            for d in work
            if (scene.pinned_day is None or d == scene.pinned_day)
            and all(a in cast and cast[a].can_work(d) for a in scene.cast)
        ]
        if len(days) == 1:
            fixed.setdefault(loc, set()).add(index[days[0]])
        else:  # no allowed day at all is a conflict, reported elsewhere: counted as free
            free[loc] = free.get(loc, 0) + 1
    total = 0
    for loc, at in fixed.items():
        at_sorted = sorted(at)
        gaps = sorted(b - a - 1 for a, b in itertools.pairwise(at_sorted))
        gaps = [g for g in gaps if g > 0]  # neighbouring working days: one visit already
        spare, closed = free.get(loc, 0), 0
        for g in gaps:  # smallest first: the most gaps the free scenes can close
            if g > spare:
                break
            spare -= g
            closed += 1
        total += problem.location_move_cost[loc] * (len(gaps) - closed)
    return total


def _cast_days_bound(problem, time_limit: float) -> int:
    """The cast-days part of :func:`board_bound`."""
    cap = problem.max_eighths_per_day
    cast_ids = [c.id for c in problem.cast]
    rate = {c.id: c.daily_cost for c in problem.cast}
    need = 0
    for a in cast_ids:
        scenes = [s for s in problem.scenes if a in s.cast]
        need += rate[a] * _days_needed(scenes, cap, problem.separate_day_night)
    if not cap:
        return need
    index = {a: i for i, a in enumerate(cast_ids)}
    # Scenes of no length take no room in a day: dropping them only relaxes further.
    kept = [s for s in problem.scenes if s.whole_day or s.eighths > 0]
    if not kept:
        return need
    inst = TalentInstance(
        "board",
        tuple(frozenset(index[a] for a in s.cast) for s in kept),
        tuple(rate[a] for a in cast_ids),
        tuple(cap if s.whole_day else min(s.eighths, cap) for s in kept),
    )
    hold, _ = holding_bound(inst, time_limit)
    return max(need, math.ceil((inst.work_cost() + hold) / cap))


def _days_needed(scenes, cap: int | None, separate: bool) -> int:
    """Fewest shoot days that hold these scenes: whole-day scenes alone, the rest by pages."""
    days = sum(1 for s in scenes if s.whole_day)
    parts = [[s for s in scenes if not s.whole_day]]
    if separate:
        parts = [[s for s in parts[0] if s.night], [s for s in parts[0] if not s.night]]
    for part in parts:
        if part:
            pages = sum(s.eighths for s in part)
            days += max(1, math.ceil(pages / cap)) if cap else 1
    return days
