"""Relaxation lower bounds: never negative, never above the brute-force optimum."""

import itertools
import random
from dataclasses import replace

import pytest

from prodoffice.optimizer.board import (
    BoardProblem,
    BoardScene,
    CastMember,
    _allowed_days,
    board_cost,
    find_conflicts,
    solve_board,
)
from prodoffice.optimizer.bounds import (
    board_bound,
    board_moves_bound,
    cast_groups,
    holding_bound,
    location_bound,
    movie_bound,
)
from prodoffice.optimizer.generator import density_instance, movie_shoot_text
from prodoffice.optimizer.instance import make_instance, movie_shoot_cost, parse_movie_shoot
from prodoffice.optimizer.movieshoot import solve_movie
from prodoffice.optimizer.talent import _bisect_bound, heuristic, holding_lower_bound, reduce

from .helpers import brute_force


def movie_brute_force(inst) -> int:
    best = None
    for order in itertools.permutations(range(inst.n_scenes)):
        pos = {s: i for i, s in enumerate(order)}
        if all(pos[a] < pos[b] for a, b in inst.precedences):
            cost = sum(movie_shoot_cost(inst, order))
            best = cost if best is None else min(best, cost)
    return best


@pytest.mark.parametrize("seed", range(8))
def test_movie_bound_is_between_zero_and_the_optimum_and_small_ones_are_proven(seed):
    rng = random.Random(seed)
    text = movie_shoot_text(rng.randint(4, 6), rng.randint(2, 4), rng.randint(2, 3), 2, seed)
    inst = parse_movie_shoot(text)
    best = movie_brute_force(inst)
    bound = movie_bound(inst, 2.0)
    assert 0 <= bound <= best
    res = solve_movie(inst, 5.0)
    assert res.proven_optimal
    assert res.cost == best == res.lower_bound
    assert sum(movie_shoot_cost(inst, res.order)) == best


def test_location_bound_counts_a_return_forced_by_a_chain():
    # Scenes 0 and 2 at location 1 (cost 7), scene 1 elsewhere, and 0 before 1 before 2:
    # location 1 is visited twice in every feasible order.
    text = "1 3 2 2\n5\n0 7\n1 1 1\n1 0 1\n1 1 1\n0 1\n1 2\n"
    inst = parse_movie_shoot(text)
    assert location_bound(inst) == 7
    assert movie_brute_force(inst) == 7


@pytest.mark.parametrize("seed", range(6))
def test_holding_bound_by_cast_groups_never_exceeds_the_optimum(seed):
    inst = density_instance(7, 6, 0.4, seed)
    groups = cast_groups(inst, max_scenes=3)
    assert sorted(a for g in groups for a in g) == [
        a for a in range(inst.n_actors) if len(inst.actor_scenes(a)) > 1 and inst.costs[a]
    ]
    best_holding = brute_force(inst) - inst.work_cost()
    whole, exact = holding_bound(inst, 5.0)
    assert exact and whole == best_holding
    # Forced into groups of small instances, the bound stays valid (and non-negative).
    parts, _ = holding_bound(inst, 5.0, group_scenes=3)
    assert 0 <= parts <= best_holding


CAST = (CastMember("A", 100), CastMember("B", 60), CastMember("C", 40))


def random_board(seed: int) -> BoardProblem:
    rng = random.Random(seed)
    scenes = tuple(
        BoardScene(
            f"S{i}",
            frozenset(rng.sample(["A", "B", "C"], rng.randint(1, 2))),
            eighths=rng.randint(2, 8),
            night=rng.random() < 0.3,
            whole_day=rng.random() < 0.15,
            location=rng.choice(["X", "Y"]),
        )
        for i in range(rng.randint(3, 5))
    )
    return BoardProblem(
        scenes,
        CAST,
        n_days=4,
        days_off=frozenset({2}) if seed % 2 else frozenset(),
        max_eighths_per_day=rng.choice([8, 12]),
        location_move_cost={"X": 30, "Y": 20},
        precedences=(("S0", "S1"),) if seed % 3 == 0 else (),
    )


