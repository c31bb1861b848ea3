"""Board reports: shoot days and their dates, totals, banners, the boneyard, elements, queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prodoffice.scheduling.models import Scene, Script, Strip
from prodoffice.scheduling.selectors.reports import board_schedule, element_summary, one_liner
from prodoffice.scheduling.services.boards import (
    banner_insert,
    board_create,
    day_break_insert,
    strip_to_boneyard,
)
from prodoffice.scheduling.services.calendar import calendar_set
from prodoffice.scheduling.tests.test_dood_selector import (
    MONDAY,
    build_schedule,
    cast_in,
    day,
    element,
    make_scenes,
    make_script,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule(world):
    """Four scenes of 4/8 over Mon, Tue and Thu (Wed a holiday); ANN, BEN, CAT and a gun."""
    return build_schedule(world.production)


def test_days_are_numbered_of_the_total_and_dated_from_the_calendar(schedule):
    report = board_schedule(schedule)
    assert [(d.number, d.of) for d in report.days] == [(1, 3), (2, 3), (3, 3)]
    assert [d.date for d in report.days] == [day(0), day(1), day(3)]
    assert [[s.number for s in d.scenes] for d in report.days] == [["1", "2"], ["3"], ["4"]]


def test_day_and_grand_totals_are_in_eighths(schedule):
    Scene.objects.filter(number="2").update(eighths=10)
    report = board_schedule(schedule)
    assert [d.eighths for d in report.days] == [14, 4, 4]
    assert [d.pages for d in report.days] == ["1 6/8", "4/8", "4/8"]
    assert (report.eighths, report.pages, report.scene_count) == (22, "2 6/8", 4)


def test_scene_lines_carry_cast_ids_and_elements_by_category(schedule):
    first = board_schedule(schedule).days[0].scenes[0]
    assert first.number == "1" and first.pages == "4/8" and first.set_name == "SET 1"
    assert [ref.label for ref in first.cast] == ["1. ANN"]
    assert first.by_category == [("Props", ["Gun"])]
    second = board_schedule(schedule).days[0].scenes[1]
    assert second.cast_ids == "1, 2"


def test_boneyard_scenes_leave_the_schedule_and_their_elements_too(schedule):
    strip = Strip.objects.get(board=schedule, scene__number="3")
    strip_to_boneyard(actor=None, strip=strip)
    report = board_schedule(schedule)
    assert [[s.number for s in d.scenes] for d in report.days] == [["1", "2"], ["4"]]
    assert [d.date for d in report.days] == [day(0), day(1)]
    assert "CAT" not in [row.element.name for row in element_summary(report)]


def test_banners_stay_in_their_day_and_an_empty_run_goes_to_the_next(world, schedule):
    # strips: 1 2 | 3 | 4 -> a meal after scene 1, a move at the very start
    banner_insert(actor=None, board=schedule, position=1, banner_kind="meal", text="Lunch")
    banner_insert(actor=None, board=schedule, position=0, banner_kind="company_move", text="Go")
    day_break_insert(actor=None, board=schedule, position=1)  # a run with only the move
    report = board_schedule(schedule)
    assert len(report.days) == 3
    kinds = [(i.kind, getattr(i, "text", getattr(i, "number", ""))) for i in report.days[0].items]
    assert kinds == [("banner", "Go"), ("scene", "1"), ("banner", "Lunch"), ("scene", "2")]
    assert report.days[0].items[0].label == "Company move"


def test_without_a_calendar_days_have_no_date(world):
    scenes = make_scenes(make_script(world.production), 2)
    board = board_create(actor=None, production=world.production, name="Draft")
    report = board_schedule(board)
    assert not report.has_calendar
    assert [(d.number, d.date, len(d.scenes)) for d in report.days] == [(1, None, 2)]
    assert report.eighths == sum(s.eighths for s in scenes)


def test_one_liner_closes_each_day_with_a_day_break_line(schedule):
    lines = one_liner(board_schedule(schedule))
    assert [(line.kind, line.day.number) for line in lines] == [
        ("scene", 1), ("scene", 1), ("day", 1), ("scene", 2), ("day", 2),
        ("scene", 3), ("day", 3)]  # fmt: skip
    assert lines[2].day.pages == "1" and lines[2].day.date == MONDAY


def test_element_summary_counts_scenes_pages_and_days(schedule):
    rows = {row.element.name: row for row in element_summary(board_schedule(schedule))}
    assert list(rows) == ["ANN", "BEN", "CAT", "Gun"]
    ann = rows["ANN"]
    assert (ann.scenes, ann.eighths, ann.pages, ann.days) == (["1", "2", "4"], 12, "1 4/8", [1, 3])
    assert (rows["Gun"].element.category, rows["Gun"].days) == ("Props", [1])


def test_short_synopsis_is_cut(schedule):
    Scene.objects.filter(number="1").update(synopsis="x" * 100)
    scene = board_schedule(schedule).days[0].scenes[0]
    assert len(scene.short_synopsis) == 60 and scene.short_synopsis.endswith("…")


def _big_board(production, scenes: int, per_day: int):
    """A board of `scenes` scenes, `per_day` a day, ten cast and five props (a fresh draft)."""
    Script.objects.filter(production=production).update(is_current=False)
    made = make_scenes(make_script(production), scenes)
    cast = [element(production, f"ACTOR {n}/{scenes}", f"{scenes}{n}") for n in range(10)]
    props = [element(production, f"Prop {n}/{scenes}", ucid=104) for n in range(5)]
    for i, scene in enumerate(made):
        cast_in(scene, cast[i % 10], cast[(i + 3) % 10], props[i % 5])
    board = board_create(actor=None, production=production, name=f"Big {scenes}")
    for position in reversed(range(per_day, scenes, per_day)):  # from the end: no shifting
        day_break_insert(actor=None, board=board, position=position)
    return board


@pytest.mark.parametrize("size", [6, 30])
def test_query_count_does_not_grow_with_the_board(world, size):
    calendar_set(actor=None, production=world.production, start_date=MONDAY,
                 working_weekdays=range(5), exceptions=[(day(2), "holiday", "")])  # fmt: skip
    board = _big_board(world.production, size, per_day=3)
    with CaptureQueriesContext(connection) as queries:
        report = board_schedule(board)
        element_summary(report)
        one_liner(report)
    assert report.scene_count == size and len(report.days) == size // 3
    assert len(queries) == 4, [q["sql"] for q in queries]
