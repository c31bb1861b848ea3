"""Cooperative stop and progress of solve_board (what the background runs rely on)."""

import itertools
import random
import time

from ortools.sat.python import cp_model

from prodoffice.optimizer._board_cpsat import _solve_watched
from prodoffice.optimizer.board import BoardProblem, BoardScene, CastMember, board_cost, solve_board


def problem(n_scenes=30, seed=3) -> BoardProblem:
    """A board too large for CP-SAT to prove in a fraction of a second."""
    rng = random.Random(seed)
    cast = tuple(CastMember(f"A{i}", rng.randint(10, 100)) for i in range(10))
    scenes = tuple(
        BoardScene(
            f"S{i}",
            frozenset(rng.sample([c.id for c in cast], 3)),
            eighths=rng.randint(2, 12),
            location=f"L{rng.randint(0, 5)}",
            night=rng.random() < 0.2,
        )
        for i in range(n_scenes)
    )
    moves = {f"L{i}": 50 for i in range(6)}
    return BoardProblem(scenes, cast, n_days=18, max_eighths_per_day=40, location_move_cost=moves)


def test_progress_is_reported_and_stays_within_zero_and_one():
    seen = []
    sol = solve_board(problem(8), 3.0, on_progress=lambda f, phase: seen.append((f, phase)))
    assert sol.days and seen[0] == (0.0, "checking constraints")
    assert all(0.0 <= f <= 1.0 for f, _ in seen)


def test_a_small_board_is_answered_exactly_before_anyone_is_asked_to_stop():
    # A generous limit: the exact phase gets a third of it, whatever the machine's load.
    sol = solve_board(problem(8), 120.0, should_stop=lambda: True)
    assert (sol.status, sol.method, sol.stopped) == ("optimal", "exact", False)


# From here, boards above _board_dp.MAX_SCENES: the phases that ask should_stop().
def test_stop_before_cpsat_answers_stopped_without_a_schedule():
    sol = solve_board(problem(11), 3.0, should_stop=lambda: True)
    assert sol.status == "stopped" and sol.stopped and not sol.days


def test_stop_during_cpsat_keeps_the_best_schedule_so_far():
    calls = {"n": 0}

    def stop_on_second_look():
        calls["n"] += 1
        return calls["n"] >= 2  # the first look is before CP-SAT starts

    p = problem(11)
    sol = solve_board(p, 20.0, should_stop=stop_on_second_look)
    assert sol.seconds < 15.0
    if sol.days:  # a schedule is kept, priced, and not claimed optimal unless proven
        assert sol.status == "optimal" or (sol.stopped and sol.status == "feasible")
        assert sol.cost == sum(board_cost(p, sol.days)) and sol.lower_bound <= sol.cost
    else:
        assert sol.status == "stopped" and sol.stopped


def test_watched_cpsat_stops_a_long_search_at_once():
    model = cp_model.CpModel()
    xs = [model.new_int_var(0, 100, f"x{i}") for i in range(60)]
    for a, b in itertools.pairwise(xs):
        model.add(a != b)
    model.add_all_different(xs[:50])
    model.minimize(sum((i % 7 + abs(i - 30)) * x for i, x in enumerate(xs)))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 30
    solver.parameters.num_workers = 2
    looks = []
    t0 = time.perf_counter()
    status, stopped = _solve_watched(
        solver, model, 30, lambda: len(looks) >= 2, lambda f, phase: looks.append(f)
    )
    assert stopped and time.perf_counter() - t0 < 5
    assert status in (cp_model.FEASIBLE, cp_model.UNKNOWN, cp_model.OPTIMAL)
