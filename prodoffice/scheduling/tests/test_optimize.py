"""A board as an optimizer problem: scenes, cast costs, calendar, windows, settings, measuring."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from prodoffice.optimizer.board import solve_board
from prodoffice.scheduling import optimizer_adapter
from prodoffice.scheduling.models import Scene
from prodoffice.scheduling.services.boards import board_create, strip_to_boneyard
from prodoffice.scheduling.tests.optimizer_fixtures import engaged, spread_board
from prodoffice.scheduling.tests.test_dood_selector import (
    MONDAY,
    cast_in,
    day,
    make_scenes,
    make_script,
)

pytestmark = pytest.mark.django_db


def settings_for(production, **changes):
    return optimizer_adapter.clean_settings(production, changes)


def test_problem_has_the_board_scenes_cast_costs_and_calendar(world):
    board = spread_board(world.production)
    model = optimizer_adapter.build_problem(board, settings_for(world.production))
    problem = model.problem
    assert [s.id for s in problem.scenes] == ["1", "2", "3", "4", "5", "6"]
    assert {s.id: sorted(s.cast) for s in problem.scenes}["6"] == ["ANN"]
    costs = {c.id: c.daily_cost for c in problem.cast}
    assert costs == {"ANN": 700, "BEN": 500, "CAT": 1}  # week / 5; no engagement -> 1
    assert any("Cat has no rate on file" in w for w in model.warnings)
    assert problem.max_eighths_per_day == 40  # a feature: 5 pages
    assert problem.location_move_cost["DINER"] == optimizer_adapter.DEFAULT_MOVE_COST
    # Mon, Tue, (Wed holiday), Thu, Fri, (Sat, Sun), Mon ...: the holiday and weekend are off.
    assert 2 in problem.days_off and {5, 6} <= problem.days_off
    assert problem.n_days >= 6 + len(problem.days_off & set(range(problem.n_days)))


def test_boneyard_scenes_stay_out_of_the_problem(world):
    board = spread_board(world.production)
    strip_to_boneyard(actor=None, strip=board.strips.get(scene__number="3"))
    model = optimizer_adapter.build_problem(board, settings_for(world.production))
    assert [s.id for s in model.problem.scenes] == ["1", "2", "4", "5", "6"]


def test_rates_flat_hour_and_foreign_currency(world):
    production = world.production
    board = spread_board(production)
    flat = engaged(production, "DAN", "4", "3000", "flat",
                   start_date=MONDAY, end_date=day(7))  # fmt: skip
    hourly = engaged(production, "EVE", "5", "50", "hour")
    hourly.engagement.currency = "EUR"
    hourly.engagement.save()
    scene = Scene.objects.get(script__production=production, number="2")
    cast_in(scene, flat, hourly)
    model = optimizer_adapter.build_problem(board, settings_for(production))
    costs = {c.id: c.daily_cost for c in model.problem.cast}
    # Mon 1, Tue 2, Thu 4, Fri 5, Mon 8 are shoot days; the engagement ends on day(7) (Mon 8th).
    assert costs["DAN"] == 600 and costs["EVE"] == 500
    text = " ".join(model.warnings)
    assert "Dan's flat rate is spread over 5 guaranteed days" in text
    assert "Eve's hourly rate is counted as a 10-hour day" in text and "rate is in EUR" in text


def test_engagement_dates_become_availability_windows(world):
    board = spread_board(world.production)
    ann = world.production.breakdown_elements.get(name="ANN").engagement
    ann.start_date, ann.end_date = day(3), day(7)
    ann.save()
    model = optimizer_adapter.build_problem(board, settings_for(world.production))
    member = next(c for c in model.problem.cast if c.id == "ANN")
    assert member.available == ((3, 7),)
    solution = solve_board(model.problem, 5)
    assert {solution.days["1"], solution.days["6"]} <= {3, 4, 7}


def test_availability_outside_the_schedule_is_reported_as_a_conflict(world):
    board = spread_board(world.production)
    ann = world.production.breakdown_elements.get(name="ANN").engagement
    ann.start_date = ann.end_date = MONDAY + datetime.timedelta(days=300)
    ann.save()
    model = optimizer_adapter.build_problem(board, settings_for(world.production))
    solution = solve_board(model.problem, 5)
    assert solution.status == "infeasible" and not solution.days
    assert any("scene 1: no working day" in c for c in solution.conflicts)


def test_pins_and_precedences_contradicting_are_conflicts(world):
    board = spread_board(world.production)
    settings = settings_for(world.production, pins={"6": 1, "1": 2}, precedences=[["1", "6"]])
    solution = solve_board(optimizer_adapter.build_problem(board, settings).problem, 5)
    assert solution.status == "infeasible"
    assert any("pins and precedences contradict" in c for c in solution.conflicts)


def test_night_scenes_and_long_scenes(world):
    board = spread_board(world.production)
    Scene.objects.filter(script__production=world.production, number="3").update(
        day_night="N", eighths=60
    )
    model = optimizer_adapter.build_problem(
        board, settings_for(world.production, max_eighths_per_day=16)
    )
    scene = next(s for s in model.problem.scenes if s.id == "3")
    assert scene.night and scene.eighths == 16
    assert any("scene 3 (7 4/8 pages) is longer than a day" in w for w in model.warnings)
    solution = solve_board(model.problem, 5)
    assert solution.status in ("optimal", "feasible")
    assert [sid for sid, d in solution.days.items() if d == solution.days["3"]] == ["3"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"max_eighths_per_day": 0}, "max_eighths_per_day"),
        ({"company_move_cost": -5}, "company_move_cost"),
        ({"separate_day_night": "yes"}, "separate_day_night"),
        ({"pins": {"1": 0}}, "pins"),
        ({"precedences": [["1"]]}, "precedences"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_settings_are_refused_by_name(world, changes, field):
    with pytest.raises(ValidationError) as caught:
        settings_for(world.production, **changes)
    assert field in caught.value.message_dict


def test_pins_naming_scenes_off_the_board_are_refused(world):
    board = spread_board(world.production)
    with pytest.raises(ValidationError, match="scenes 99"):
        optimizer_adapter.build_problem(board, settings_for(world.production, pins={"99": 1}))


@pytest.mark.parametrize("value", [0, -1, "abc", None, 4000, float("nan")])
def test_time_limit_must_be_positive_and_bounded(value):
    with pytest.raises(ValidationError) as caught:
        optimizer_adapter.clean_time_limit(value)
    assert "time_limit" in caught.value.message_dict


def test_empty_board_is_refused(world):
    make_scenes(make_script(world.production), 2)
    board = board_create(actor=None, production=world.production, name="Empty", empty=True)
    with pytest.raises(ValidationError, match="no scenes"):
        optimizer_adapter.build_problem(board, settings_for(world.production))


def test_measure_counts_holds_paid_days_and_moves_on_the_calendar(world):
    board = spread_board(world.production)
    model = optimizer_adapter.build_problem(board, settings_for(world.production))
    before = optimizer_adapter.measure(model, optimizer_adapter.current_days(model, board))
    rows = {r["name"]: r for r in before["cast"]}
    # ANN: Mon (scene 1) to Tue next week (scene 6): Mon Tue Thu Fri Mon Tue = 6 paid, 2 worked.
    assert (rows["ANN"]["work"], rows["ANN"]["paid"], rows["ANN"]["hold"]) == (2, 6, 4)
    assert rows["ANN"]["cost"] == 4200
    assert before["moves"] == 1 and before["move_cost"] == optimizer_adapter.DEFAULT_MOVE_COST
    assert before["days"] == 6


def test_without_a_calendar_days_are_consecutive_and_dates_ignored(world):
    board = spread_board(world.production)
    world.production.calendar.delete()
    model = optimizer_adapter.build_problem(board, settings_for(world.production))
    assert not model.problem.days_off
    assert any("no production calendar" in w for w in model.warnings)
