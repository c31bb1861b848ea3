"""Double-ended bounded DP for talent scheduling (numba kernels).

The order is built from both ends at once (Qin, Zhang, Lim and Liang, EJOR 250, 2016): a state is
the set ``q`` of scenes not yet placed, the actors ``pf`` already started by the front block and the
actors ``pb`` already started by the back block. The holding cost still to come depends on those
three only, so it is memoised under that key. Both ends yield on-location actors, which is what
makes the lower bound bite early:

- an actor started at both ends is present during every remaining scene: its cost is exact;
- front-only actors stay until their last remaining scene: Smith's-rule bound of Garcia de la
  Banda, Stuckey and Chu (2011); back-only actors likewise, mirrored;
- or, when larger, the crossing-pair bound: a front-only and a back-only actor who share a
  remaining scene cover every remaining scene between them, so the idle actors of a scene are
  a vertex cover of those pairs (see ``state_bound``).

Memo entries live in an open-addressing table (two int64 keys, one packed value) that the driver
grows between restarts; the search aborts when the table needs growing or time is up.
"""

from __future__ import annotations

import numpy as np

from ._kernels import BYTE_ROWS, INF, _mask_cost, _now, byte_sum, lower_bound, njit

EXACT = np.int64(256)
SIDE_BACK = np.int64(128)
SCENE_MASK = np.int64(127)
EMPTY = np.int64(-1)


