"""Exact solver for the classic talent-scheduling problem.

Method (Garcia de la Banda, Stuckey and Chu, INFORMS J. Computing 2011):

1. Reduce: actors in a single scene are never idle, so they only add a constant; scenes with the
   same cast can be shot back to back, so they merge into one; repeat until nothing changes.
   Scenes left with no cast are shot first, when nobody is on location.
2. Upper bound: greedy order improved by iterated local search (block insertions).
3. Bounded dynamic programming, by default from both ends at once (``_double``, after Qin et
   al. 2016): the future cost depends on the scenes left and the actors started at each end, so
   it is memoised under that key; a scene that can go at an end at the least cost it has anywhere
   is placed at once; children are tried cheapest-bound first and pruned by a lower bound (exact
   for actors started at both ends; Smith's rule, or crossing front/back pairs, for the others);
   failed sub-problems store the lower bound they proved. ``method="single"`` builds from the
   front only (the set of scenes left is the key), and is used when there are too many actors
   for the double key.

Every returned order is re-priced with :func:`instance.order_cost`; a proof is claimed only when
the search finished inside the time limit.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from .instance import TalentInstance, order_cost


class _Lazy:
    """A module imported on first attribute access.

    Importing numpy and numba, and loading the kernels from the JIT cache, takes about a second;
    small instances are solved in plain Python (:func:`_solve_small`) without either, so that
    ``optimize-file`` on a few scenes answers at once.
    """

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str):
        return getattr(importlib.import_module(self._name, __package__), attr)


np = _Lazy("numpy")
D = _Lazy("._double")
K = _Lazy("._kernels")
SD = _Lazy("._subset")

MAX_EXACT_SCENES = 62  # scene sets are int64 bit masks
MAX_DOUBLE_ACTORS = 31  # front and back actor masks share one int64 key
MAX_TABLE_LOG2 = 25  # 2**25 entries x 24 bytes: about 0.8 GB at most
# First size of the double-ended memo: 2**(n - 9) entries, at most this (100 MB), so that
# the instances that need millions of entries do not pass through six restarts and rehashes.
START_TABLE_LOG2 = 22
MAX_MEMO_ENTRIES = 12_000_000  # typed dict, about 55 bytes an entry measured: ~0.7 GB
SMALL_SCENES = 10  # up to here a plain-Python table (a few ms), no numpy, numba or JIT cache
DP_ONLY_SCENES = 20  # up to here the subset table alone (2**20 sets: about 0.1 s at worst)
# The Smith bound costs about ten set expansions: below this many scenes the table is faster
# without it (measured on 19- to 23-scene instances; with 15 actors the bound made a 23-scene
# table 2.9 times slower than the plain C DP), above it the cut sets save far more.
DP_BOUND_SCENES = 24
AUTO_ITERATIONS = 10  # local-search perturbations before the table
# Seconds per set of a plain subset DP (C, -O2, measured on the benchmark machine: 1e-7); the
# double-ended search gets a tenth of that before the table takes over.
PLAIN_DP_SECONDS_PER_SET = 1e-7
DOUBLE_SHARE = 0.1
# CPU seconds per set of this module's own subset table without the bound (numba, measured on
# the benchmark machine on 28-scene, 15-actor instances: 15.6 and 18.2 s for 2**28 sets). The
# bound is switched off once it makes the table slower than about 1.5 times that (see
# ``_subset.fill_all``).
TABLE_SECONDS_PER_SET = 7e-8
# Share of the time left that the double-ended search, when it carries the proof alone, keeps
# for a lower bound (budget bisection) in case the proof does not finish.
BOUND_SHARE = 0.1


@dataclass(frozen=True)
class Result:
    """Outcome of :func:`solve`: ``order`` holds 0-based scene indices in file order."""

    order: tuple[int, ...]
    cost: int
    lower_bound: int
    proven_optimal: bool
    seconds: float
    nodes: int = 0
    stats: dict[str, int | float] = field(default_factory=dict)

    @property
    def gap(self) -> float:
        """Relative gap between cost and lower bound (0.0 when proven)."""
        return 0.0 if self.cost == 0 else (self.cost - self.lower_bound) / self.cost


@dataclass(frozen=True)
class Reduced:
    """A reduced instance: merged scenes as int64 actor masks, and the constant cost removed."""

    groups: tuple[tuple[int, ...], ...]  # reduced scene -> original scenes, shot consecutively
    first: tuple[int, ...]  # original scenes with no remaining cast, shot first
    scene_actors: np.ndarray
    actor_scenes: np.ndarray
    durations: np.ndarray
    costs: np.ndarray
    work_cost: int  # paid days that are worked days, constant over all orders

    @property
    def n(self) -> int:
        """Number of reduced scenes."""
        return len(self.groups)

    @property
    def m(self) -> int:
        """Number of actors kept."""
        return len(self.costs)

    def expand(self, order: Sequence[int]) -> list[int]:
        """Original scene order for an order of the reduced scenes."""
        out = list(self.first)
        for g in order:
            out.extend(self.groups[g])
        return out


def merge(inst: TalentInstance):
    """(groups, casts, durations, cast-less scenes): the reduction, without the int64 masks."""
    groups: list[tuple[int, ...]] = [(s,) for s in range(inst.n_scenes)]
    casts = [set(c) for c in inst.scenes]
    durs = list(inst.durations)
    first: list[int] = []
    while True:
        count: dict[int, int] = {}
        for cast in casts:
            for a in cast:
                count[a] = count.get(a, 0) + 1
        casts = [{a for a in cast if count[a] > 1} for cast in casts]
        merged: dict[frozenset[int], int] = {}
        new_groups, new_casts, new_durs = [], [], []
        for g, cast, d in zip(groups, casts, durs, strict=True):
            key = frozenset(cast)
            if not key:
                first.extend(g)
            elif key in merged:
                i = merged[key]
                new_groups[i] = new_groups[i] + g
                new_durs[i] += d
            else:
                merged[key] = len(new_groups)
                new_groups.append(g)
                new_casts.append(cast)
                new_durs.append(d)
        changed = len(new_groups) != len(groups) or any(
            len(c) != len(o) for c, o in zip(new_casts, casts, strict=False)
        )
        groups, casts, durs = new_groups, new_casts, new_durs
        if not changed:
            break
    return groups, casts, durs, first


def reduce(inst: TalentInstance) -> Reduced:
    """Remove single-scene actors and merge scenes with equal casts, to a fixpoint.

    Raises ValueError when more than 62 scenes or actors remain (the kernels' masks are int64).
    """
    groups, casts, durs, first = merge(inst)
    actors = sorted({a for cast in casts for a in cast})
    if len(groups) > MAX_EXACT_SCENES or len(actors) > MAX_EXACT_SCENES:
        raise ValueError(f"{len(groups)} scenes and {len(actors)} actors remain: at most 62 each")
    index = {a: i for i, a in enumerate(actors)}
    scene_actors = np.array([sum(1 << index[a] for a in cast) for cast in casts], dtype=np.int64)
    actor_scenes = np.array(
        [sum(1 << s for s, cast in enumerate(casts) if a in cast) for a in actors], dtype=np.int64
    )
    return Reduced(
        groups=tuple(groups),
        first=tuple(first),
        scene_actors=scene_actors.reshape(-1),
        actor_scenes=actor_scenes.reshape(-1),
        durations=np.array(durs, dtype=np.int64).reshape(-1),
        costs=np.array([inst.costs[a] for a in actors], dtype=np.int64).reshape(-1),
        work_cost=inst.work_cost(),
    )


def _arrays(red: Reduced) -> tuple[np.ndarray, ...]:
    return red.scene_actors, red.actor_scenes, red.durations, red.costs


def greedy_order(red: Reduced) -> np.ndarray:
    """Shoot next the scene adding least idle cost, ties to the larger cast (starts them early)."""
    n, m = red.n, red.m
    left = set(range(n))
    done = 0
    order = []
    while left:
        left_mask = sum(1 << s for s in left)
        still = sum(1 << a for a in range(m) if int(red.actor_scenes[a]) & left_mask)
        onloc = still & done

        def idle_cost(s: int, onloc: int = onloc, done: int = done) -> tuple[int, int]:
            idle = onloc & ~int(red.scene_actors[s])
            c = sum(int(red.costs[a]) for a in range(m) if idle >> a & 1)
            new = int(red.scene_actors[s]) & ~done
            return (int(red.durations[s]) * c, -bin(new).count("1"))

        s = min(left, key=idle_cost)
        order.append(s)
        left.remove(s)
        done |= int(red.scene_actors[s])
    return np.array(order, dtype=np.int64)


def heuristic(red: Reduced, iterations: int = 60, seed: int = 1) -> tuple[np.ndarray, int]:
    """Upper bound: greedy order, then iterated local search. Returns (order, holding cost)."""
    start = greedy_order(red)
    if red.n <= 1:
        return start, 0
    order, hold = K.local_search(
        start,
        red.scene_actors,
        red.actor_scenes,
        red.durations,
        red.costs,
        red.n,
        red.m,
        iterations,
        seed,
    )
    return np.asarray(order, dtype=np.int64), int(hold)


METHODS = ("auto", "dp", "double", "single")


def solve(inst: TalentInstance, time_limit: float = 10.0, *, method: str = "auto") -> Result:
    """Shooting order of minimum cost, proven optimal when the search ends within ``time_limit``.

    ``method`` "auto" (default) picks per instance (see :func:`_solve_auto`); "dp" fills the
    subset table (up to ``SD.MAX_DP_SCENES`` reduced scenes); "double" builds the order from both
    ends, branching at each state on the end with fewer children under the budget; "single"
    builds it from the front only. Raises ValueError when ``time_limit`` is not positive or the
    method is unknown.
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}: use one of {', '.join(METHODS)}")
    if not time_limit > 0:
        raise ValueError(f"time_limit must be a positive number of seconds, got {time_limit!r}")
    t0 = time.perf_counter()
    deadline = t0 + time_limit
    if method == "auto":
        small = _solve_small(inst, t0)
        if small is not None:
            return small
    red = reduce(inst)
    stats: dict[str, int | float] = {"reduced_scenes": red.n, "reduced_actors": red.m}
    if red.n == 0:
        order = red.expand([])
        return _finish(inst, order, red.work_cost, True, t0, 0, stats)
    # Without JIT (tests, no numba) a few perturbations keep small instances fast. Where the
    # subset table carries the proof, the upper bound only prunes: the greedy order is enough
    # for the table without the Smith bound, a short local search for the table with it (its
    # time counts against the table's); the bound-driven searches need the tightest bound.
    iterations = min(200, 10 * red.n) if K.HAVE_NUMBA else 2
    if method in ("auto", "dp") and red.n < DP_BOUND_SCENES:
        ub_order = greedy_order(red)
        ub = int(K.holding_of_order(ub_order, *_arrays(red), red.n, red.m))
    else:
        if method in ("auto", "dp") and red.n <= SD.MAX_DP_SCENES:
            iterations = min(iterations, AUTO_ITERATIONS)
        ub_order, ub = heuristic(red, iterations=iterations)
    stats["heuristic_holding"] = ub
    stats["heuristic_seconds"] = round(time.perf_counter() - t0, 4)
    if red.n > MAX_EXACT_SCENES:
        return _finish(inst, red.expand(ub_order), red.work_cost, False, t0, 0, stats)
    if method == "auto":
        return _solve_auto(inst, red, ub_order, ub, t0, deadline, stats)
    if method == "dp" and red.n <= SD.MAX_DP_SCENES:
        return _solve_dp(inst, red, ub_order, ub, t0, deadline, stats)
    if method == "single" or red.m > MAX_DOUBLE_ACTORS:
        return _solve_single(inst, red, ub_order, ub, t0, deadline, stats)
    return _solve_double(inst, red, ub_order, ub, t0, deadline, stats, bound_share=BOUND_SHARE)


