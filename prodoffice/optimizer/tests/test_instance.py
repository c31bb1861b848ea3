"""Parsing and validation of the talent and movie-shoot formats."""

import pytest

from prodoffice.optimizer.instance import (
    InstanceError,
    load_movie_shoot,
    load_talent,
    movie_shoot_cost,
    order_cost,
    parse_movie_shoot,
    parse_talent,
)

from .helpers import TALENT_DIR, needs_shared

TINY = "tiny\n4\n3\n1 0 1 0 1\n1 1 0 1 2\n0 1 1 0 3\n1 2 3 1\n"


def test_parse_reads_name_counts_casts_costs_and_durations():
    inst = parse_talent(TINY)
    assert inst.name == "tiny"
    assert inst.scenes == (frozenset({0, 1}), frozenset({1, 2}), frozenset({0, 2}), frozenset({1}))
    assert inst.costs == (1, 2, 3)
    assert inst.durations == (1, 2, 3, 1)


def test_order_cost_pays_each_actor_from_first_to_last_day():
    inst = parse_talent(TINY)
    # order 0,1,2,3: days 1,2,3,1 -> actor0 days 0..6 (6), actor1 0..7 (7), actor2 1..6 (5)
    assert order_cost(inst, [0, 1, 2, 3]) == 1 * 6 + 2 * 7 + 3 * 5


def test_order_cost_refuses_an_order_that_is_not_a_permutation():
    with pytest.raises(ValueError, match="permutation"):
        order_cost(parse_talent(TINY), [0, 1, 1, 3])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "tiny\n4\n3\n1 0 1 0 1\n1 1 0 1 2\n0 1 1 0 3\n1 2 3\n",
            "file ends early: expected scene 4",
        ),
        ("tiny\n4\n3\n1 0 1 0 1\n1 1 0 1 2\n0 1 1 0 3\n1 2 3 1 9\n", "unexpected token"),
        ("tiny\n4\n3\n1 0 x 0 1\n1 1 0 1 2\n0 1 1 0 3\n1 2 3 1\n", "line 4: expected an integer"),
        ("tiny\n4\n3\n1 0 2 0 1\n1 1 0 1 2\n0 1 1 0 3\n1 2 3 1\n", "scene 3: flag must be 0 or 1"),
        ("tiny\n4\n3\n1 0 1 0 1\n1 1 0 1 2\n0 1 1 0 3\n1 0 3 1\n", "scene 2 duration must be"),
        ("tiny\n4\n3\n1 0 1 0 1\n1 1 0 1 2\n0 0 0 0 3\n1 2 3 1\n", "actor 3 appears in no scene"),
        ("", "missing instance name"),
        ("x\n0\n3\n", "number of scenes must be positive"),
    ],
)
def test_malformed_talent_files_are_refused_with_a_located_message(text, message):
    with pytest.raises(InstanceError, match=message):
        parse_talent(text, "bad.txt")


def test_actor_in_no_scene_is_accepted_when_allowed_and_never_paid():
    text = "t\n2\n2\n1 1 5\n0 0 7\n1 1\n"
    inst = parse_talent(text, allow_unused_actors=True)
    assert order_cost(inst, [0, 1]) == 10


MOVIE = "2\n3\n2\n1\n\n4 5\n10 20\n1 2 1\n0 1 0\n\n1 0 1\n0 1 1\n\n2 1\n"


def test_movie_shoot_parse_and_cost_count_extra_visits_and_holding():
    inst = parse_movie_shoot(MOVIE, "m.txt")
    assert inst.precedences == ((2, 1),)
    # order 0,2,1: location 0,0,1 -> no extra visit; actor0 in 0,2 (no hold); actor1 in 2,1
    assert movie_shoot_cost(inst, [0, 2, 1]) == (0, 0)
    # order 2,1,0: locations 0,1,0 -> location 0 visited twice (cost 10); actor0 held 2 days
    assert movie_shoot_cost(inst, [2, 1, 0]) == (10, 4 * 2)


def test_movie_shoot_cost_refuses_an_order_breaking_a_precedence():
    inst = parse_movie_shoot(MOVIE)
    with pytest.raises(ValueError, match="precedence"):
        movie_shoot_cost(inst, [1, 2, 0])


def test_movie_shoot_precedence_cycle_is_refused():
    text = "2\n3\n2\n2\n\n4 5\n10 20\n1 2 1\n0 1 0\n\n1 0 1\n0 1 1\n\n2 1\n1 2\n"
    with pytest.raises(InstanceError, match="cycle"):
        parse_movie_shoot(text)


@needs_shared
def test_every_shared_talent_file_parses():
    files = [p for p in TALENT_DIR.rglob("*") if p.is_file() and "movie-shoot" not in p.parts]
    assert len(files) == 44
    for path in files:
        assert load_talent(path, allow_unused_actors=True).n_scenes >= 4


@needs_shared
def test_every_shared_movie_shoot_file_parses():
    for path in (TALENT_DIR / "movie-shoot").iterdir():
        inst = load_movie_shoot(path)
        assert inst.n_scenes in {5, 10, 12, 15, 20, 30, 50, 100, 200, 300}
