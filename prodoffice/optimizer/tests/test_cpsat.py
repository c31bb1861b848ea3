"""CP-SAT baselines and the movie-shoot solver on tiny instances."""

from prodoffice.optimizer.cpsat import solve_movie_cpsat, solve_talent_cpsat
from prodoffice.optimizer.generator import random_instance
from prodoffice.optimizer.instance import movie_shoot_cost, order_cost, parse_movie_shoot
from prodoffice.optimizer.movieshoot import solve_movie

from .helpers import brute_force
from .test_instance import MOVIE, TINY, parse_talent


def test_cpsat_talent_model_proves_the_tiny_optimum():
    res = solve_talent_cpsat(parse_talent(TINY), 5.0)
    assert res.proven_optimal
    assert res.cost == res.bound == 29


def test_cpsat_talent_model_agrees_with_brute_force_on_a_random_instance():
    inst = random_instance(6, 4, 3)
    res = solve_talent_cpsat(inst, 5.0)
    assert res.cost == brute_force(inst) == order_cost(inst, res.order)


def test_movie_solver_respects_precedences_and_reports_a_proven_optimum():
    inst = parse_movie_shoot(MOVIE)
    res = solve_movie(inst, 2.0)
    assert sum(movie_shoot_cost(inst, res.order)) == res.cost == 0
    assert res.proven_optimal and res.lower_bound == 0


def test_movie_cpsat_model_keeps_a_good_hint():
    inst = parse_movie_shoot(MOVIE)
    res = solve_movie_cpsat(inst, 2.0, hint=[0, 2, 1])
    assert res.cost == 0
