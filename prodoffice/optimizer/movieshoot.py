"""Movie-shoot scheduling: location visits plus actor holding, with precedences.

Solver: small instances (a table of at most ``_movie_dp.MAX_ENTRIES``: about 20 scenes) are
solved exactly by a subset DP over (scenes shot, last location). Otherwise: a lower bound from
relaxations (``bounds.movie_bound``: the classic holding problem on groups of the cast, plus the
company moves the precedences force), then simulated annealing over precedence-feasible orders
with block moves (numba), then CP-SAT warm-started from the annealed order for the rest of the
time: CP-SAT can only keep or improve the hint; the reported bound is the better of its bound
and the relaxation's, never above the cost found and never negative.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from . import _movie_dp
from ._kernels import njit
from .bounds import movie_bound
from .cpsat import solve_movie_cpsat
from .instance import MovieShootInstance, movie_shoot_cost

CPSAT_MAX_SCENES = 120
#: Share of the time limit for the relaxation bound (and at most this many seconds).
BOUND_SHARE, BOUND_MAX_SECONDS = 0.2, 5.0


@dataclass(frozen=True)
class MovieResult:
    """Order (0-based scenes), cost split, lower bound, gap, proof flag and time."""

    order: tuple[int, ...]
    cost: int
    location_cost: int
    holding_cost: int
    lower_bound: int
    proven_optimal: bool
    seconds: float

    @property
    def gap(self) -> float:
        """Relative gap between cost and lower bound."""
        return 0.0 if self.cost == 0 else (self.cost - self.lower_bound) / self.cost


@njit(cache=True)
def _cost(order, loc, loc_cost, scene_actors, dur, acost, worked, n, m, n_loc):
    first = np.full(m, -1, np.int64)
    last = np.zeros(m, np.int64)
    visits = np.zeros(n_loc, np.int64)
    day = 0
    prev = -1
    for i in range(n):
        s = order[i]
        if loc[s] != prev:
            visits[loc[s]] += 1
            prev = loc[s]
        for a in range(m):
            if scene_actors[s, a]:
                if first[a] < 0:
                    first[a] = day
                last[a] = day + dur[s]
        day += dur[s]
    total = 0
    for k in range(n_loc):
        if visits[k] > 1:
            total += loc_cost[k] * (visits[k] - 1)
    for a in range(m):
        if first[a] >= 0:
            total += acost[a] * (last[a] - first[a] - worked[a])
    return total


@njit(cache=True)
def _feasible_move(order, i, blen, j, before, n):
    # Moving order[i:i+blen] to start at j (in the order without the block) keeps precedences
    # iff no scene jumped over is a successor (moving right) or a predecessor (moving left).
    if j > i:
        for p in range(i + blen, j + blen):
            for b in range(i, i + blen):
                if before[order[b], order[p]]:
                    return False
    else:
        for p in range(j, i):
            for b in range(i, i + blen):
                if before[order[p], order[b]]:
                    return False
    return True


@njit(cache=True)
def _apply(order, out, i, blen, j, n):
    k = 0
    rest = np.empty(n - blen, np.int64)
    for p in range(n):
        if p < i or p >= i + blen:
            rest[k] = order[p]
            k += 1
    for p in range(j):
        out[p] = rest[p]
    for p in range(blen):
        out[j + p] = order[i + p]
    for p in range(j, n - blen):
        out[p + blen] = rest[p]


@njit(cache=True)
def anneal(
    order, loc, loc_cost, scene_actors, dur, acost, worked, before, n, m, n_loc, iters, temp0, seed
):
    """Simulated annealing with block moves; returns (best order, best cost)."""
    np.random.seed(seed)
    cur = order.copy()
    cur_cost = _cost(cur, loc, loc_cost, scene_actors, dur, acost, worked, n, m, n_loc)
    best = cur.copy()
    best_cost = cur_cost
    trial = np.empty(n, np.int64)
    for it in range(iters):
        temp = temp0 * (1.0 - it / iters) + 1e-3
        blen = np.random.randint(1, min(6, n))
        i = np.random.randint(0, n - blen + 1)
        j = np.random.randint(0, n - blen + 1)
        if j == i or not _feasible_move(cur, i, blen, j, before, n):
            continue
        _apply(cur, trial, i, blen, j, n)
        c = _cost(trial, loc, loc_cost, scene_actors, dur, acost, worked, n, m, n_loc)
        if c <= cur_cost or np.random.random() < np.exp((cur_cost - c) / temp):
            cur[:] = trial
            cur_cost = c
            if c < best_cost:
                best[:] = cur
                best_cost = c
    return best, best_cost


def _arrays(inst: MovieShootInstance):
    n, m = inst.n_scenes, inst.n_actors
    sa = np.zeros((n, m), dtype=np.bool_)
    for s, cast in enumerate(inst.scenes):
        for a in cast:
            sa[s, a] = True
    dur = np.array(inst.durations, dtype=np.int64)
    worked = np.array([int(dur[sa[:, a]].sum()) for a in range(m)], dtype=np.int64)
    before = np.zeros((n, n), dtype=np.bool_)
    for a, b in _closure(n, inst.precedences):
        before[a, b] = True
    return (
        np.array(inst.locations, dtype=np.int64),
        np.array(inst.location_costs, dtype=np.int64),
        sa,
        dur,
        np.array(inst.actor_costs, dtype=np.int64),
        worked,
        before,
    )


def _closure(n: int, pairs) -> set[tuple[int, int]]:
    # Transitive closure, so that a block move cannot jump a scene past an indirect predecessor.
    succ: dict[int, set[int]] = {}
    for a, b in pairs:
        succ.setdefault(a, set()).add(b)
    out = set()
    for a in range(n):
        stack, seen = list(succ.get(a, ())), set()
        while stack:
            b = stack.pop()
            if b not in seen:
                seen.add(b)
                stack.extend(succ.get(b, ()))
        out.update((a, b) for b in seen)
    return out


def initial_order(inst: MovieShootInstance) -> list[int]:
    """Precedence-feasible start: topological order preferring to stay at the same location."""
    n = inst.n_scenes
    preds = [0] * n
    succ: dict[int, list[int]] = {}
    for a, b in inst.precedences:
        preds[b] += 1
        succ.setdefault(a, []).append(b)
    ready = [s for s in range(n) if preds[s] == 0]
    order: list[int] = []
    cur_loc = None
    while ready:
        same = [s for s in ready if inst.locations[s] == cur_loc]
        s = min(same or ready)
        ready.remove(s)
        order.append(s)
        cur_loc = inst.locations[s]
        for t in succ.get(s, ()):
            preds[t] -= 1
            if preds[t] == 0:
                ready.append(t)
    return order


def solve_movie(
    inst: MovieShootInstance, time_limit: float = 30.0, *, seed: int = 1, anneal_share: float = 0.3
) -> MovieResult:
    """Anneal for ``anneal_share`` of the time, then let CP-SAT improve and bound the result."""
    if not time_limit > 0:
        raise ValueError(f"time_limit must be a positive number of seconds, got {time_limit!r}")
    t0 = time.perf_counter()
    if _movie_dp.fits(inst):
        exact = _movie_dp.solve_exact(inst, t0 + time_limit / 2)
        if exact is not None:
            return _result(inst, exact[0], exact[1], True, t0)
    relaxed = movie_bound(inst, min(BOUND_MAX_SECONDS, BOUND_SHARE * time_limit))
    arrays = _arrays(inst)
    n, m, n_loc = inst.n_scenes, inst.n_actors, len(inst.location_costs)
    best = np.array(initial_order(inst), dtype=np.int64)
    best_cost = sum(movie_shoot_cost(inst, best.tolist()))
    # Building the circuit model is quadratic in the scenes and not covered by CP-SAT's own
    # time limit, so large instances are annealed for the whole time instead.
    use_cpsat = n <= CPSAT_MAX_SCENES
    used = time.perf_counter() - t0
    budget = used + anneal_share * (time_limit - used) if use_cpsat else 0.95 * time_limit
    rounds = 0
    while n > 2 and time.perf_counter() - t0 < budget and best_cost > relaxed:
        iters = 5000 + 200 * n
        order, cost = anneal(best, *arrays, n, m, n_loc, iters, 50.0, seed + rounds)
        rounds += 1
        if cost < best_cost:
            best, best_cost = np.asarray(order), int(cost)
    final = best.tolist()
    lower, cp_proven, cp_cost = 0, False, None
    if use_cpsat and best_cost > relaxed:
        remaining = max(0.5, time_limit - (time.perf_counter() - t0))
        cp = solve_movie_cpsat(inst, remaining, hint=final)
        lower, cp_proven, cp_cost = cp.bound, cp.proven_optimal, cp.cost
        if cp.cost is not None and cp.cost <= best_cost:
            final = list(cp.order)
    loc, hold = movie_shoot_cost(inst, final)  # independent re-pricing
    lower = max(lower, relaxed)
    proven = (cp_proven and cp_cost == loc + hold) or lower >= loc + hold
    return _result(inst, final, lower, proven, t0)


def _result(inst: MovieShootInstance, order, lower: int, proven: bool, t0: float) -> MovieResult:
    loc, hold = movie_shoot_cost(inst, order)  # independent re-pricing
    cost = loc + hold
    if proven and lower != cost:
        raise AssertionError(f"solver claimed {lower} but the order costs {cost}")
    return MovieResult(
        order=tuple(int(s) for s in order),
        cost=cost,
        location_cost=loc,
        holding_cost=hold,
        lower_bound=max(0, min(lower, cost)),
        proven_optimal=proven,
        seconds=time.perf_counter() - t0,
    )
