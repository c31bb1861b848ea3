"""Board IDs sort as numbers everywhere: one key, used by every list that shows them."""

from __future__ import annotations

import datetime
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prodoffice.scheduling.engine.board_ids import board_id_key


def ordered(ids):
    return sorted(ids, key=board_id_key)


def test_numbers_sort_as_numbers():
    assert ordered(["10", "2", "11", "1"]) == ["1", "2", "10", "11"]


def test_letter_suffixes_follow_their_number():
    ids = ["10", "1B", "2", "1", "11", "1A", "2A", "101"]
    random.Random(7).shuffle(ids)
    assert ordered(ids) == ["1", "1A", "1B", "2", "2A", "10", "11", "101"]


def test_ids_that_start_with_letters_come_after_numbers_and_sort_their_numbers_too():
    assert ordered(["X10", "A", "3", "X9", "b"]) == ["3", "A", "b", "X9", "X10"]


def test_elements_without_an_id_come_last_by_name():
    keys = sorted(
        [("", "Zed"), ("2", "Bea"), ("", "Amy"), ("10", "Cy")], key=lambda p: board_id_key(*p)
    )
    assert keys == [("2", "Bea"), ("10", "Cy"), ("", "Amy"), ("", "Zed")]


@given(st.lists(st.integers(min_value=0, max_value=10_000), unique=True))
def test_any_plain_numbers_sort_like_integers(numbers):
    assert ordered([str(n) for n in numbers]) == [str(n) for n in sorted(numbers)]


MONDAY = datetime.date(2027, 3, 1)
IDS = ["11", "1A", "2", "10", "1"]
EXPECTED = ["1", "1A", "2", "10", "11"]


@pytest.fixture
def cast_board(world):
    """One scene played by cast 11, 1A, 2, 10 and 1 (created in that order), on a board."""
    from prodoffice.scheduling.services.calendar import calendar_set
    from prodoffice.scheduling.tests.test_dood_selector import (
        board_with_days,
        cast_in,
        element,
        make_scenes,
        make_script,
    )

    calendar_set(
        actor=None, production=world.production, start_date=MONDAY, working_weekdays=range(5)
    )
    (scene,) = make_scenes(make_script(world.production), 1)
    cast_in(scene, *[element(world.production, f"Actor {i}", i) for i in IDS])
    return scene, board_with_days(world.production, [1])


@pytest.mark.django_db
def test_dood_breakdown_strips_and_reports_list_cast_by_board_id_as_numbers(cast_board, world):
    from prodoffice.scheduling.selectors import breakdown, reports, stripboard
    from prodoffice.scheduling.selectors.dood import day_out_of_days

    scene, board = cast_board
    assert [line.board_id for line in day_out_of_days(board).lines] == EXPECTED
    sheet = breakdown.scene_sheet(scene)
    assert [e.board_id for group in sheet for e in group.elements] == EXPECTED
    rows = [r for r in stripboard.board_sheet(board).rows if r.cast]
    assert rows[0].cast == EXPECTED
    (line,) = [s for d in reports.board_schedule(board).days for s in d.scenes]
    assert line.cast_ids == ", ".join(EXPECTED)


@pytest.mark.django_db
def test_the_elements_page_lists_board_ids_as_numbers(cast_board, world, office, code):
    html = office.get(f"/p/{code}/breakdown/elements/").content.decode()
    positions = [
        html.index(f"Actor {i}<") if f"Actor {i}<" in html else html.index(f"Actor {i}")
        for i in EXPECTED
    ]
    assert positions == sorted(positions)


@given(st.lists(st.from_regex(r"\A[0-9]{1,4}[A-Za-z]{0,2}[0-9]{0,2}\Z|\A[A-Za-z]{1,2}[0-9]{0,3}\Z"),
                min_size=2, max_size=30))  # fmt: skip
def test_the_stored_sort_text_orders_as_the_key_does(ids):
    from prodoffice.scheduling.engine.board_ids import board_id_sort_text

    by_text = sorted(ids, key=board_id_sort_text)
    assert [board_id_key(i)[:2] for i in by_text] == sorted(board_id_key(i)[:2] for i in ids)


def test_the_api_orders_elements_by_board_id_as_numbers(world, api_for):
    from prodoffice.scheduling.services import breakdown

    production = world.production
    breakdown.categories_seed(actor=world.office, production=production)
    category = production.breakdown_categories.get(ucid=100)  # Cast Members
    for number in ("10", "2", "1A", "1", "11"):
        breakdown.element_create(
            actor=world.office, production=production, category=category,
            name=f"Role {number}", board_id=number,
        )  # fmt: skip
    answer = api_for(world.office).get(
        "/api/v1/elements/", {"production": production.code, "ordering": "board_id"}
    )
    assert answer.status_code == 200, answer.content
    ids = [row["board_id"] for row in answer.json()["results"] if row["board_id"]]
    assert ids == ["1", "1A", "2", "10", "11"]
