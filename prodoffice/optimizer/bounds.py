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
- **board company moves** (:func:`board_moves_bound`): each scene has a set of possible working
  days: those its pin and its cast's availability allow, narrowed along the precedences (a
  scene is on or after the first day of every scene before it, and on or before the last day of
  every scene after it) and by room: a day where the scenes fixed there (those with one
  possible day) leave too few pages or minutes, hold a whole-day scene, or are all night when
  the scene is a day scene (or the reverse, day and night apart) is not possible for it; to a
  fixpoint. Scenes of one location whose windows (first to last possible day) are disjoint (the
  anchors) are in one visit only if every working day between them holds another scene there;
  the location's other scenes, one day each, on their possible days, can close only so many of
  those gaps (the smallest first). Each gap left open is one more visit. Cast days and company
  moves are separate terms of the cost, so their bounds add up.
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
    """Least company-move cost the board's day windows force (see the module notes).

    A relaxation: each scene may go on any working day its pin, its cast's availability and
    the precedences leave it, as long as it fits beside the scenes that can go on that day
    only (the fixed scenes: on it in every feasible schedule), and any number of free scenes
    may share a day, so the least number of visits it computes is never above that of a real
    schedule.
    """
    work = [d for d in range(problem.n_days) if d not in problem.days_off]
    if not work:
        return 0
    allowed = _allowed_positions(problem, work)
    total = 0
    for loc, move_cost in problem.location_move_cost.items():
        if not move_cost:
            continue
        mine = [i for i, s in enumerate(problem.scenes) if s.location == loc]
        if not mine:
            continue
        spans = [(min(allowed[i]), max(allowed[i])) for i in mine]
        days = [allowed[i] for i in mine]
        fixed = [k for k, (lo, hi) in enumerate(spans) if lo == hi]
        by_end = sorted(range(len(spans)), key=lambda k: (spans[k][1], spans[k][0]))
        open_gaps = max(_open_gaps(spans, days, fixed), _open_gaps(spans, days, by_end))
        total += move_cost * open_gaps
    return total


def _allowed_positions(problem, work: list[int]) -> list[set[int]]:
    """Per scene, the working days (as positions in ``work``) it can go on in some feasible
    schedule, as far as these rules tell: its pin and its cast's availability; the
    precedences (a scene is on or after the first day of every scene before it, and on or
    before the last day of every scene after it); and room on the day beside the scenes fixed
    there (page and minute limits, whole-day scenes, day and night apart). Narrowed to a
    fixpoint; a rule that would leave a scene no day at all is a conflict, reported elsewhere,
    and is not applied to it (the scene keeps the days it had)."""
    from .board import _allowed_days  # board imports this module

    scenes = problem.scenes
    cast = {c.id: c for c in problem.cast}
    position = {d: k for k, d in enumerate(work)}
    allowed: list[set[int]] = []
    for scene in scenes:
        days = {position[d] for d in _allowed_days(problem, scene, cast)}
        allowed.append(days or set(position.values()))
    index = {s.id: i for i, s in enumerate(scenes)}
    precedences = [(index[a], index[b]) for a, b in problem.precedences]
    for _ in range(2 * len(scenes) + 2):
        changed = False
        for a, b in precedences:
            later = {k for k in allowed[b] if k >= min(allowed[a])}
            if later and later != allowed[b]:
                allowed[b], changed = later, True
            earlier = {k for k in allowed[a] if k <= max(allowed[b])}
            if earlier and earlier != allowed[a]:
                allowed[a], changed = earlier, True
        fixed_on: dict[int, list[int]] = {}
        for i, days in enumerate(allowed):
            if len(days) == 1:
                fixed_on.setdefault(next(iter(days)), []).append(i)
        for i, days in enumerate(allowed):
            if len(days) == 1:
                continue
            room = {k for k in days if _fits(problem, i, fixed_on.get(k, ()))}
            if room and room != days:
                allowed[i], changed = room, True
        if not changed:
            break
    return allowed


def _fits(problem, i: int, fixed: Sequence[int]) -> bool:
    """Scene i can share a day with the scenes ``fixed`` there (when those fit together at
    all: a day they overfill already is a conflict, reported elsewhere, and says nothing)."""
    scenes = problem.scenes
    others = [scenes[j] for j in fixed if j != i]
    if not others:
        return True
    scene = scenes[i]
    whole = any(o.whole_day for o in others)
    if (scene.whole_day or whole) and not (whole and len(others) > 1):
        return False  # a whole-day scene is alone on its day
    night = {o.night for o in others}
    if problem.separate_day_night and len(night) == 1 and scene.night not in night:
        return False
    for cap, size in (
        (problem.max_eighths_per_day, lambda s: s.eighths),
        (problem.max_minutes_per_day, lambda s: s.minutes),
    ):
        if cap is not None:
            load = sum(size(o) for o in others)
            if load <= cap < load + size(scene):
                return False
    return True


def _open_gaps(spans: list[tuple[int, int]], days: list[set[int]], candidates: list[int]) -> int:
    """Gaps between anchor scenes (disjoint windows, picked earliest end first from
    ``candidates``) that the other scenes cannot fill: each is one more visit at least.

    Two consecutive anchors are in one visit only if every working day between their windows
    holds another scene of the location; a scene fills one day, inside its window, and the gaps
    are disjoint, so a gap of g days needs g scenes that can go on one of its days and every
    one of its days open to one of them (``days``: each scene's possible days), and the gaps
    closed together need their days' worth of such scenes: the smallest gaps first close the
    most.
    """
    anchors: list[int] = []
    last = -1
    for i in sorted(set(candidates), key=lambda i: (spans[i][1], spans[i][0])):
        if spans[i][0] > last:
            anchors.append(i)
            last = spans[i][1]
    chosen = set(anchors)
    others = [days[i] for i in range(len(spans)) if i not in chosen]
    gaps = []
    in_some_gap: set[int] = set()
    for x, y in itertools.pairwise(anchors):
        lo, hi = spans[x][1] + 1, spans[y][0] - 1  # the working days strictly between
        if hi < lo:
            continue  # neighbouring windows: no day to fill
        gap = set(range(lo, hi + 1))
        in_some_gap |= gap
        meets = [d for d in others if d & gap]
        covered = gap <= set().union(*meets)
        gaps.append((len(gap), len(meets), covered))
    pool = sum(1 for d in others if d & in_some_gap)
    closed = 0
    for size, meets, covered in sorted(gaps):
        if size <= meets and covered and size <= pool:
            pool -= size
            closed += 1
    return len(gaps) - closed


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
