"""Stripboard models and services: constraints, moves, day breaks, banners, boneyard, calendar."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from prodoffice.audit.models import AuditEvent
from prodoffice.scheduling.models import Board, ProductionCalendar, Strip, StripKind
from prodoffice.scheduling.services import boards
from prodoffice.scheduling.services.calendar import calendar_set
from prodoffice.scheduling.tests.test_dood_selector import MONDAY, make_scenes, make_script

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(world) -> Board:
    """The working board of Nightjar with scenes 1 to 4 in script order."""
    make_scenes(make_script(world.production), 4)
    return boards.board_create(actor=world.office, production=world.production, name="Main")


def layout(board) -> list[str]:
    """The board as scene numbers, `|` for a day break and `B` for a banner."""
    marks = {StripKind.DAY_BREAK: "|", StripKind.BANNER: "B"}
    strips = Strip.objects.filter(board=board).select_related("scene").order_by("position")
    return [strip.scene.number if strip.scene else marks[strip.kind] for strip in strips]


def refused(exc_type, call, **kwargs):
    with pytest.raises(exc_type) as caught:
        call(**kwargs)
    return caught.value


def test_board_create_puts_the_current_draft_in_script_order_and_works(world, board):
    assert layout(board) == ["1", "2", "3", "4"] and board.is_working
    assert board.palette["yellow"] == "#fff59d"
    event = AuditEvent.objects.get(action="board.create")
    assert event.actor == world.office and event.changes == {"strips": 4}
    empty = boards.board_create(actor=None, production=world.production, name="Blank", empty=True)
    assert layout(empty) == [] and not empty.is_working


def test_board_names_are_unique_per_production(world, board):
    error = refused(ValidationError, boards.board_create, actor=None,
                    production=world.production, name="Main")  # fmt: skip
    assert "name" in str(error) or "exists" in str(error)
    assert boards.board_create(actor=None, production=world.other, name="Main").pk


def test_constraints_one_working_board_and_a_scene_once_per_board(world, board):
    with pytest.raises(IntegrityError), transaction.atomic():
        Board.objects.create(production=world.production, name="Two", is_working=True)
    strip = board.strips.get(position=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Strip.objects.create(board=board, position=9, kind=StripKind.SCENE, scene=strip.scene)
    with pytest.raises(IntegrityError), transaction.atomic():
        Strip.objects.create(board=board, position=0, kind=StripKind.DAY_BREAK)
    with pytest.raises(IntegrityError), transaction.atomic():
        Strip.objects.create(board=board, position=9, kind=StripKind.DAY_BREAK, scene=strip.scene)
    with pytest.raises(IntegrityError), transaction.atomic():
        Strip.objects.create(board=board, position=9, kind=StripKind.SCENE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Strip.objects.create(board=board, position=9, kind=StripKind.DAY_BREAK, banner_kind="meal")


def test_copy_is_a_what_if_with_the_same_strips(world, board):
    boards.day_break_insert(actor=None, board=board, position=2)
    copy = boards.board_copy(actor=world.office, board=board, name="What if")
    assert layout(copy) == layout(board) == ["1", "2", "|", "3", "4"]
    assert copy.created_from == board and not copy.is_working
    boards.strip_move(actor=None, strip=copy.strips.get(position=0), to_position=4)
    assert layout(board) == ["1", "2", "|", "3", "4"]  # the original is untouched


def test_set_working_moves_the_flag(world, board):
    copy = boards.board_copy(actor=None, board=board, name="What if")
    boards.board_set_working(actor=world.office, board=copy)
    assert list(Board.objects.filter(is_working=True)) == [copy]
    assert AuditEvent.objects.filter(action="board.set_working").count() == 1


def test_strip_move_forward_and_back_is_audited(world, board):
    first = board.strips.get(position=0)
    boards.strip_move(actor=world.office, strip=first, to_position=3)
    assert layout(board) == ["2", "3", "4", "1"]
    boards.strip_move(actor=world.office, strip=board.strips.get(position=2), to_position=0)
    assert layout(board) == ["4", "2", "3", "1"]
    event = AuditEvent.objects.filter(action="strip.move").order_by("pk").first()
    assert event.changes == {"position": [0, 3]} and event.production_id == world.production.pk


def test_strip_move_refuses_another_board_and_positions_out_of_range(world, board):
    copy = boards.board_copy(actor=None, board=board, name="What if")
    foreign = copy.strips.get(position=0)
    error = refused(ValidationError, boards.strip_move, actor=None, strip=foreign,
                    to_position=1, board=board)  # fmt: skip
    assert "strip" in error.message_dict
    strip = board.strips.get(position=0)
    for position in (4, -1):
        error = refused(ValidationError, boards.strip_move, actor=None, strip=strip,
                        to_position=position)  # fmt: skip
        assert "position" in error.message_dict
    assert layout(board) == ["1", "2", "3", "4"]
    assert not AuditEvent.objects.filter(action="strip.move").exists()


def test_day_breaks_and_banners_insert_at_a_position(world, board):
    boards.day_break_insert(actor=world.office, board=board, position=2)
    boards.day_break_insert(actor=world.office, board=board, position=5)
    banner = boards.banner_insert(actor=world.office, board=board, position=3,
                                  banner_kind="company_move", text=" To the docks ")  # fmt: skip
    assert layout(board) == ["1", "2", "|", "B", "3", "4", "|"]
    assert banner.text == "To the docks" and banner.banner_kind == "company_move"
    error = refused(ValidationError, boards.day_break_insert, actor=None, board=board,
                    position=8)  # fmt: skip
    assert "position" in error.message_dict
    error = refused(ValidationError, boards.banner_insert, actor=None, board=board,
                    position=0, banner_kind="party")  # fmt: skip
    assert "banner_kind" in error.message_dict


def test_boneyard_round_trip_only_for_scene_strips(world, board):
    strip = board.strips.get(position=1)
    boards.strip_to_boneyard(actor=world.office, strip=strip)
    assert Strip.objects.get(pk=strip.pk).in_boneyard
    boards.strip_from_boneyard(actor=world.office, strip=strip)
    assert not Strip.objects.get(pk=strip.pk).in_boneyard
    day_break = boards.day_break_insert(actor=None, board=board, position=0)
    error = refused(ValidationError, boards.strip_to_boneyard, actor=None, strip=day_break)
    assert "strip" in error.message_dict
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"strip.to_boneyard", "strip.from_boneyard"} <= actions


def test_calendar_set_replaces_the_week_and_exceptions(world):
    holiday = (MONDAY, "holiday", "Feast")
    calendar = calendar_set(actor=world.office, production=world.production,
                                   start_date=MONDAY, working_weekdays=[0, 1, 2, 3, 4, 5],
                                   exceptions=[holiday])  # fmt: skip
    assert calendar.working_weekdays == 0b0111111 and calendar.works_on(MONDAY)
    assert not calendar.works_on(MONDAY + datetime.timedelta(days=6))  # Sunday
    calendar_set(actor=None, production=world.production, start_date=MONDAY,
                        working_weekdays=range(5))  # fmt: skip
    calendar = ProductionCalendar.objects.get(production=world.production)
    assert calendar.working_weekdays == 0b0011111 and not calendar.exceptions.exists()
    assert AuditEvent.objects.filter(action="calendar.set").count() == 2


def test_calendar_set_refuses_bad_input_and_saves_nothing(world):
    for kwargs in (
        {"working_weekdays": [7]},
        {"working_weekdays": [0], "exceptions": [(MONDAY, "party", "")]},
        {"working_weekdays": [0], "exceptions": [(MONDAY, "holiday", ""), (MONDAY, "wrap", "")]},
    ):
        with pytest.raises(ValidationError):
            calendar_set(actor=None, production=world.production, start_date=MONDAY,
                                **kwargs)  # fmt: skip
    assert not ProductionCalendar.objects.exists()


@pytest.mark.parametrize("persona", ["crew_a", "head", "executive", "outsider", "other_office"])
def test_only_the_office_changes_boards(world, board, persona):
    user = getattr(world, persona)
    strip = board.strips.get(position=0)
    calls = [
        (boards.board_create, {"production": world.production, "name": "X"}),
        (boards.board_copy, {"board": board, "name": "X"}),
        (boards.board_set_working, {"board": board}),
        (boards.strip_move, {"strip": strip, "to_position": 1}),
        (boards.day_break_insert, {"board": board, "position": 0}),
        (boards.banner_insert, {"board": board, "position": 0, "banner_kind": "meal"}),
        (boards.strip_to_boneyard, {"strip": strip}),
        (calendar_set, {"production": world.production, "start_date": MONDAY,
                               "working_weekdays": [0]}),
    ]  # fmt: skip
    for call, kwargs in calls:
        refused(PermissionDenied, call, actor=user, **kwargs)
    assert layout(board) == ["1", "2", "3", "4"] and Board.objects.count() == 1


def test_boards_and_strips_are_scoped_by_production(world, board):
    assert list(Board.objects.for_user(world.executive)) == [board]
    assert not Board.objects.for_user(world.crew_a).exists()
    assert not Board.objects.for_user(world.other_office).exists()
    assert Strip.objects.for_user(world.office, "change").count() == 4


def test_board_reorder_writes_a_whole_order_in_one_audited_step(world, board):
    strips = list(Strip.objects.filter(board=board).order_by("position"))
    boards.board_reorder(actor=world.office, board=board, strip_ids=[s.pk for s in strips[::-1]])
    assert layout(board) == ["4", "3", "2", "1"]
    assert AuditEvent.objects.filter(action="board.reorder").count() == 1


def test_board_reorder_refuses_an_order_that_is_not_the_boards_strips(world, board):
    ids = list(Strip.objects.filter(board=board).order_by("position").values_list("pk", flat=True))
    copy = boards.board_copy(actor=world.office, board=board, name="Copy")
    foreign = Strip.objects.filter(board=copy).first().pk
    for wrong, words in (
        (ids[:-1], f"leaves out strips {ids[-1]}"),
        ([*ids[:-1], foreign], f"Strips {foreign} are not on this board"),
        ([*ids, ids[0]], "exactly once"),
    ):
        error = refused(ValidationError, boards.board_reorder, actor=world.office, board=board,
                        strip_ids=wrong)  # fmt: skip
        assert words in error.message_dict["strip_ids"][0]
    assert layout(board) == ["1", "2", "3", "4"]  # nothing half-written
    crew = refused(PermissionDenied, boards.board_reorder, actor=world.crew_a, board=board,
                   strip_ids=ids[::-1])  # fmt: skip
    assert crew and layout(board) == ["1", "2", "3", "4"]


def test_breaks_insert_puts_day_breaks_and_banners_in_one_write(world, board):
    banners = [(1, "meal", "Lunch"), (2, "company_move", "To the diner")]
    boards.breaks_insert(actor=world.office, board=board, day_ends=[2, 4], banners=banners)
    # At one position the day break comes first: the move opens day 2.
    assert layout(board) == ["1", "B", "2", "|", "B", "3", "4", "|"]
    texts = Strip.objects.filter(board=board, kind=StripKind.BANNER).order_by("position")
    assert [t.text for t in texts] == ["Lunch", "To the diner"]
    assert AuditEvent.objects.filter(action="board.breaks_insert").count() == 1


def test_breaks_insert_refuses_bad_positions_and_kinds_and_writes_nothing(world, board):
    for kwargs, field in (
        ({"day_ends": [2, 2]}, "day_ends"),
        ({"day_ends": [9]}, "position"),
        ({"day_ends": [1], "banners": [(1, "party", "")]}, "banner_kind"),
    ):
        error = refused(ValidationError, boards.breaks_insert, actor=world.office, board=board,
                        **kwargs)  # fmt: skip
        assert field in error.message_dict
    assert layout(board) == ["1", "2", "3", "4"]