def new_table(log2_size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Empty table: (key1, key2, value, [size, used]).

    The three columns are strided views of one (size, 3) array, so that a probe reads one
    cache line instead of three (the table is far larger than the caches).
    """
    size = 1 << log2_size
    cells = np.zeros((size, 3), dtype=np.int64)
    cells[:, 0] = EMPTY
    return cells[:, 0], cells[:, 1], cells[:, 2], np.array([size, 0], dtype=np.int64)


@njit(cache=True)
def _slot(k1, k2, t1, t2, size):
    # Xorshift mixing of both keys (shifts never overflow-warn, unlike products); linear probing.
    h = k1 ^ (k2 << 7) ^ (k2 >> 13)
    h ^= h >> 31
    h ^= h << 17
    h ^= h >> 23
    i = h & (size - 1)
    while t1[i] != EMPTY and (t1[i] != k1 or t2[i] != k2):
        i = (i + 1) & (size - 1)
    return i


@njit(cache=True)
def table_get(k1, k2, t1, t2, tv, meta):
    """Stored value, or -1 when absent."""
    i = _slot(k1, k2, t1, t2, meta[0])
    if t1[i] == EMPTY:
        return np.int64(-1)
    return tv[i]


@njit(cache=True)
def table_put(k1, k2, v, t1, t2, tv, meta):
    """Store v; returns False (storing nothing) when the table is half full.

    Linear probing slows down steeply past half full, on misses above all (the dominance
    look-ups of :func:`fewer_started_bound` mostly miss): the driver doubles the table instead.
    """
    i = _slot(k1, k2, t1, t2, meta[0])
    if t1[i] == EMPTY:
        if meta[1] * 2 >= meta[0]:
            return False
        t1[i] = k1
        t2[i] = k2
        meta[1] += 1
    tv[i] = v
    return True


@njit(cache=True)
def table_rehash(t1, t2, tv, n1, n2, nv, nmeta):
    """Copy every entry of one table into a larger one."""
    for i in range(t1.shape[0]):
        if t1[i] != EMPTY:
            table_put(t1[i], t2[i], tv[i], n1, n2, nv, nmeta)


@njit(cache=True)
def canon_key(pf, pb):
    """Memo key of (pf, pb), the same for the mirror state (pb, pf); and whether it swapped.

    Reversing an order swaps its front and back blocks and keeps its cost, so the scenes left
    cost the same after (front pf, back pb) as after (front pb, back pf): one entry serves both.
    """
    if pf > pb:
        return pb | (pf << 31), True
    return pf | (pb << 31), False


@njit(cache=True)
def _popcount(x):
    c = 0
    while x:
        x &= x - 1
        c += 1
    return c


@njit(cache=True)
def _left_actors(q, actor_scenes, m):
    out = np.int64(0)
    for a in range(m):
        if actor_scenes[a] & q:
            out |= np.int64(1) << a
    return out


@njit(cache=True)
def state_bound(q, pf, pb, scene_actors, actor_scenes, dur, cost, n, m, ratio, aux):
    """Lower bound on the holding cost still to come in state (q, pf, pb), normalised actors.

    Actors started at both ends are held through every remaining scene they are not in (exact).
    For the others, the larger of two bounds: Smith's rule at each end (``lower_bound``), or the
    crossing-pair bound: a front-only actor f and a back-only actor b that share a remaining scene
    are on location, between them, for every remaining scene (f stays until that scene, b is
    there from it on), so each scene with neither f nor b holds one of them: at least
    min(cost f, cost b) a day. Per scene, the actors idle during it cover every crossing pair
    neither of whom is in it: the least-cost vertex cover of those pairs (``_cover_bound``; a
    greedy set of disjoint pairs when the graph's smaller side is too large); scenes are
    distinct days, so the scene terms add up too. Smith's rule
    counts only scenes one of its end's actors is in, so the pairs on the scenes no end actor is
    in add to it. Every term is always computed: the value is stored in the memo as the state's
    bound, and stopping at the caller's pruning threshold (tried) stored weaker bounds and cost
    20 % more nodes.
    """
    both = pf & pb
    front_only = pf & ~pb
    back_only = pb & ~pf
    fixed = np.int64(0)
    if both:
        # An actor at both ends waits through every remaining day it does not work.
        days = byte_sum(q, aux, n + 2 + BYTE_ROWS)
        for a in range(m):
            if (both >> a) & 1:
                fixed += cost[a] * (days - byte_sum(q & actor_scenes[a], aux, n + 2 + BYTE_ROWS))
    front = lower_bound(q, front_only, scene_actors, dur, cost, n, m, ratio, aux)
    back = lower_bound(q, back_only, scene_actors, dur, cost, n, m, ratio, aux)
    pairs, neutral = _pair_bound(q, pf, pb, scene_actors, actor_scenes, dur, cost, n, m, aux)
    return fixed + max(front + back + neutral, pairs)


COVER_SIDE = 7  # the smaller side of the crossing graph enumerated: 2**7 subsets at most


@njit(cache=True)
def _pair_bound(q, pf, pb, scene_actors, actor_scenes, dur, cost, n, m, aux, cover_side=COVER_SIDE):
    """(all scenes, scenes no end actor is in) of the crossing-pair term: the vertex cover of
    :func:`_cover_bound` while the crossing graph's smaller side has at most ``cover_side``
    actors (``COVER_SIDE``), else greedy disjoint pairs."""
    front_only = pf & ~pb
    back_only = pb & ~pf
    if front_only == 0 or back_only == 0:
        return np.int64(0), np.int64(0)
    cover = _cover_bound(
        q, front_only, back_only, scene_actors, actor_scenes, dur, n, m, aux, cover_side
    )
    if cover[0] >= 0:
        return cover
    # Crossing pairs as (mask of the two, weight), in the scratch row of ``aux`` (2 slots a
    # pair), dearest first: walking the actors by decreasing cost, each one is paired with the
    # dearer actors of the other end already seen, and the pair weighs the newcomer's cost.
    row = n
    k = 0
    seen = np.int64(0)
    for i in range(m):
        x = aux[n + 1, i]
        bit = np.int64(1) << x
        if front_only & bit:
            partners = seen & back_only
        elif back_only & bit:
            partners = seen & front_only
        else:
            continue
        seen |= bit
        for y in range(m):
            if (partners >> y) & 1 and (actor_scenes[x] & actor_scenes[y] & q):
                aux[row, 2 * k] = bit | (np.int64(1) << y)
                aux[row, 2 * k + 1] = cost[x]
                k += 1
    if k == 0:
        return np.int64(0), np.int64(0)
    total = np.int64(0)
    neutral = np.int64(0)
    ends = front_only | back_only
    for s in range(n):
        if not (q >> s) & 1:
            continue
        # Disjoint crossing pairs each hold a different actor during s: their minima add up.
        used = scene_actors[s]
        matched = np.int64(0)
        for i in range(k):
            if (aux[row, 2 * i] & used) == 0:
                used |= aux[row, 2 * i]
                matched += aux[row, 2 * i + 1]
        total += dur[s] * matched
        if (scene_actors[s] & ends) == 0:
            neutral += dur[s] * matched
    return total, neutral


@njit(cache=True)
def _cover_bound(q, front_only, back_only, scene_actors, actor_scenes, dur, n, m, aux, side_max):
    """(all scenes, scenes no end actor is in) of the crossing graph's least vertex cover.

    During a remaining scene s, every crossing pair (f, b) with neither in s has one of them
    on location and idle (see :func:`state_bound`), so the actors idle during s cover every
    such edge: they cost at least the least-cost vertex cover of the crossing graph without
    s's cast. It is never below the greedy disjoint pairs (a matching: each edge of it needs
    its own cover vertex, costing at least the cheaper end) and is larger when one dear actor
    crosses several cheap ones. The graph is bipartite (front-only, back-only); the smaller
    side ``xs`` is enumerated: a subset Y of it in the cover forces every neighbour of the
    rest. Returns (-1, -1) when that side has more than ``side_max`` actors (at most
    ``COVER_SIDE``: the scratch row holds 2**7 subsets).
    """
    nf = _popcount(front_only)
    nb = _popcount(back_only)
    side = front_only if nf <= nb else back_only
    other = back_only if nf <= nb else front_only
    # In the scratch row: [0, 128) the neighbours of each subset of the enumerated side (by
    # index), [128, 256) the subset's cost; its actors at [256, 256 + k) and each one's
    # neighbours at [264, 264 + k).
    row = n
    k = 0
    for a in range(m):
        if (side >> a) & 1:
            nbr = np.int64(0)
            for b in range(m):
                if (other >> b) & 1 and (actor_scenes[a] & actor_scenes[b] & q):
                    nbr |= np.int64(1) << b
            if nbr:
                if k == side_max:
                    return np.int64(-1), np.int64(-1)
                aux[row, 256 + k] = a
                aux[row, 264 + k] = nbr
                k += 1
    full = (1 << k) - 1
    aux[row, 0] = 0
    aux[row, 128] = 0
    for y in range(1, full + 1):
        low = y & -y
        i = 0
        while (low >> i) != 1:
            i += 1
        aux[row, y] = aux[row, y ^ low] | aux[row, 264 + i]
        aux[row, 128 + y] = aux[row, 128 + (y ^ low)] + byte_sum(
            np.int64(1) << aux[row, 256 + i], aux, n + 2
        )
    total = np.int64(0)
    neutral = np.int64(0)
    ends = front_only | back_only
    for s in range(n):
        if not (q >> s) & 1:
            continue
        sa = scene_actors[s]
        # The enumerated actors not in s (as subset indices); edges at an actor in s are met.
        z = np.int64(0)
        for i in range(k):
            if not (sa >> aux[row, 256 + i]) & 1:
                z |= np.int64(1) << i
        best = byte_sum(aux[row, z] & ~sa, aux, n + 2)
        y = z
        while y:  # every subset y of z in the cover; z minus y forces its neighbours
            c = aux[row, 128 + y] + byte_sum(aux[row, z & ~y] & ~sa, aux, n + 2)
            if c < best:
                best = c
            y = (y - 1) & z
        total += dur[s] * best
        if (sa & ends) == 0:
            neutral += dur[s] * best
    return total, neutral


@njit(cache=True)
def normalise(q, pf, pb, actor_scenes, m):
    """Keep only started actors that matter: still needed, or started at the other end."""
    left = _left_actors(q, actor_scenes, m)
    return pf & (left | pb), pb & (left | pf)


@njit(cache=True)
def fewer_started_bound(q, pf, pb, scene_actors, actor_scenes, n, m, t1, t2, tv, meta):
    """The best lower bound the memo holds for a state with one actor fewer started at one end,
    or with one scene fewer left.

    Dominance: an actor on location at one more end is on location during at least the same
    scenes, in every order of the scenes left, so a state (q, pf, pb) costs at least what
    (q, pf', pb') costs when pf' and pb' are subsets of pf and pb; a bound (or value) stored for
    the smaller state bounds this one. Likewise for q' a subset of q: any order of q, with the
    scenes outside q' taken out, is an order of q' in which every actor is on location during
    a subset of the scenes it was on location for before (taking a scene out never lengthens
    anyone's stay), so (q', pf, pb) costs at most what (q, pf, pb) costs.
    """
    best = np.int64(-1)
    started = pf | pb
    for a in range(m):
        bit = np.int64(1) << a
        if not started & bit:
            continue
        for side in range(2):
            if side == 0:
                if not pf & bit:
                    continue
                nf, nb = normalise(q, pf & ~bit, pb, actor_scenes, m)
            else:
                if not pb & bit:
                    continue
                nf, nb = normalise(q, pf, pb & ~bit, actor_scenes, m)
            e = table_get(q, canon_key(nf, nb)[0], t1, t2, tv, meta)
            if e >= 0 and (e >> 9) > best:
                best = e >> 9
    for s in range(n):
        bit = np.int64(1) << s
        if not q & bit:
            continue
        # Never in the memo: placing s at either end starts an actor who is needed again.
        new = scene_actors[s] & ~started
        if new and _left_actors(q & ~bit, actor_scenes, m) & new:
            continue
        nf, nb = normalise(q & ~bit, pf, pb, actor_scenes, m)
        e = table_get(q & ~bit, canon_key(nf, nb)[0], t1, t2, tv, meta)
        if e >= 0 and (e >> 9) > best:
            best = e >> 9
    return best


@njit(cache=True)
def search2(
    q,
    pf,
    pb,
    budget,
    lb_hint,
    scene_actors,
    actor_scenes,
    dur,
    cost,
    n,
    m,
    t1,
    t2,
    tv,
    meta,
    stats,
    deadline,
    ratio,
    aux,
    alternate,
):
    """Bounded DP over (q, pf, pb) (pf, pb normalised). Same contract as ``_kernels.search``.

    stats: [nodes, aborted(1 time, 2 table full)].
    """
    if q == 0:
        return np.int64(0)
    if stats[1]:
        return INF
    stats[0] += 1
    if (stats[0] & 4095) == 0 and _now() > deadline:
        stats[1] = 1
        return INF
    key2, mirrored = canon_key(pf, pb)
    known_lb = np.int64(-1)
    entry = table_get(q, key2, t1, t2, tv, meta)
    if entry >= 0:
        val = entry >> 9
        if (entry & EXACT) or val >= budget:
            return val
        known_lb = val
    if known_lb < 0:
        known_lb = lb_hint
        if known_lb < 0:
            known_lb = state_bound(
                q, pf, pb, scene_actors, actor_scenes, dur, cost, n, m, ratio, aux
            )
        if known_lb < budget:
            known_lb = max(
                known_lb,
                fewer_started_bound(q, pf, pb, scene_actors, actor_scenes, n, m, t1, t2, tv, meta),
            )
        if known_lb >= budget:
            if not table_put(q, key2, known_lb << 9, t1, t2, tv, meta):
                stats[1] = 2
            return known_lb
    # Forced: a scene that adds nobody and is attended by every actor who must be on location at
    # that end costs the least it can anywhere; an exchange argument puts it at that end.
    front_only = pf & ~pb
    back_only = pb & ~pf
    forced = np.int64(-1)
    forced_back = False
    for s in range(n):
        if (q >> s) & 1:
            sa = scene_actors[s]
            if (sa & ~pf) == 0 and (front_only & ~sa) == 0:
                forced = s
                break
            if (sa & ~pb) == 0 and (back_only & ~sa) == 0:
                forced = s
                forced_back = True
                break
    kids = np.empty(2 * n, np.int64)
    kid_h = np.empty(2 * n, np.int64)
    kid_lb = np.empty(2 * n, np.int64)
    kid_f = np.empty(2 * n, np.int64)
    kid_b = np.empty(2 * n, np.int64)
    kid_hint = np.empty(2 * n, np.int64)
    # Children of both ends; the end with fewer children under the budget is branched on
    # (fail first), or, with at most ``alternate`` scenes left, the ends take turns. Any
    # per-state choice is sound: the memoised value is a min over all orders.
    live = np.zeros(2, np.int64)
    lbmin = np.full(2, INF, np.int64)
    k = 0
    only = np.int64(-1)
    if forced >= 0:
        only = 1 if forced_back else 0
    else:
        left_count = _popcount(q)
        if left_count <= alternate:
            only = left_count & 1
    for side in range(2):
        if only >= 0 and side != only:
            continue
        if side == 1 and only < 0 and live[0] == 0:
            only = 0  # the front already fails: nothing to choose
            break
        for s in range(n):
            if not (q >> s) & 1:
                continue
            if forced >= 0 and s != forced:
                continue
            rest = q & ~(np.int64(1) << s)
            left = _left_actors(rest, actor_scenes, m)
            sa = scene_actors[s]
            if side == 1:
                h = dur[s] * byte_sum(pb & (left | pf) & ~sa, aux, n + 2)
                nf, nb = pf, pb | sa
            else:
                h = dur[s] * byte_sum(pf & (left | pb) & ~sa, aux, n + 2)
                nf, nb = pf | sa, pb
            nf, nb = nf & (left | nb), nb & (left | nf)
            e = table_get(rest, canon_key(nf, nb)[0], t1, t2, tv, meta)
            if e >= 0:
                clb = e >> 9
                kid_hint[k] = -1
            else:
                clb = state_bound(
                    rest,
                    nf,
                    nb,
                    scene_actors,
                    actor_scenes,
                    dur,
                    cost,
                    n,
                    m,
                    ratio,
                    aux,
                )
                kid_hint[k] = clb
            kids[k] = s + side * 64
            kid_h[k] = h
            kid_lb[k] = h + clb
            kid_f[k] = nf
            kid_b[k] = nb
            if h + clb < budget:
                live[side] += 1
            lbmin[side] = min(lbmin[side], h + clb)
            k += 1
            if side == 1 and only < 0 and live[1] > live[0]:
                break  # the back has more live children: the front is branched on anyway
    if only >= 0:
        pick = only
    elif live[0] != live[1]:
        pick = 0 if live[0] < live[1] else 1
    else:
        pick = 0 if lbmin[0] >= lbmin[1] else 1
    j = 0
    for i in range(k):
        if (kids[i] >= 64) == (pick == 1):
            kids[j] = kids[i] & 63
            kid_h[j] = kid_h[i]
            kid_lb[j] = kid_lb[i]
            kid_f[j] = kid_f[i]
            kid_b[j] = kid_b[i]
            kid_hint[j] = kid_hint[i]
            j += 1
    k = j
    # A mirrored key stores the mirror's view: its back is this state's front.
    side_bit = SIDE_BACK if (pick == 1) != mirrored else np.int64(0)
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
        v = h + search2(
            q & ~(np.int64(1) << s),
            kid_f[j],
            kid_b[j],
            budget - h,
            kid_hint[j],
            scene_actors,
            actor_scenes,
            dur,
            cost,
            n,
            m,
            t1,
            t2,
            tv,
            meta,
            stats,
            deadline,
            ratio,
            aux,
            alternate,
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
        if not table_put(q, key2, (best << 9) | EXACT | side_bit | best_scene, t1, t2, tv, meta):
            stats[1] = 2
        return best
    res = max(fail_lb, known_lb)
    if not table_put(q, key2, res << 9, t1, t2, tv, meta):
        stats[1] = 2
    return res


@njit(cache=True)
def step(q, pf, pb, s, back, scene_actors, actor_scenes, dur, cost, m):
    """Place scene s at one end: returns (holding cost of s, new q, new pf, new pb)."""
    rest = q & ~(np.int64(1) << s)
    left = _left_actors(rest, actor_scenes, m)
    sa = scene_actors[s]
    if back:
        h = dur[s] * _mask_cost(pb & (left | pf) & ~sa, cost, m)
        nf, nb = pf, pb | sa
    else:
        h = dur[s] * _mask_cost(pf & (left | pb) & ~sa, cost, m)
        nf, nb = pf | sa, pb
    return h, rest, nf & (left | nb), nb & (left | nf)