def _solve_double(
    inst, red, ub_order, ub, t0, deadline, stats, alternate=0, bound_share=0.0
) -> Result:
    """Double-ended search; the memo table doubles (restarting the search) until its cap.

    ``alternate``: with at most that many scenes left, the end alternates instead of being
    chosen fail-first (0: always fail-first; measured the better default on random instances).
    ``bound_share``: the share of the time left kept for :func:`_bisect_bound` when the proof
    does not finish, so that an unproven answer still carries a lower bound above zero.
    """
    final_deadline = deadline
    deadline -= bound_share * max(0.0, deadline - time.perf_counter())
    full = (1 << red.n) - 1
    log2 = min(START_TABLE_LOG2, max(16, red.n - 9))
    table = D.new_table(log2)
    counters = np.zeros(2, dtype=np.int64)
    ratio = np.zeros(max(red.m, 1), dtype=np.float64)
    aux = K.cast_table(red.scene_actors, red.m, red.costs, red.durations)
    args = (red.scene_actors, red.actor_scenes, red.durations, red.costs, red.n, red.m)
    nodes = 0
    while True:
        counters[:] = 0
        # Budget ub: prove that no order beats the heuristic (ties are pruned), or find one
        # that does.
        value = int(
            D.search2(full, 0, 0, ub, -1, *args, *table, counters, deadline, ratio, aux, alternate)
        )
        nodes += int(counters[0])
        if counters[1] != 2 or log2 >= MAX_TABLE_LOG2:
            break
        log2 += 1
        bigger = D.new_table(log2)
        D.table_rehash(*table[:3], *bigger)
        table = bigger
    stats["memo_entries"] = int(table[3][1])
    stats["memo_log2"] = log2
    if counters[1]:  # out of time or memory: keep the heuristic order, claim no proof
        stats["stopped"] = "time" if counters[1] == 1 else "memory"
        lower, exact = _bisect_bound(red, ub, final_deadline, 0, table=table)
        stats["bound_holding"] = lower
        if not exact:
            claimed = red.work_cost + lower
            return _finish(inst, red.expand(ub_order), claimed, False, t0, nodes, stats)
        value = lower
        stats.pop("stopped")
    if value >= ub:  # nothing below the heuristic's cost: its order is optimal
        return _finish(inst, red.expand(ub_order), red.work_cost + ub, True, t0, nodes, stats)
    order = _walk_double(table, red, full)
    return _finish(inst, red.expand(order), red.work_cost + value, True, t0, nodes, stats)


