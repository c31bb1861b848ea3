"""Stripboards over the API: boards and strips in order, moves through the board's service,
the working board, conflicts; who may do what."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prodoffice.audit.models import AuditEvent
from prodoffice.scheduling.models import Board, Strip
from prodoffice.scheduling.services.boards import board_copy
from prodoffice.scheduling.tests.test_conflicts import conflict_schedule, day, unavailable

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    """Nightjar's board on the calendar: Mon scenes 1, 2; Tue 3; Wed 4 (ANN in 1 and 3)."""
    return conflict_schedule(world.production)


def _url(board, tail: str = "") -> str:
    return f"/api/v1/boards/{board.public_id}/{tail}"


def _kinds(strips) -> list[str]:
    return [s["number"] or s["kind"] for s in strips]


def test_boards_list_and_detail_with_strips_in_order(world, plan, api_for):
    board = plan["board"]
    board_copy(actor=world.office, board=board, name="What if")
    client = api_for(world.executive)
    rows = client.get("/api/v1/boards/?production=NIGHTJAR").json()["results"]
    assert [r["name"] for r in rows] == [board.name, "What if"]
    main = rows[0]
    assert (main["scenes"], main["boneyard"], main["shoot_days"]) == (4, 0, 3)
    assert main["production"] == "NIGHTJAR"
    assert rows[1]["created_from"] == str(board.public_id)
    detail = client.get(_url(board)).json()
    strips = detail["strips"]
    assert _kinds(strips) == ["1", "2", "day_break", "3", "day_break", "4"]
    assert [s["position"] for s in strips] == list(range(1, 7))
    assert [s["shoot_day"] for s in strips] == [1, 1, 1, 2, 2, 3]
    assert [s["date"] for s in strips] == [day(0).isoformat()] * 3 + [day(1).isoformat()] * 2 + [
        day(2).isoformat()
    ]
    assert strips[0]["set"] == "SET 1" and strips[0]["scene"]


def test_move_goes_through_the_board_service_and_is_audited(world, plan, api_for):
    board = plan["board"]
    client = api_for(world.office)
    response = client.post(
        _url(board, "move/"), {"from_position": 1, "to_position": 4}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert _kinds(response.json()["strips"]) == ["2", "day_break", "3", "1", "day_break", "4"]
    assert AuditEvent.objects.filter(action="strip.move").count() == 1
    response = client.post(
        _url(board, "move/"),
        {"from_position": 6, "to_position": 6, "boneyard": True},
        format="json",
    )
    assert response.status_code == 200
    last = response.json()["strips"][-1]
    assert last["number"] == "4" and last["in_boneyard"] and last["shoot_day"] is None
    assert client.get(_url(board)).json()["boneyard"] == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"from_position": 99, "to_position": 1}, "from_position"),
        ({"from_position": 1, "to_position": 99}, "position"),
        ({"from_position": 0, "to_position": 1}, "from_position"),
        ({"to_position": 1}, "from_position"),
    ],
)
def test_bad_moves_name_the_field_and_change_nothing(world, plan, api_for, body, field):
    board = plan["board"]
    before = list(
        Strip.objects.filter(board=board).order_by("position").values_list("pk", flat=True)
    )
    response = api_for(world.office).post(_url(board, "move/"), body, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"], response.json()
    after = list(
        Strip.objects.filter(board=board).order_by("position").values_list("pk", flat=True)
    )
    assert after == before


def test_heads_read_but_do_not_move_and_other_productions_get_404(world, plan, api_for):
    board = plan["board"]
    body = {"from_position": 1, "to_position": 2}
    assert api_for(world.head).get(_url(board)).status_code == 200
    assert api_for(world.head).post(_url(board, "move/"), body, format="json").status_code == 403
    assert (
        api_for(world.executive).post(_url(board, "move/"), body, format="json").status_code == 403
    )
    assert api_for(world.other_office).get(_url(board)).status_code == 404
    assert api_for(world.crew_a).get(_url(board)).status_code == 404


def test_working_board_switch(world, plan, api_for):
    copy = board_copy(actor=world.office, board=plan["board"], name="What if")
    response = api_for(world.office).post(_url(copy, "working/"), {}, format="json")
    assert response.status_code == 200 and response.json()["is_working"] is True
    assert Board.objects.get(is_working=True, production=world.production) == copy


def test_conflicts_of_a_board_and_409_without_calendar(world, plan, api_for):
    unavailable(plan["ann"], day(1), kind="travel")
    client = api_for(world.office)
    found = client.get(_url(plan["board"], "conflicts/")).json()
    assert [(c["kind"], c["scene"], c["shoot_day"]) for c in found] == [
        ("cast_unavailable", "3", 2)
    ]
    world.production.calendar.delete()
    response = client.get(_url(plan["board"], "conflicts/"))
    assert response.status_code == 409 and response.json()["error"]["code"] == "no_calendar"


def test_board_detail_queries_do_not_grow_with_strips(world, plan, api_for):
    client = api_for(world.office)
    board = plan["board"]
    client.get(_url(board))
    with CaptureQueriesContext(connection) as small:
        client.get(_url(board))
    for _ in range(5):
        client.post(_url(board, "move/"), {"from_position": 1, "to_position": 6}, format="json")
    copy = board_copy(actor=world.office, board=board, name="Bigger")
    for n in range(10):
        from prodoffice.scheduling.services.boards import day_break_insert

        day_break_insert(actor=world.office, board=copy, position=n)
    with CaptureQueriesContext(connection) as big:
        client.get(_url(copy))
    assert len(big) == len(small)


def _cli(*args) -> str:
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("board", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_cli_list_show_move_and_working(world, plan):
    import json

    board = plan["board"]
    board_copy(actor=world.office, board=board, name="What if")
    listed = json.loads(_cli("list", "--production", "NIGHTJAR", "--json"))
    assert [(b["name"], b["working"], b["scenes"]) for b in listed][1] == ("What if", False, 4)
    text = _cli("show", "--production", "NIGHTJAR", "--board", board.name)
    assert "Sc. 1" in text and "end of day" in text and "Mon 01 Mar 2027" in text
    moved = json.loads(
        _cli(
            "move",
            "--production",
            "NIGHTJAR",
            "--board",
            board.name,
            "--from",
            "1",
            "--to",
            "4",
            "--json",
        )
    )
    assert _kinds(moved["strips"]) == ["2", "day_break", "3", "1", "day_break", "4"]
    assert AuditEvent.objects.filter(action="strip.move", source="cli").count() == 1
    _cli("working", "--production", "NIGHTJAR", "--board", "What if")
    assert Board.objects.get(production=world.production, is_working=True).name == "What if"


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (("show", "--production", "NIGHTJAR"), 2, "--board NAME"),
        (("show", "--production", "NIGHTJAR", "--board", "Nope"), 2, 'Unknown board "Nope"'),
        (("move", "--production", "NIGHTJAR", "--board", "Main"), 2, "--from N and --to M"),
        (
            ("move", "--production", "NIGHTJAR", "--board", "Main", "--from", "40", "--to", "1"),
            2,
            "No strip at position 40",
        ),
        (
            ("move", "--production", "NIGHTJAR", "--board", "Main", "--from", "1", "--to", "40"),
            1,
            "Position outside the board",
        ),
    ],
)
def test_cli_refuses_with_a_clear_message(world, plan, args, code, text):
    from django.core.management.base import CommandError

    plan["board"].name = "Main"
    plan["board"].save()
    with pytest.raises(CommandError) as exc:
        _cli(*args)
    assert exc.value.returncode == code and text in str(exc.value)
