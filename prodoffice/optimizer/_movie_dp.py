"""Exact subset DP for small movie-shoot instances (numba).

State: the set ``S`` of scenes shot and the location of the last one. Adding scene ``s`` costs
the holding of the actors on location (started in ``S``, needed after, not in ``s``) for
``dur[s]`` days, plus the location's cost when ``s`` returns to a location already visited in
``S`` from another one (a visit beyond the first). A scene is added only after all its
predecessors. The value table is flat: ``f[S * L + l]``.
"""

from __future__ import annotations

import time

import numpy as np

from ._kernels import njit
from ._subset import _DEBRUIJN_INDEX as _IDX
from ._subset import INF32, _lowest, _mask_cost8, cost_table, half_tables

#: Largest table (entries) built: 2**26 int32, 256 MiB.
MAX_ENTRIES = 1 << 26
CHUNK = 1 << 16


@njit(cache=True)
def _fill(cast, dur, loc, loc_cost, loc_scenes, pred, n, n_loc, ctab, f, start, stop):
    full = (np.int64(1) << n) - 1
    lo_bits = n // 2
    lo_mask = (np.int64(1) << lo_bits) - 1
    lo, hi = half_tables(cast, n)
    hold = np.zeros(n, np.int64)
    for S in range(max(start, 1), min(stop, full)):
        base = S * n_loc
        any_reached = False
        for k in range(n_loc):
            if f[base + k] != INF32:
                any_reached = True
                break
        if not any_reached:
            continue
        R = full ^ S
        started = lo[S & lo_mask] | hi[S >> lo_bits]
        onloc = started & (lo[R & lo_mask] | hi[R >> lo_bits])
        r = R
        while r:
            s = _lowest(r, _IDX)
            r &= r - 1
            hold[s] = dur[s] * _mask_cost8(onloc & ~cast[s], ctab)
        for k in range(n_loc):
            v = f[base + k]
            if v == INF32:
                continue
            r = R
            while r:
                s = _lowest(r, _IDX)
                r &= r - 1
                if pred[s] & ~S:
                    continue
                ls = loc[s]
                nv = v + hold[s]
                if ls != k and S & loc_scenes[ls]:
                    nv += loc_cost[ls]
                child = (S | (np.int64(1) << s)) * n_loc + ls
                if nv < f[child]:
                    f[child] = nv


def _arrays(inst):
    n, n_loc = inst.n_scenes, len(inst.location_costs)
    cast = np.array([sum(1 << a for a in c) for c in inst.scenes], dtype=np.int64)
    loc = np.array(inst.locations, dtype=np.int64)
    loc_scenes = np.zeros(n_loc, dtype=np.int64)
    for s, k in enumerate(inst.locations):
        loc_scenes[k] |= 1 << s
    pred = np.zeros(n, dtype=np.int64)
    for a, b in inst.precedences:
        pred[b] |= 1 << a
    return cast, np.array(inst.durations, dtype=np.int64), loc, loc_scenes, pred


def fits(inst) -> bool:
    """True when the table of this instance is small enough (and its masks fit an int64)."""
    n = inst.n_scenes
    return n <= 40 and inst.n_actors <= 62 and (1 << n) * len(inst.location_costs) <= MAX_ENTRIES


def solve_exact(inst, deadline: float) -> tuple[list[int], int] | None:
    """(optimal order, its cost), or None when ``deadline`` (perf_counter) passes first."""
    n, n_loc = inst.n_scenes, len(inst.location_costs)
    cast, dur, loc, loc_scenes, pred = _arrays(inst)
    ctab = cost_table(np.array(inst.actor_costs, dtype=np.int64), inst.n_actors)
    lcost = np.array(inst.location_costs, dtype=np.int64)
    f = np.full((1 << n) * n_loc, INF32, dtype=np.int32)
    for s in range(n):
        if pred[s] == 0:
            f[(1 << s) * n_loc + loc[s]] = 0
    for start in range(0, 1 << n, CHUNK):
        if time.perf_counter() > deadline:
            return None
        _fill(cast, dur, loc, lcost, loc_scenes, pred, n, n_loc, ctab, f, start, start + CHUNK)
    full = (1 << n) - 1
    last = int(np.argmin(f[full * n_loc : (full + 1) * n_loc]))
    best = int(f[full * n_loc + last])
    order = _walk(inst, f, cast, dur, loc, lcost, loc_scenes, pred, ctab, last)
    return order, best


def _walk(inst, f, cast, dur, loc, lcost, loc_scenes, pred, ctab, last) -> list[int]:
    """Read an optimal order back: a predecessor state whose value plus the step matches."""
    n, n_loc = inst.n_scenes, len(inst.location_costs)
    cur, k = (1 << n) - 1, last
    out: list[int] = []
    while cur:
        target = int(f[cur * n_loc + k])
        step = _step_back(cur, k, target, f, cast, dur, loc, lcost, loc_scenes, pred, ctab, n_loc)
        if step is None:  # pragma: no cover - a finished table always walks back
            raise AssertionError("movie DP table does not walk back")
        s, k = step
        out.append(s)
        cur ^= 1 << s
    return out[::-1]


def _step_back(cur, k, target, f, cast, dur, loc, lcost, loc_scenes, pred, ctab, n_loc):
    for s in range(len(cast)):
        if not cur >> s & 1 or loc[s] != k or pred[s] & ~(cur ^ (1 << s)):
            continue
        prev = cur ^ (1 << s)
        if prev == 0:
            if target == 0:
                return s, -1
            continue
        started = needed = 0
        for t in range(len(cast)):
            if prev >> t & 1:
                started |= int(cast[t])
            else:
                needed |= int(cast[t])
        h = int(dur[s]) * int(_mask_cost8(np.int64(started & needed & ~int(cast[s])), ctab))
        for k2 in range(n_loc):
            pv = int(f[prev * n_loc + k2])
            if pv == int(INF32):
                continue
            move = int(lcost[k]) if k2 != k and prev & int(loc_scenes[k]) else 0
            if pv + h + move == target:
                return s, k2
    return None