def holding_lower_bound(
    inst: TalentInstance, time_limit: float, known: int = 0
) -> tuple[int, bool]:
    """(lower bound on the least holding cost, True when it is that least cost), anytime.

    Bisection on the budget of the double-ended search: a search with budget b either finds
    the optimum (below b) or proves a lower bound of at least b. The memo is kept between
    passes (its entries are exact values or lower bounds, valid for any budget), so each pass
    starts from what the earlier ones proved. A pass cut by the clock proves nothing; the
    bound is then the last one proved (at least ``known``, a holding-cost lower bound proved
    otherwise, where the bisection starts). Falls back to :func:`solve` where the double key
    does not fit.
    """
    deadline = time.perf_counter() + time_limit
    try:
        red = reduce(inst)
    except ValueError:  # more than 62 scenes or actors remain: no search, only what is known
        return known, False
    if red.n <= 1:
        return 0, True
    if red.m > MAX_DOUBLE_ACTORS:
        res = solve(inst, time_limit)
        return (res.cost - red.work_cost, True) if res.proven_optimal else (known, False)
    _, ub = heuristic(red, iterations=min(200, 10 * red.n) if K.HAVE_NUMBA else 2)
    return _bisect_bound(red, ub, deadline, min(known, ub))


def _bisect_bound(
    red: Reduced, ub: int, deadline: float, lo: int, passes: int = 64, table=None
) -> tuple[int, bool]:
    """(bound, exact) from at most ``passes`` bisection passes between ``lo`` (a bound proved
    already) and ``ub`` (the holding cost of a known order); ``table``: a memo to continue."""
    full = (1 << red.n) - 1
    if table is None:  # about 100 MB at most: the memo of a few passes, not of a whole proof
        table = D.new_table(min(MAX_TABLE_LOG2 - 3, 12 + red.n))
    counters = np.zeros(2, dtype=np.int64)
    ratio = np.zeros(max(red.m, 1), dtype=np.float64)
    aux = K.cast_table(red.scene_actors, red.m, red.costs, red.durations)
    args = (red.scene_actors, red.actor_scenes, red.durations, red.costs, red.n, red.m)
    while lo <= ub and time.perf_counter() < deadline and passes > 0:
        passes -= 1
        budget = lo + (ub - lo) // 2 + 1
        counters[:] = 0
        value = int(
            D.search2(full, 0, 0, budget, -1, *args, *table, counters, deadline, ratio, aux, 0)
        )
        if counters[1]:  # out of time or the table is full: this pass proved nothing
            break
        if value < budget:
            return value, True
        lo = value
    return min(lo, ub), False


