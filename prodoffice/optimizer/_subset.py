"""Subset dynamic programme for talent scheduling (numba): the floor and the fallback.

The holding cost of the next scene depends only on the set ``S`` of scenes already shot: the
actors on location are those started in ``S`` and still needed outside it, and each of them not
in the scene is held for its duration. So ``f[S]``, the least holding cost of shooting ``S``
first, obeys ``f[S + s] = min(f[S] + hold(S, s))``. The table is a flat array over all ``2**n``
sets (bit masks), filled forwards in numeric order (a set comes after all its subsets).

Pruning (Garcia de la Banda, Stuckey and Chu, INFORMS J. Computing 2011):

- a set whose cost plus the Smith's-rule lower bound on the remaining scenes exceeds a known
  order's cost (the upper bound) is not expanded; nor is a child whose cost exceeds it;
- a remaining scene that starts nobody and is attended by every actor on location costs nothing
  now and is shot next (an exchange argument: moving it forward never lengthens a span).

Every finite ``f[S]`` is the cost of a real prefix, and an optimal prefix is never pruned (its
cost plus a lower bound never exceeds the optimum, hence not the upper bound), so ``f[full]`` is
the optimum whenever the upper bound is at least the optimum. The order is read back from the
table by finding, at each step, a predecessor whose value plus the step cost matches.
"""

from __future__ import annotations

import time

import numpy as np

from . import _kernels as K
from ._kernels import lower_bound, njit

INF32 = np.int32(2**31 - 1)
#: Largest reduced instance the table is built for: 2**28 int32 entries are 1 GiB.
MAX_DP_SCENES = 28


def new_table(n: int) -> np.ndarray:
    """The value table of an ``n``-scene instance: the empty set costs 0, the rest unreached."""
    f = np.full(1 << n, INF32, dtype=np.int32)
    f[0] = 0
    return f


#: Sets expanded per call of :func:`fill` between two looks at the clock (plain Python, without
#: numba, is about a thousand times slower).
CHUNK = 1 << 18 if K.HAVE_NUMBA else 1 << 8


def fill_all(
    scene_actors,
    dur,
    cost,
    n,
    m,
    ub,
    use_bound,
    f,
    ctab,
    deadline,
    stats,
    ratio,
    aux,
    plain_seconds=None,
):
    """:func:`fill` over every set, range by range; returns f[full], or None past ``deadline``
    (the table is then incomplete).

    ``plain_seconds``: what the table would take without the bound (CPU seconds, an estimate).
    The bound removes sets, but each one it is computed for costs several expansions: on some
    instances it removes too few, and the table takes several times longer with it. So it is
    switched off for good once the table's CPU time passes the plain table's share for the
    sets done so far plus half of the whole: the table then takes at most about 1.5 times the
    plain one. Switching is sound at any point: the bound only ever leaves out prefixes that
    no optimal order has, and the plain table leaves out none (an optimal order's prefixes
    still reach their exact values, so f[full] is the optimum). ``stats[2]`` records the set
    at which the bound was switched off (0 when never).
    """
    full = 1 << n
    cpu0 = time.process_time()
    for start in range(0, full, CHUNK):
        if time.perf_counter() > deadline:
            return None
        if (
            use_bound
            and plain_seconds is not None
            and time.process_time() - cpu0 >= (start / full + 0.5) * plain_seconds
        ):
            use_bound = 0
            stats[2] = start
        stop = start + CHUNK
        fill(scene_actors, dur, cost, n, m, ub, use_bound, f, ctab, start, stop, stats, ratio, aux)
    return int(f[full - 1])


