"""Board optimisation with side constraints, on hand-built boards."""

import itertools

import pytest

from prodoffice.optimizer.board import (
    BoardProblem,
    BoardScene,
    CastMember,
    board_cost,
    find_conflicts,
    solve_board,
)

CAST = (CastMember("ANNA", 100), CastMember("BEN", 60), CastMember("CORA", 40))


def scene(sid, cast, **kw):
    return BoardScene(sid, frozenset(cast), **kw)


def test_classic_board_is_solved_exactly_one_scene_a_day():
    scenes = tuple(
        scene(f"S{i}", c, whole_day=True)
        for i, c in enumerate([{"ANNA", "BEN"}, {"CORA"}, {"ANNA"}, {"BEN", "CORA"}, {"ANNA"}])
    )
    sol = solve_board(BoardProblem(scenes, CAST, n_days=5), 5.0)
    assert sol.method == "exact" and sol.status == "optimal"
    assert sorted(sol.days.values()) == [0, 1, 2, 3, 4]
    assert sol.cost == sum(board_cost(BoardProblem(scenes, CAST, n_days=5), sol.days))
    assert sol.gap == 0.0


def test_pins_precedences_and_day_limits_are_respected():
    scenes = (
        scene("1", {"ANNA"}, eighths=8),
        scene("2", {"ANNA", "BEN"}, eighths=8, pinned_day=2),
        scene("3", {"BEN"}, eighths=4),
        scene("4", {"CORA"}, eighths=4, night=True),
        scene("5", {"ANNA", "CORA"}, eighths=4),
    )
    problem = BoardProblem(
        scenes, CAST, n_days=5, max_eighths_per_day=12, precedences=(("3", "1"),)
    )
    sol = solve_board(problem, 5.0)
    assert sol.status in {"optimal", "feasible"}
    assert sol.days["2"] == 2
    assert sol.days["3"] <= sol.days["1"]
    for day in set(sol.days.values()):
        on = [s for s in scenes if sol.days[s.id] == day]
        assert sum(s.eighths for s in on) <= 12
        assert len({s.night for s in on}) == 1  # day and night never mixed
    assert sol.order.index("3") < sol.order.index("1")
    assert sol.lower_bound <= sol.cost


def test_cast_availability_window_and_days_off_are_respected():
    cast = (CastMember("ANNA", 100, available=((3, 4),)), CastMember("BEN", 10))
    scenes = (scene("1", {"ANNA"}), scene("2", {"BEN"}), scene("3", {"ANNA", "BEN"}))
    problem = BoardProblem(scenes, cast, n_days=5, days_off=frozenset({4}), max_eighths_per_day=16)
    sol = solve_board(problem, 5.0)
    assert sol.days["1"] == sol.days["3"] == 3  # day 4, ANNA's other day, is a day off
    assert sol.days["2"] == 2  # 24 eighths cannot share day 3; BEN is paid days 2 and 3
    assert sol.status == "optimal" and sol.cost == 100 + 2 * 10


def test_company_moves_are_priced_per_extra_visit():
    scenes = (
        scene("1", {"ANNA"}, location="PIER"),
        scene("2", {"BEN"}, location="BAR"),
        scene("3", {"CORA"}, location="PIER"),
    )
    problem = BoardProblem(
        scenes, CAST, n_days=3, max_eighths_per_day=8, location_move_cost={"PIER": 500}
    )
    assert board_cost(problem, {"1": 0, "2": 1, "3": 2}) == (200, 500)
    sol = solve_board(problem, 5.0)
    assert sol.location_cost == 0  # the two pier scenes end up on consecutive days


@pytest.mark.parametrize(
    ("kwargs", "scenes", "message"),
    [
        ({"days_off": frozenset({1})}, (scene("1", {"ANNA"}, pinned_day=1),), "company day off"),
        (
            {"precedences": (("1", "2"), ("2", "1"))},
            (scene("1", {"ANNA"}), scene("2", {"BEN"})),
            "cycle",
        ),
        (
            {"precedences": (("1", "2"),)},
            (scene("1", {"ANNA"}, pinned_day=3), scene("2", {"BEN"}, pinned_day=1)),
            "contradict",
        ),
        (
            {"max_eighths_per_day": 8},
            (scene("1", {"ANNA"}, pinned_day=0), scene("2", {"BEN"}, pinned_day=0)),
            "exceed",
        ),
        (
            {},
            (scene("1", {"ANNA"}, pinned_day=0), scene("2", {"BEN"}, pinned_day=0, night=True)),
            "mix day and night",
        ),
    ],
)
def test_contradictory_constraints_are_reported_not_raised(kwargs, scenes, message):
    problem = BoardProblem(scenes, CAST, n_days=5, **kwargs)
    sol = solve_board(problem, 2.0)
    assert sol.status == "infeasible"
    assert any(message in c for c in sol.conflicts)
    assert find_conflicts(problem)


def test_infeasible_capacity_without_pins_is_reported_by_the_solver():
    scenes = tuple(scene(str(i), {"ANNA"}) for i in range(3))
    sol = solve_board(BoardProblem(scenes, CAST, n_days=2, max_eighths_per_day=8), 2.0)
    assert sol.status == "infeasible" and sol.conflicts


def test_unknown_cast_is_a_value_error():
    with pytest.raises(ValueError, match="unknown cast"):
        solve_board(BoardProblem((scene("1", {"ZED"}),), CAST, n_days=1), 1.0)


def test_a_board_with_more_distinct_casts_than_the_exact_solver_takes_still_gets_a_schedule():
    cast = tuple(CastMember(f"C{i}", 10 + i) for i in range(8))
    # 70 scenes, each with its own pair or triple of cast: more than 62 remain after reduction.
    combos = list(itertools.combinations(range(8), 2))
    combos += list(itertools.combinations(range(8), 3))[: 70 - len(combos)]
    scenes = tuple(scene(f"S{i}", {f"C{a}" for a in c}, eighths=8) for i, c in enumerate(combos))
    problem = BoardProblem(scenes, cast, n_days=75, max_eighths_per_day=8)
    sol = solve_board(problem, 3.0)
    assert sol.status in {"optimal", "feasible", "unknown"}
    assert sol.lower_bound >= 0
    if sol.days:
        assert sol.lower_bound <= sol.cost
