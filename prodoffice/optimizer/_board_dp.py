"""Exact day assignment of a small board: dynamic programming over the working days.

Day by day, the state is the set ``S`` of scenes shot on earlier days and the set of locations
used on the previous working day. A day takes any set ``D`` of the scenes left that fits one day
(pages and minutes under the limits, day and night apart, a whole-day scene alone) and whose
scenes may all be shot that day (pins, availability, the day not off) and whose predecessors
are shot by then. The day costs the daily rate of every cast member started by the end of the
day (in ``S`` or ``D``) and still needed from that day on (in ``D`` or later); a location used on
the day and not on the previous working day starts a visit, which costs the location's move
cost. Every location with scenes has one free visit, subtracted at the end. That is exactly the
cost of ``board.board_cost``, which re-prices the result.

The table has at most ``2**n`` scene sets per day and location set; it is used only when the
enumeration is small (``fits``), and gives up at a deadline.
"""

from __future__ import annotations

import time

#: Largest number of scenes solved this way (3**n subsets of subsets per day and location set).
MAX_SCENES = 10


def fits(problem) -> bool:
    """Whether the board is small enough for the exact table."""
    return len(problem.scenes) <= MAX_SCENES


class _MaskSum(dict):
    """Total of the values whose bits are set in a mask, worked out once per mask."""

    def __init__(self, values: list[int]) -> None:
        super().__init__()
        self.values = values

    def __missing__(self, mask: int) -> int:
        total = sum(v for i, v in enumerate(self.values) if mask >> i & 1)
        self[mask] = total
        return total


def _day_sets(problem) -> list[bool]:
    """For every set of scenes (bit mask), whether it fits one day."""
    scenes = problem.scenes
    n = len(scenes)
    return [
        _fits_a_day(problem, [scenes[i] for i in range(n) if m >> i & 1]) for m in range(1 << n)
    ]


def _fits_a_day(problem, on) -> bool:
    cap, mcap = problem.max_eighths_per_day, problem.max_minutes_per_day
    if cap is not None and sum(s.eighths for s in on) > cap:
        return False
    if mcap is not None and sum(s.minutes for s in on) > mcap:
        return False
    if problem.separate_day_night and len({s.night for s in on}) > 1:
        return False
    return len(on) <= 1 or not any(s.whole_day for s in on)


def solve_exact(problem, allowed: list[list[int]], deadline: float):
    """(day of each scene id, cost) of a cheapest schedule, None when there is none, or
    "time" when ``deadline`` (perf_counter) passes first. ``allowed``: days of each scene."""
    scenes = problem.scenes
    n = len(scenes)
    work = [d for d in range(problem.n_days) if d not in problem.days_off]
    index = {s.id: i for i, s in enumerate(scenes)}
    pred = [0] * n
    for a, b in problem.precedences:
        pred[index[b]] |= 1 << index[a]
    rate = {c.id: c.daily_cost for c in problem.cast}
    locs = [loc for loc, c in problem.location_move_cost.items() if c]
    loc_bit = {loc: 1 << k for k, loc in enumerate(locs)}
    scene_loc = [loc_bit.get(s.location, 0) for s in scenes]
    fit = _day_sets(problem)
    full = (1 << n) - 1
    cast_of = [0] * (1 << n)  # union of the cast (bits) of each scene set
    members = sorted({a for s in scenes for a in s.cast})
    bit = {a: 1 << i for i, a in enumerate(members)}
    for mask in range(1, 1 << n):
        low = (mask & -mask).bit_length() - 1
        cast_of[mask] = cast_of[mask & (mask - 1)] | sum(bit[a] for a in scenes[low].cast)
    used_of = [0] * (1 << n)  # locations (bits) used by each scene set
    for mask in range(1, 1 << n):
        low = (mask & -mask).bit_length() - 1
        used_of[mask] = used_of[mask & (mask - 1)] | scene_loc[low]
    move_cost = _MaskSum([problem.location_move_cost[loc] for loc in locs])
    paid = _MaskSum([rate[a] for a in members])
    need = [0] * (1 << n)  # predecessors of each scene set
    for mask in range(1, 1 << n):
        need[mask] = need[mask & (mask - 1)] | pred[(mask & -mask).bit_length() - 1]
    layer = {(0, 0): 0}
    history = []
    subsets: dict[int, list[int]] = {}
    for day in work:
        if time.perf_counter() > deadline:
            return "time"
        can = sum(1 << i for i in range(n) if day in allowed[i])
        nxt: dict[tuple[int, int], int] = {}
        back: dict[tuple[int, int], tuple[int, int, int]] = {}
        for (done, prev), value in layer.items():
            left = full ^ done
            for sub in _fitting(fit, left & can, subsets):
                if need[sub] & ~(done | sub):  # a predecessor not shot by the end of the day
                    continue
                used = used_of[sub]
                cost = value + paid[cast_of[done | sub] & cast_of[left]] + move_cost[used & ~prev]
                key = (done | sub, used)
                if cost < nxt.get(key, cost + 1):
                    nxt[key] = cost
                    back[key] = (done, prev, sub)
        _drop_dominated(nxt, move_cost)
        history.append(back)
        layer = nxt
    ends = [(v, key) for key, v in layer.items() if key[0] == full]
    if not ends:
        return None
    cost, key = min(ends)
    free = sum(
        problem.location_move_cost[loc] for loc in locs if any(s.location == loc for s in scenes)
    )
    days: dict[str, int] = {}
    for day, back in zip(reversed(work), reversed(history), strict=True):
        done, prev, sub = back[key]
        for i in _bits(sub):
            days[scenes[i].id] = day
        key = (done, prev)
    return days, cost - free


def _fitting(fit: list[bool], open_: int, cache: dict[int, list[int]]) -> list[int]:
    """The subsets of ``open_`` (the empty one included) that fit one day, worked out once."""
    if open_ not in cache:
        out, sub = [], open_
        while True:
            if fit[sub]:
                out.append(sub)
            if sub == 0:
                break
            sub = (sub - 1) & open_
        cache[open_] = out
    return cache[open_]


def _drop_dominated(layer: dict[tuple[int, int], int], move_cost) -> None:
    """Drop a state when another with the same scenes shot costs no more, counting the visits
    its previous day's locations could still save (at most their move costs)."""
    by_done: dict[int, list[tuple[int, int]]] = {}
    for (done, used), value in layer.items():
        by_done.setdefault(done, []).append((value, used))
    for done, states in by_done.items():
        if len(states) < 2:
            continue
        states.sort()
        kept: list[tuple[int, int]] = []
        for value, used in states:
            if any(v + move_cost[used & ~u] <= value for v, u in kept):
                del layer[done, used]
            else:
                kept.append((value, used))


def order_of_days(problem, days) -> tuple[str, ...]:
    """Scene ids by day; within a day, precedences first (a stable topological pass)."""
    ids = sorted(days, key=lambda s: days[s])
    before = set(problem.precedences)
    changed = True
    while changed:
        changed = False
        for i in range(len(ids) - 1):
            a, b = ids[i], ids[i + 1]
            if days[a] == days[b] and (b, a) in before:
                ids[i], ids[i + 1] = b, a
                changed = True
    return tuple(ids)


def _bits(mask: int):
    i = 0
    while mask:
        if mask & 1:
            yield i
        mask >>= 1
        i += 1