def _solve_small(inst: TalentInstance, t0: float) -> Result | None:
    """The plain subset DP in Python, for at most ``SMALL_SCENES`` reduced scenes; else None."""
    groups, casts, durs, first = merge(inst)
    n = len(groups)
    if n > SMALL_SCENES:
        return None
    actors = sorted({a for cast in casts for a in cast})
    bit = {a: 1 << i for i, a in enumerate(actors)}
    masks = [sum(bit[a] for a in cast) for cast in casts]
    costs = [inst.costs[a] for a in actors]

    def mask_cost(mask: int) -> int:
        return sum(c for i, c in enumerate(costs) if mask >> i & 1)

    full = (1 << n) - 1
    value = [None] * (full + 1)
    last = [-1] * (full + 1)
    value[0] = 0
    for done in range(full):
        v = value[done]
        started = needed = 0
        for s in range(n):
            if done >> s & 1:
                started |= masks[s]
            else:
                needed |= masks[s]
        for s in range(n):
            if not done >> s & 1:
                nv = v + durs[s] * mask_cost(started & needed & ~masks[s])
                child = done | 1 << s
                if value[child] is None or nv < value[child]:
                    value[child], last[child] = nv, s
    order: list[int] = []
    cur = full
    while cur:
        order.append(last[cur])
        cur &= ~(1 << last[cur])
    expanded = list(first) + [x for g in reversed(order) for x in groups[g]]
    stats: dict[str, int | float] = {"reduced_scenes": n, "reduced_actors": len(actors)}
    stats["method"] = "small"
    return _finish(inst, expanded, inst.work_cost() + value[full], True, t0, full, stats)


