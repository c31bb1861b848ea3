"""Numba kernels of the exact talent-scheduling search (holding-cost formulation).

Scenes and actors are bit positions in int64 masks, so a set of remaining scenes is one integer
and the memo of the dynamic programme is a hash map from that integer. Everything here works on a
*reduced* instance (see ``talent.reduce``): costs are holding costs, i.e. paid days minus worked
days, which is the only part of the objective that depends on the order.

When numba is missing, or PRODOFFICE_OPTIMIZER_JIT=0, the same functions run as plain Python
(slow, but correct): the package stays importable everywhere and small tests skip JIT compiling.
"""

from __future__ import annotations

import math
import os
import time

import numpy as np

try:  # numba is optional: a large speed-up, not a requirement
    if os.environ.get("PRODOFFICE_OPTIMIZER_JIT", "1") == "0":
        raise ImportError("JIT disabled by PRODOFFICE_OPTIMIZER_JIT=0")  # tests: no compile time
    import numba
    from numba import njit, objmode

    HAVE_NUMBA = True
except ImportError:
    HAVE_NUMBA = False

    def njit(*args, **kwargs):
        """Identity decorator standing in for numba.njit."""
        if args and callable(args[0]):
            return args[0]
        return lambda f: f

    class objmode:
        """Stand-in context manager for numba.objmode."""

        def __init__(self, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False


INF = np.int64(1) << np.int64(60)
# Memo entries pack (value, exact flag, best first scene): value << 8 | exact << 7 | scene.
_SCENE_BITS = np.int64(127)
_EXACT_BIT = np.int64(128)


def new_memo():
    """An empty int64 -> int64 hash map usable from the kernels."""
    if HAVE_NUMBA:
        return numba.typed.Dict.empty(numba.types.int64, numba.types.int64)
    return {}


@njit(cache=True)
def _now() -> float:
    with objmode(t="float64"):
        t = time.perf_counter()
    return t


def cast_table(
    scene_actors: np.ndarray,
    m: int,
    costs: np.ndarray | None = None,
    durations: np.ndarray | None = None,
) -> np.ndarray:
    """Rows 0..n-1: [cast size, actor indices...] of each scene; row n: scratch for the kernels;
    row n+1: actors by decreasing cost (when ``costs`` is given); rows n+2 to n+9: the cost of
    each byte of an actor mask (row n+2+k: actors 8k to 8k+7), and rows n+10 to n+17: the
    duration of each byte of a scene mask (both zero when not given), for :func:`byte_sum`.

    The scratch row is wide enough for every (front actor, back actor) pair of ``_double``, and
    for the subset tables of its vertex-cover bound (272 slots).
    """
    n = len(scene_actors)
    aux = np.zeros((n + 2 + 2 * BYTE_ROWS, max(m + 1, 2 * (m * m // 4) + 2, 272)), dtype=np.int64)
    for s in range(n):
        members = [a for a in range(m) if int(scene_actors[s]) >> a & 1]
        aux[s, 0] = len(members)
        aux[s, 1 : 1 + len(members)] = members
    if costs is not None:
        aux[n + 1, :m] = sorted(range(m), key=lambda a: -int(costs[a]))
    for values, row0, count in ((costs, n + 2, m), (durations, n + 2 + BYTE_ROWS, n)):
        if values is None:
            continue
        for i in range(count):
            k, bit = divmod(i, 8)
            for b in range(256):
                if b >> bit & 1:
                    aux[row0 + k, b] += int(values[i])
    return aux


BYTE_ROWS = 8  # 64 bits: eight bytes


@njit(cache=True)
def byte_sum(mask, aux, row0):
    """Sum of the values of the set bits of ``mask`` from the byte tables at ``aux[row0:]``."""
    tot = np.int64(0)
    k = row0
    while mask:
        tot += aux[k, mask & 255]
        mask >>= 8
        k += 1
    return tot


@njit(cache=True)
def lower_bound(q, onloc, scene_actors, dur, cost, n, m, ratio, aux):
    """Holding cost the scenes in ``q`` must still incur for the actors on location ``onloc``.

    The bound of Garcia de la Banda, Stuckey and Chu (2011): each on-location actor is a job of
    weight cost(a) that ends with its last remaining scene; scene durations are split between the
    on-location actors in proportion to their costs, and Smith's rule orders the jobs optimally.
    The final term corrects for the split pieces finishing earlier than the whole scene.
    ``aux`` is :func:`cast_table`: loops run over each scene's cast only, not over all actors.
    """
    if onloc & (onloc - 1) == 0:  # nobody, or one actor: no one else's scenes delay the job
        return np.int64(0)
    k = 0
    for a in range(m):
        if (onloc >> a) & 1:
            ratio[a] = 0.0
            aux[n, k] = a  # the scratch row collects the on-location actors for the sort
            k += 1
    lb = 0.0
    for s in range(n):
        if not (q >> s) & 1 or (scene_actors[s] & onloc) == 0:
            continue
        tot = 0.0
        sq = 0.0
        size = aux[s, 0]
        for i in range(1, size + 1):
            a = aux[s, i]
            if (onloc >> a) & 1:
                c = float(cost[a])
                tot += c
                sq += c * c
        if tot <= 0.0:
            continue
        d = float(dur[s])
        share = d / tot
        for i in range(1, size + 1):
            a = aux[s, i]
            if (onloc >> a) & 1:
                ratio[a] += share
        lb -= d * (tot + sq / tot) / 2.0
    # Smith's rule: increasing processing/weight, which here is the accumulated ratio.
    for i in range(1, k):
        j = i
        while j > 0 and ratio[aux[n, j]] < ratio[aux[n, j - 1]]:
            tmp = aux[n, j]
            aux[n, j] = aux[n, j - 1]
            aux[n, j - 1] = tmp
            j -= 1
    done = 0.0
    for i in range(k):
        a = aux[n, i]
        done += ratio[a] * cost[a]
        lb += cost[a] * done
    # Round with a tolerance: the bound is a sum of floats that equals an integer in exact math.
    val = math.ceil(lb - 1e-6)
    if val < 0:
        return np.int64(0)
    return np.int64(val)


@njit(cache=True)
def _mask_cost(mask, cost, m):
    tot = np.int64(0)
    for a in range(m):
        if (mask >> a) & 1:
            tot += cost[a]
    return tot


@njit(cache=True)
def _left(q, actor_scenes, m):
    out = np.int64(0)
    for a in range(m):
        if actor_scenes[a] & q:
            out |= np.int64(1) << a
    return out


@njit(cache=True)
def search(
    q,
    done_actors,
    budget,
    lb_hint,
    scene_actors,
    actor_scenes,
    dur,
    cost,
    n,
    m,
    memo,
    stats,
    deadline,
    ratio,
    aux,
):
    """Bounded memoised DP over the set ``q`` of scenes still to shoot.

    Returns v: if v < budget, v is the optimal holding cost of shooting ``q`` after the scenes
    already shot (whose actors are ``done_actors``); otherwise v >= budget is a lower bound on it.
    ``lb_hint`` is the state's lower bound when the caller already computed it, else -1.
    stats[0] counts nodes; stats[1] is set to 1 when the deadline passes (2 when the memo holds
    more than stats[2] entries), after which the return value is meaningless and nothing more is
    stored.
    """
    if q == 0:
        return np.int64(0)
    if stats[1]:
        return INF
    stats[0] += 1
    if (stats[0] & 4095) == 0:
        if _now() > deadline:
            stats[1] = 1
            return INF
        if len(memo) > stats[2]:  # memory cap: stop rather than swap
            stats[1] = 2
            return INF
    known_lb = np.int64(-1)
    if q in memo:
        entry = memo[q]
        val = entry >> 8
        if (entry & _EXACT_BIT) or val >= budget:
            return val
        known_lb = val
    # Actors on location: already started and still needed.
    onloc = _left(q, actor_scenes, m) & done_actors
    if known_lb < 0:
        known_lb = lb_hint
        if known_lb < 0:  # the parent's bound is reused: computing it is most of a node's work
            known_lb = lower_bound(q, onloc, scene_actors, dur, cost, n, m, ratio, aux)
        if known_lb >= budget:
            memo[q] = known_lb << 8
            return known_lb
    # A scene whose cast is exactly the on-location set costs nothing extra and starts nobody:
    # moving it to the front of any order cannot lengthen a span, so shoot it now.
    for s in range(n):
        if (q >> s) & 1 and scene_actors[s] == onloc:
            v = search(
                q & ~(np.int64(1) << s),
                done_actors | scene_actors[s],
                budget,
                np.int64(-1),
                scene_actors,
                actor_scenes,
                dur,
                cost,
                n,
                m,
                memo,
                stats,
                deadline,
                ratio,
                aux,
            )
            if stats[1]:
                return INF
            if v < budget:
                memo[q] = (v << 8) | _EXACT_BIT | s
                return v
            v = max(v, known_lb)
            memo[q] = v << 8
            return v
    # Children ordered by their own bound: cheap first, so the budget tightens quickly.
    kids = np.empty(n, np.int64)
    kid_h = np.empty(n, np.int64)
    kid_lb = np.empty(n, np.int64)
    kid_hint = np.empty(n, np.int64)
    k = 0
    for s in range(n):
        if not (q >> s) & 1:
            continue
        child = q & ~(np.int64(1) << s)
        h = dur[s] * _mask_cost(onloc & ~scene_actors[s], cost, m)
        if child in memo:
            clb = memo[child] >> 8
            kid_hint[k] = -1
        else:
            child_on = _left(child, actor_scenes, m) & (done_actors | scene_actors[s])
            clb = lower_bound(child, child_on, scene_actors, dur, cost, n, m, ratio, aux)
            kid_hint[k] = clb
        kids[k] = s
        kid_h[k] = h
        kid_lb[k] = h + clb
        k += 1
    order = np.argsort(kid_lb[:k], kind="mergesort")
    best = INF
    best_scene = np.int64(-1)
    fail_lb = INF
    for i in range(k):
        j = order[i]
        if kid_lb[j] >= budget:
            fail_lb = min(fail_lb, kid_lb[j])
            break
        s = kids[j]
        h = kid_h[j]
        v = h + search(
            q & ~(np.int64(1) << s),
            done_actors | scene_actors[s],
            budget - h,
            kid_hint[j],
            scene_actors,
            actor_scenes,
            dur,
            cost,
            n,
            m,
            memo,
            stats,
            deadline,
            ratio,
            aux,
        )
        if stats[1]:
            return INF
        if v < budget:
            best = v
            best_scene = s
            budget = v
        else:
            fail_lb = min(fail_lb, v)
    if best_scene >= 0:
        memo[q] = (best << 8) | _EXACT_BIT | best_scene
        return best
    res = max(fail_lb, known_lb)
    memo[q] = res << 8
    return res


@njit(cache=True)
def holding_of_order(order, scene_actors, actor_scenes, dur, cost, n, m):
    """Holding cost (paid minus worked) of a complete order of the reduced scenes."""
    total = np.int64(0)
    done = np.int64(0)
    left = np.int64(0)
    for s in range(n):
        left |= np.int64(1) << s
    for i in range(n):
        s = order[i]
        left &= ~(np.int64(1) << s)
        still = np.int64(0)
        for a in range(m):
            if actor_scenes[a] & left:
                still |= np.int64(1) << a
        # Present and idle: started before, needed after, not in this scene.
        idle = done & still & ~scene_actors[s]
        total += dur[s] * _mask_cost(idle, cost, m)
        done |= scene_actors[s]
    return total


@njit(cache=True)
def local_search(order, scene_actors, actor_scenes, dur, cost, n, m, iterations, seed):
    """Iterated local search with block insertion moves; returns the best order and its cost.

    Moves a block of 1..3 consecutive scenes to any other position (first improvement), then
    perturbs the best order with a random double swap; ``iterations`` perturbations in all.
    """
    np.random.seed(seed)
    cur = order.copy()
    cur_cost = holding_of_order(cur, scene_actors, actor_scenes, dur, cost, n, m)
    best = cur.copy()
    best_cost = cur_cost
    trial = np.empty(n, np.int64)
    for it in range(iterations + 1):
        improved = True
        while improved:
            improved = False
            for blen in range(1, 4):
                for i in range(n - blen + 1):
                    for j in range(n - blen + 1):
                        if j == i:
                            continue
                        _move_block(cur, trial, n, i, blen, j)
                        c = holding_of_order(trial, scene_actors, actor_scenes, dur, cost, n, m)
                        if c < cur_cost:
                            cur[:] = trial
                            cur_cost = c
                            improved = True
        if cur_cost < best_cost:
            best[:] = cur
            best_cost = cur_cost
        else:
            cur[:] = best
            cur_cost = best_cost
        if it == iterations or n < 3:
            break
        for _ in range(2):
            a = np.random.randint(0, n)
            b = np.random.randint(0, n)
            tmp = cur[a]
            cur[a] = cur[b]
            cur[b] = tmp
        cur_cost = holding_of_order(cur, scene_actors, actor_scenes, dur, cost, n, m)
    return best, best_cost


@njit(cache=True)
def _move_block(src, dst, n, i, blen, j):
    # Remove src[i:i+blen] and reinsert it so that it starts at position j of the result.
    k = 0
    rest = np.empty(n - blen, np.int64)
    for p in range(n):
        if p < i or p >= i + blen:
            rest[k] = src[p]
            k += 1
    for p in range(j):
        dst[p] = rest[p]
    for p in range(blen):
        dst[j + p] = src[i + p]
    for p in range(j, n - blen):
        dst[p + blen] = rest[p]


def wall_deadline(seconds: float) -> float:
    """perf_counter value ``seconds`` from now, the clock the kernels compare against."""
    return time.perf_counter() + seconds
