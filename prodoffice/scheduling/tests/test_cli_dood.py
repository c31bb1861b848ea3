"""`prodoffice dood`: JSON rows, the text table, and errors with their exit codes."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from prodoffice.scheduling.services.boards import board_create
from prodoffice.scheduling.tests.test_dood_selector import (
    build_schedule,
    day,
    make_scenes,
    make_script,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule(world):
    """Nightjar's board "Main": three shoot days around a holiday."""
    return build_schedule(world.production)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("dood", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_json_has_one_row_per_element_with_days_and_totals(schedule):
    data = json.loads(run("--production", "nightjar", "--board", "Main", "--json"))
    assert [row["element"] for row in data] == ["ANN", "BEN", "CAT", "Gun"]
    ann = data[0]
    assert (ann["category"], ann["board_id"]) == ("Cast Members", "1")
    assert ann["days"] == {day(0).isoformat(): "SW", day(1).isoformat(): "H",
                           day(2).isoformat(): "/", day(3).isoformat(): "WF"}  # fmt: skip
    assert ann["totals"]["work"] == 2 and ann["totals"]["total"] == 4
    assert data[1]["days"][day(0).isoformat()] == "SWF"


def test_text_table_lists_elements_and_codes(schedule):
    out = run("--production", "NIGHTJAR", "--board", "Main")
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["ID", "Element", day(0).strftime("%m-%d")]
    assert lines[1].split() == ["1", "ANN", "SW", "H", "/", "WF", "2", "1", "0", "0", "0", "4"]


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (("--production", "NOPE", "--board", "Main"), 2, "Unknown production"),
        (("--production", "NIGHTJAR", "--board", "Nope"), 2, "Boards: Main"),
    ],
)
def test_unknown_production_or_board_exits_non_zero(schedule, args, code, text):
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert caught.value.returncode == code and text in str(caught.value)


def test_no_calendar_exits_with_failure(world):
    make_scenes(make_script(world.production), 1)
    board_create(actor=None, production=world.production, name="Main")
    with pytest.raises(CommandError) as caught:
        run("--production", "NIGHTJAR", "--board", "Main")
    assert caught.value.returncode == 1 and "calendar" in str(caught.value)