def _solve_auto(inst, red, ub_order, ub, t0, deadline, stats) -> Result:
    """Per instance: the subset table alone when small; up to ``SD.MAX_DP_SCENES`` scenes, the
    double-ended search for a share of the plain DP's expected time, then the table; beyond,
    the double-ended (or single-ended) search alone.

    The search often proves in a fraction of the table's time (a tight upper bound and strong
    bounds); when it does not, the table's time is predictable, so the total stays within about
    ``1 + DOUBLE_SHARE`` times what a plain subset DP would take.
    """
    if red.n <= DP_ONLY_SCENES:
        stats["method"] = "dp"
        return _solve_dp(inst, red, ub_order, ub, t0, deadline, stats)
    if red.n > SD.MAX_DP_SCENES:
        stats["method"] = "single" if red.m > MAX_DOUBLE_ACTORS else "double"
        if red.m > MAX_DOUBLE_ACTORS:
            return _solve_single(inst, red, ub_order, ub, t0, deadline, stats)
        return _solve_double(inst, red, ub_order, ub, t0, deadline, stats, bound_share=BOUND_SHARE)
    share = DOUBLE_SHARE * PLAIN_DP_SECONDS_PER_SET * 2**red.n
    stats["method"] = "double"
    first = _solve_double if red.m <= MAX_DOUBLE_ACTORS else _solve_single
    res = first(inst, red, ub_order, ub, t0, min(deadline, time.perf_counter() + share), stats)
    if res.proven_optimal or time.perf_counter() >= deadline:
        return res
    stats["method"] = "double+dp"
    stats.pop("stopped", None)
    return _solve_dp(inst, red, ub_order, ub, t0, deadline, stats)