def feasible_schedules(problem: BoardProblem):
    """Every day assignment that keeps every side constraint: allowed days (pins, availability,
    days off), precedences, page and minute limits, day and night apart, whole-day scenes."""
    cast = {c.id: c for c in problem.cast}
    options = [_allowed_days(problem, s, cast) for s in problem.scenes]
    for days in itertools.product(*options):
        assign = {s.id: d for s, d in zip(problem.scenes, days, strict=True)}
        if any(assign[a] > assign[b] for a, b in problem.precedences):
            continue
        ok = True
        for d in set(days):
            on = [s for s in problem.scenes if assign[s.id] == d]
            for cap, size in (
                (problem.max_eighths_per_day, lambda s: s.eighths),
                (problem.max_minutes_per_day, lambda s: s.minutes),
            ):
                if cap is not None and sum(size(s) for s in on) > cap:
                    ok = False
            if problem.separate_day_night and len({s.night for s in on}) > 1:
                ok = False
            if len(on) > 1 and any(s.whole_day for s in on):
                ok = False
        if ok:
            yield assign


def board_brute_force(problem: BoardProblem) -> int | None:
    """The least total cost over every feasible schedule (brute force)."""
    return min((sum(board_cost(problem, a)) for a in feasible_schedules(problem)), default=None)


def least_moves_if_feasible(problem: BoardProblem) -> int | None:
    """The least company-move cost over every feasible schedule (brute force)."""
    return min((board_cost(problem, a)[1] for a in feasible_schedules(problem)), default=None)


@pytest.mark.parametrize("seed", range(8))
def test_board_bound_is_between_zero_and_the_brute_force_optimum(seed):
    problem = random_board(seed)
    best = board_brute_force(problem)
    bound = board_bound(problem, 2.0)
    assert bound >= 0
    if best is not None:
        assert bound <= best
        sol = solve_board(problem, 3.0)
        assert 0 <= sol.lower_bound <= best <= sol.cost


def fixed_days_board(seed: int) -> BoardProblem:
    """A small board whose pins and availability windows fix some scenes' days."""
    rng = random.Random(seed)
    cast = (CastMember("A", 100, ((0, 1), (4, 5))), CastMember("B", 60), CastMember("C", 40))
    scenes = tuple(
        BoardScene(
            f"S{i}",
            frozenset(rng.sample(["A", "B", "C"], rng.randint(1, 2))),
            eighths=rng.randint(2, 6),
            location=rng.choice(["X", "X", "Y"]),
            pinned_day=rng.choice([None, None, rng.randrange(6)]),
        )
        for i in range(rng.randint(3, 5))
    )
    return BoardProblem(
        scenes,
        cast,
        n_days=6,
        days_off=frozenset({3}) if seed % 2 else frozenset(),
        max_eighths_per_day=8,
        location_move_cost={"X": 30, "Y": 20},
        separate_day_night=False,
    )


@pytest.mark.parametrize("seed", range(12))
def test_board_moves_bound_never_exceeds_the_least_moves_of_any_schedule(seed):
    problem = fixed_days_board(seed)
    moves = board_moves_bound(problem)
    assert moves >= 0
    best = least_moves_if_feasible(problem)
    if best is not None:
        assert moves <= best
        assert 0 <= board_bound(problem, 2.0) <= board_brute_force(problem)


def _random_precedences(rng: random.Random, n: int, p: float) -> tuple[tuple[str, str], ...]:
    """Scene Si before Sj (i < j) with probability p: never a cycle."""
    return tuple((f"S{i}", f"S{j}") for i in range(n) for j in range(i + 1, n) if rng.random() < p)


def window_board(seed: int) -> BoardProblem:
    """A small board with multi-day availability windows, pins, precedences and a page limit."""
    rng = random.Random(seed)
    cast = tuple(
        CastMember(
            c,
            rng.randint(10, 100),
            rng.choice([(), ((0, 1),), ((1, 3),), ((4, 6),), ((0, 1), (5, 6)), ((2, 4),)]),
        )
        for c in "ABC"
    )
    n = rng.randint(3, 5)
    scenes = tuple(
        BoardScene(
            f"S{i}",
            frozenset(rng.sample("ABC", rng.randint(1, 2))),
            eighths=rng.randint(2, 6),
            location=rng.choice(["X", "X", "Y"]),
            pinned_day=rng.choice([None, None, None, rng.randrange(7)]),
        )
        for i in range(n)
    )
    precedences = _random_precedences(rng, n, 0.2)
    return BoardProblem(
        scenes,
        cast,
        n_days=7,
        days_off=frozenset({3}) if seed % 3 == 0 else frozenset(),
        max_eighths_per_day=8,
        location_move_cost={"X": 30, "Y": 20},
        separate_day_night=False,
        precedences=precedences,
    )