def cost_table(costs: np.ndarray, m: int) -> np.ndarray:
    """Byte-chunk lookup of the total cost of an actor mask: row k covers actors 8k..8k+7."""
    rows = max(1, (m + 7) // 8)
    tab = np.zeros((rows, 256), dtype=np.int64)
    for k in range(rows):
        for byte in range(256):
            tab[k, byte] = sum(
                int(costs[8 * k + b]) for b in range(8) if byte >> b & 1 and 8 * k + b < m
            )
    return tab


# Index of the lowest set bit by de Bruijn multiplication (numba has no count-trailing-zeros):
# the loops below visit the scenes of a set without a branch per absent scene.
_DEBRUIJN = np.uint64(0x03F79D71B4CA8B09)
_DEBRUIJN_INDEX = np.zeros(64, dtype=np.int64)
for _i in range(64):
    _DEBRUIJN_INDEX[((1 << _i) * 0x03F79D71B4CA8B09 % 2**64) >> 58] = _i


@njit(cache=True)
def _lowest(x, index):
    low = np.uint64(x & -x)
    return index[(low * _DEBRUIJN) >> np.uint64(58)]


if not K.HAVE_NUMBA:  # plain Python: no wrapping uint64 product (numpy warns), same answer

    def _lowest(x, index):
        return (int(x) & -int(x)).bit_length() - 1


@njit(cache=True)
def _mask_cost8(mask, ctab):
    tot = np.int64(0)
    k = 0
    while mask:
        tot += ctab[k, mask & 255]
        mask >>= 8
        k += 1
    return tot


@njit(cache=True)
def half_tables(scene_actors, n):
    """Union of the casts of every set of the low ``n // 2`` scenes, and of the high ones."""
    lo_bits = n // 2
    lo = np.zeros(1 << lo_bits, np.int64)
    hi = np.zeros(1 << (n - lo_bits), np.int64)
    for x in range(1, lo.shape[0]):
        b = 0
        while not (x >> b) & 1:
            b += 1
        lo[x] = lo[x & (x - 1)] | scene_actors[b]
    for x in range(1, hi.shape[0]):
        b = 0
        while not (x >> b) & 1:
            b += 1
        hi[x] = hi[x & (x - 1)] | scene_actors[lo_bits + b]
    return lo, hi


@njit(cache=True)
def fill(scene_actors, dur, cost, n, m, ub, use_bound, f, ctab, start, stop, stats, ratio, aux):
    """Expand the sets ``start <= S < stop`` of ``f`` (see the module notes).

    Called on consecutive ranges from 0 to ``2**n - 1``; then f[full] is the optimum, or more
    than ``ub`` when nothing reaches it. The caller checks its clock between ranges (a clock
    read from numba needs object mode, whose first use costs a compile).

    ``use_bound``: 0 never computes the Smith bound, 1 always, 2 adaptively (on while it removes
    at least a quarter of the sets it is computed for, re-sampled on one set in 64 otherwise).
    stats: [sets expanded, sets cut by the bound, (set where :func:`fill_all` switched the
    bound off), bounds computed].
    """
    full = (np.int64(1) << n) - 1
    lo_bits = n // 2
    lo_mask = (np.int64(1) << lo_bits) - 1
    lo, hi = half_tables(scene_actors, n)
    index = _DEBRUIJN_INDEX
    for S in range(start, min(stop, full)):
        v = f[S]
        if v == INF32:
            continue
        stats[0] += 1
        R = full ^ S
        started = lo[S & lo_mask] | hi[S >> lo_bits]
        onloc = started & (lo[R & lo_mask] | hi[R >> lo_bits])
        worth = use_bound == 1 or stats[1] * 4 >= stats[3] or (stats[0] & 63) == 0
        if use_bound and worth and onloc & (onloc - 1):
            stats[3] += 1
            lb = lower_bound(R, onloc, scene_actors, dur, cost, n, m, ratio, aux)
            if v + lb > ub:
                stats[1] += 1
                continue
        forced = -1
        r = R
        while r:
            s = _lowest(r, index)
            r &= r - 1
            sa = scene_actors[s]
            if (sa & ~started) == 0 and (onloc & ~sa) == 0:
                forced = s
                break
        if forced >= 0:
            child = S | (np.int64(1) << forced)
            if v < f[child]:
                f[child] = v
            continue
        r = R
        while r:
            s = _lowest(r, index)
            r &= r - 1
            nv = v + dur[s] * _mask_cost8(onloc & ~scene_actors[s], ctab)
            if nv <= ub:
                child = S | (np.int64(1) << s)
                if nv < f[child]:
                    f[child] = nv


@njit(cache=True)
def walk(scene_actors, dur, n, f, ctab):
    """An order of cost f[full], read back from the table (last scene first, then reversed)."""
    full = (np.int64(1) << n) - 1
    order = np.empty(n, np.int64)
    cur = full
    for pos in range(n - 1, -1, -1):
        found = -1
        for s in range(n):
            if not (cur >> s) & 1:
                continue
            prev = cur ^ (np.int64(1) << s)
            pv = f[prev]
            if pv == INF32:
                continue
            started = np.int64(0)
            needed = np.int64(0)
            for t in range(n):
                if (prev >> t) & 1:
                    started |= scene_actors[t]
                else:
                    needed |= scene_actors[t]
            h = dur[s] * _mask_cost8(started & needed & ~scene_actors[s], ctab)
            if pv + h == f[cur]:
                found = s
                break
        if found < 0:
            return order[:0]  # cannot happen for a finished table; the caller checks
        order[pos] = found
        cur ^= np.int64(1) << found
    return order