def _solve_dp(inst, red, ub_order, ub, t0, deadline, stats) -> Result:
    """Subset table (``_subset``) with the bound pruning; ``ub`` the heuristic's holding cost."""
    if ub >= int(SD.INF32):  # pragma: no cover - int32 table; holding costs this large are absurd
        return _solve_double(inst, red, ub_order, ub, t0, deadline, stats)
    f = SD.new_table(red.n)
    ctab = SD.cost_table(red.costs, red.m)
    use_bound = 2 if red.n >= DP_BOUND_SCENES else 0
    counters = np.zeros(4, dtype=np.int64)
    ratio = np.zeros(max(red.m, 1), dtype=np.float64)
    aux = K.cast_table(red.scene_actors, red.m)
    args = (red.scene_actors, red.durations, red.costs, red.n, red.m, ub, use_bound, f, ctab)
    plain = TABLE_SECONDS_PER_SET * 2**red.n
    value = SD.fill_all(*args, deadline, counters, ratio, aux, plain)
    stats["dp_expanded"] = int(counters[0])
    if counters[2]:
        stats["dp_bound_off_at"] = round(int(counters[2]) / 2**red.n, 3)
    stats["dp_cut"] = int(counters[1])
    stats["dp_mb"] = round(f.nbytes / 2**20, 1)
    nodes = int(counters[0])
    if value is None:
        stats["stopped"] = "time"
        return _finish(inst, red.expand(ub_order), red.work_cost, False, t0, nodes, stats)
    if value > ub:  # pragma: no cover - the heuristic's own order is never pruned
        raise AssertionError("subset DP found nothing at or below a known solution")
    order = SD.walk(red.scene_actors, red.durations, red.n, f, ctab)
    if len(order) != red.n:  # pragma: no cover - a finished table always walks back
        raise AssertionError("subset DP table does not walk back to the empty set")
    return _finish(inst, red.expand(order.tolist()), red.work_cost + value, True, t0, nodes, stats)


def _walk_double(table, red: Reduced, full: int) -> list[int]:
    """Follow the exact entries' (scene, side) pointers; join front block and reversed back."""
    front: list[int] = []
    back: list[int] = []
    q, pf, pb = full, 0, 0
    while q:
        key, mirrored = D.canon_key(pf, pb)
        entry = int(D.table_get(q, key, *table))
        if entry < 0 or not entry & int(D.EXACT):  # pragma: no cover - exact parents, exact kids
            raise AssertionError("memo path reaches a non-exact entry")
        s = entry & int(D.SCENE_MASK)
        is_back = bool(entry & int(D.SIDE_BACK)) != bool(mirrored)
        (back if is_back else front).append(s)
        _, q, pf, pb = D.step(
            q,
            pf,
            pb,
            s,
            is_back,
            red.scene_actors,
            red.actor_scenes,
            red.durations,
            red.costs,
            red.m,
        )
        q, pf, pb = int(q), int(pf), int(pb)
    return front + back[::-1]


def _solve_single(inst, red, ub_order, ub, t0, deadline, stats) -> Result:
    """Single-ended search, for reduced instances with too many actors for the double key."""
    full = (1 << red.n) - 1
    memo = K.new_memo()
    counters = np.array([0, 0, MAX_MEMO_ENTRIES], dtype=np.int64)
    ratio = np.zeros(max(red.m, 1), dtype=np.float64)
    aux = K.cast_table(red.scene_actors, red.m)
    args = (red.scene_actors, red.actor_scenes, red.durations, red.costs, red.n, red.m)
    value = int(K.search(full, 0, ub + 1, -1, *args, memo, counters, deadline, ratio, aux))
    nodes = int(counters[0])
    stats["memo_entries"] = len(memo)
    if counters[1]:
        stats["stopped"] = "time" if counters[1] == 1 else "memory"
        return _finish(inst, red.expand(ub_order), red.work_cost, False, t0, nodes, stats)
    if value > ub:  # pragma: no cover - would mean the bound or the search is wrong
        raise AssertionError("search proved a lower bound above a known solution")
    order = _walk(memo, red, full)
    return _finish(inst, red.expand(order), red.work_cost + value, True, t0, nodes, stats)


def _walk(memo, red: Reduced, full: int) -> list[int]:
    """Follow the best-scene pointers of exact memo entries from the full set down."""
    order = []
    q = full
    while q:
        entry = int(memo[q])
        if not entry & int(K._EXACT_BIT):  # pragma: no cover - exact parents have exact children
            raise AssertionError("memo path reaches a non-exact entry")
        s = entry & int(K._SCENE_BITS)
        order.append(s)
        q &= ~(1 << s)
    return order


def _finish(inst, order, claimed, proven, t0, nodes, stats) -> Result:
    cost = order_cost(inst, order)  # independent re-pricing of what is returned
    if proven and cost != claimed:
        raise AssertionError(f"solver claimed {claimed} but the order costs {cost}")
    lower = claimed if proven else min(claimed, cost)
    return Result(
        order=tuple(int(s) for s in order),
        cost=cost,
        lower_bound=int(lower),
        proven_optimal=bool(proven),
        seconds=time.perf_counter() - t0,
        nodes=nodes,
        stats=stats,
    )