def test_board_moves_bound_counts_a_gap_between_two_windows():
    # A works on days 0 to 1 only, C on days 4 to 5: their X scenes are two visits unless days
    # 2 and 3 hold X scenes too; the one B scene can fill one of them only.
    cast = (CastMember("A", 1, ((0, 1),)), CastMember("B", 1), CastMember("C", 1, ((4, 5),)))
    scenes = tuple(
        BoardScene(sid, frozenset({who}), location="X")
        for sid, who in (("A1", "A"), ("B1", "B"), ("C1", "C"))
    )
    problem = BoardProblem(scenes, cast, n_days=6, location_move_cost={"X": 30})
    assert board_moves_bound(problem) == 30 == least_moves_if_feasible(problem)
    more = replace(problem, scenes=(*scenes, BoardScene("B2", frozenset({"B"}), location="X")))
    assert board_moves_bound(more) == 0 == least_moves_if_feasible(more)
    # A precedence C1 -> B1 puts B1 on day 4 or later: it can no longer fill the gap.
    chained = replace(more, precedences=(("C1", "B1"),))
    assert board_moves_bound(chained) == 30 == least_moves_if_feasible(chained)


def test_board_moves_bound_counts_the_gaps_free_scenes_cannot_close():
    # X is pinned to days 0 and 4: one free X scene cannot fill days 1 to 3, so X is visited
    # twice (one move, 30); three free X scenes could, and the bound says nothing.
    def board(free: int) -> BoardProblem:
        pins = (BoardScene("P0", frozenset({"A"}), location="X", pinned_day=0),)
        pins += (BoardScene("P4", frozenset({"A"}), location="X", pinned_day=4),)
        rest = tuple(BoardScene(f"F{i}", frozenset({"B"}), location="X") for i in range(free))
        return BoardProblem(
            pins + rest,
            (CastMember("A", 1), CastMember("B", 1)),
            n_days=5,
            location_move_cost={"X": 30},
        )

    assert board_moves_bound(board(1)) == 30 == least_moves_if_feasible(board(1))
    assert board_moves_bound(board(3)) == 0 == least_moves_if_feasible(board(3))
    # A day off between the pins is no working day: two free scenes then close the gap.
    assert board_moves_bound(replace(board(2), days_off=frozenset({2}))) == 0


def crowded_board(seed: int) -> BoardProblem:
    """A small board whose days fill up: long pinned scenes, whole-day and night scenes, page
    and minute limits, windows and precedences, three locations."""
    rng = random.Random(seed)
    cast = tuple(
        CastMember(c, rng.randint(10, 100), rng.choice([(), (), ((0, 2),), ((2, 5),), ((3, 5),)]))
        for c in "ABC"
    )
    n = rng.randint(3, 5)
    scenes = tuple(
        BoardScene(
            f"S{i}",
            frozenset(rng.sample("ABC", rng.randint(1, 2))),
            eighths=rng.choice([2, 3, 5, 6, 8]),
            minutes=rng.choice([20, 40, 60]),
            location=rng.choice(["X", "X", "Y", "Z"]),
            night=rng.random() < 0.3,
            whole_day=rng.random() < 0.15,
            pinned_day=rng.choice([None, None, rng.randrange(6)]),
        )
        for i in range(n)
    )
    precedences = _random_precedences(rng, n, 0.15)
    return BoardProblem(
        scenes,
        cast,
        n_days=6,
        max_eighths_per_day=8,
        max_minutes_per_day=rng.choice([None, 80]),
        location_move_cost={"X": 30, "Y": 20, "Z": 10},
        separate_day_night=rng.random() < 0.7,
        precedences=precedences,
    )


@pytest.mark.parametrize(
    ("make", "boards"),
    [(window_board, 60), (crowded_board, 150)],
    ids=["windows and precedences", "full days"],
)
def test_board_moves_bound_never_exceeds_brute_force(make, boards):
    """Windows, pins and precedences; and days that fill up (pages, minutes, whole-day, day and
    night), where room beside the fixed scenes narrows where a scene can go: the bound stays
    at most the least moves of any feasible schedule, and is not always 0."""
    positive = 0
    for seed in range(boards):
        problem = make(seed)
        moves = board_moves_bound(problem)
        assert moves >= 0
        best = least_moves_if_feasible(problem)
        if best is not None:
            assert moves <= best, seed
            positive += moves > 0
    assert positive > 0


@pytest.mark.parametrize(
    "blocker",
    [
        BoardScene("Y1", frozenset({"B"}), eighths=8, location="Y", pinned_day=1),
        BoardScene("Y1", frozenset({"B"}), eighths=1, location="Y", pinned_day=1, whole_day=True),
        BoardScene("Y1", frozenset({"B"}), eighths=1, location="Y", pinned_day=1, night=True),
    ],
    ids=["a full page count", "a whole-day scene", "a night scene"],
)
def test_board_moves_bound_counts_a_day_another_location_fills(blocker):
    # X is pinned to days 0 and 2; the one free X scene could close the gap on day 1, but day 1
    # holds Y's pinned scene and the free X scene does not fit beside it: two visits of X.
    scenes = (
        BoardScene("X0", frozenset({"A"}), eighths=4, location="X", pinned_day=0),
        BoardScene("X2", frozenset({"A"}), eighths=4, location="X", pinned_day=2),
        BoardScene("XF", frozenset({"A"}), eighths=4, location="X"),
        blocker,
    )
    problem = BoardProblem(
        scenes,
        (CastMember("A", 1), CastMember("B", 1)),
        n_days=3,
        max_eighths_per_day=8,
        location_move_cost={"X": 30},
    )
    assert board_moves_bound(problem) == 30 == least_moves_if_feasible(problem)
    # Room on day 1 (a short day scene there): the free X scene closes the gap.
    roomy = replace(
        problem, scenes=(*scenes[:3], replace(blocker, eighths=2, night=False, whole_day=False))
    )
    assert board_moves_bound(roomy) == 0 == least_moves_if_feasible(roomy)


def test_board_bound_counts_the_days_each_cast_member_needs():
    # A's three 6/8-page day scenes need three days at 8 eighths a day: at least 300.
    scenes = tuple(BoardScene(f"S{i}", frozenset({"A"}), eighths=6) for i in range(3))
    problem = BoardProblem(scenes, (CastMember("A", 100),), n_days=5, max_eighths_per_day=8)
    assert board_bound(problem) == 300


@pytest.mark.parametrize("seed", range(6))
def test_anytime_holding_bound_never_exceeds_the_optimum_and_reaches_it_given_time(seed):
    inst = density_instance(7, 5, 0.3 + 0.05 * (seed % 3), seed)
    best = brute_force(inst) - inst.work_cost()
    assert holding_lower_bound(inst, 5.0) == (best, True)
    assert holding_lower_bound(inst, 5.0, known=best // 2) == (best, True)
    # Out of time before the first pass: only what was known, and no claim (unless the reduced
    # instance has a single scene left, which needs no search).
    late = holding_lower_bound(inst, 1e-9, known=best // 3)
    assert late == (best // 3, False) or (late == (best, True) and reduce(inst).n <= 1)
    # One pass at half the upper bound: the optimum, or a bound between that budget and it.
    red = reduce(inst)
    _, ub = heuristic(red, iterations=2)
    value, exact = _bisect_bound(red, ub, float("inf"), 0, passes=1)
    assert value == best if exact else ub // 2 + 1 <= value <= best


def test_anytime_holding_bound_with_more_casts_than_the_masks_hold_keeps_what_is_known():
    casts = list(itertools.combinations(range(12), 2))[:64]
    inst = make_instance(casts, [5] * 12, [1] * 64)
    assert holding_lower_bound(inst, 1.0, known=7) == (7, False)


def pinned_board(seed: int) -> BoardProblem:
    """random_board with a pin, an availability window and a minutes limit."""
    base = random_board(seed)
    rng = random.Random(1000 + seed)
    scenes = list(base.scenes)
    scenes[0] = BoardScene(**{**scenes[0].__dict__, "pinned_day": rng.choice([0, 1, 3])})
    scenes = [BoardScene(**{**s.__dict__, "minutes": rng.randint(10, 60)}) for s in scenes]
    cast = (CastMember("A", 100, ((0, 2),)), CastMember("B", 60), CastMember("C", 40))
    return BoardProblem(
        tuple(scenes),
        cast,
        n_days=base.n_days,
        days_off=base.days_off,
        max_eighths_per_day=base.max_eighths_per_day,
        max_minutes_per_day=90,
        location_move_cost=base.location_move_cost,
        precedences=base.precedences,
    )


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("make", [random_board, pinned_board])
def test_small_boards_are_solved_exactly_day_by_day(seed, make):
    problem = make(seed)
    if find_conflicts(problem):
        return  # contradictory pins or windows: answered before any solver runs
    best = board_brute_force(problem)  # the minute limit kept
    sol = solve_board(problem, 60.0)  # the exact phase gets a third, whatever the load
    if best is None:
        assert sol.status == "infeasible" and not sol.days
        return
    assert (sol.status, sol.method) == ("optimal", "exact")
    assert sol.cost == best == sol.lower_bound == sum(board_cost(problem, sol.days))
    assert sorted(sol.order) == sorted(s.id for s in problem.scenes)
