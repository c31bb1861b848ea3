"""Board editing services (rename, delete, palette, place, remove), revisions followed by the
boards, and the assistant directors' permission."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prodoffice.audit.models import AuditEvent
from prodoffice.scheduling.models import Board, Element, Scene, Script, Strip, StripKind
from prodoffice.scheduling.permissions import (
    can_edit_boards,
    can_import_script,
    can_view_schedule,
)
from prodoffice.scheduling.services import boards
from prodoffice.scheduling.services.breakdown import element_update
from prodoffice.scheduling.services.script import script_import
from prodoffice.scheduling.tests.scripts_for_tests import FIRST_DRAFT, SECOND_DRAFT
from prodoffice.scheduling.tests.test_boards import layout
from prodoffice.scheduling.tests.test_dood_selector import make_scenes, make_script
from tests.support.factories import (
    EngagementFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
    department,
    position,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(world) -> Board:
    make_scenes(make_script(world.production), 3)
    return boards.board_create(actor=world.office, production=world.production, name="Main")


def test_rename_is_audited_and_names_stay_unique(world, board):
    other = boards.board_copy(actor=None, board=board, name="Other")
    boards.board_rename(actor=world.office, board=other, name="  Nights first ")
    assert Board.objects.get(pk=other.pk).name == "Nights first"
    event = AuditEvent.objects.get(action="board.rename")
    assert event.changes == {"name": ["Other", "Nights first"]}
    with pytest.raises(ValidationError) as caught:
        boards.board_rename(actor=None, board=other, name="MAIN")
    assert caught.value.message_dict == {"name": ["A board with this name exists."]}
    assert Board.objects.get(pk=other.pk).name == "Nights first"
    with pytest.raises(ValidationError) as caught:
        boards.board_rename(actor=None, board=other, name="   ")
    assert list(caught.value.message_dict) == ["name"] and other.name == "Nights first"


def test_delete_refuses_the_working_board_and_deletes_what_ifs(world, board):
    copy = boards.board_copy(actor=None, board=board, name="What-if")
    with pytest.raises(ValidationError, match="working board cannot be deleted"):
        boards.board_delete(actor=world.office, board=board)
    boards.board_delete(actor=world.office, board=copy)
    assert not Board.objects.filter(pk=copy.pk).exists()
    assert not Strip.objects.filter(board_id=copy.pk).exists()
    assert AuditEvent.objects.get(action="board.delete").changes == {"name": "What-if", "strips": 3}


def test_palette_accepts_hex_colours_only(world, board):
    palette = {"white": "#FFFFFF", "yellow": "#ffee00", "blue": "#224488", "green": "#00aa00"}
    boards.board_palette_set(actor=world.office, board=board, palette=palette)
    assert Board.objects.get(pk=board.pk).palette["white"] == "#ffffff"
    with pytest.raises(ValidationError) as caught:
        boards.board_palette_set(actor=None, board=board, palette={**palette, "green": "green"})
    assert list(caught.value.message_dict) == ["green"]


def test_strip_place_moves_out_of_the_boneyard_in_one_step(world, board):
    third = Strip.objects.get(board=board, position=2)
    boards.strip_to_boneyard(actor=None, strip=third)
    boards.strip_place(actor=world.office, board=board, strip=third, to_position=0,
                       in_boneyard=False)  # fmt: skip
    assert layout(board) == ["3", "1", "2"]
    assert not Strip.objects.get(pk=third.pk).in_boneyard


def test_strip_place_outside_the_board_changes_nothing(world, board):
    first = Strip.objects.get(board=board, position=0)
    with pytest.raises(ValidationError, match="from 1 to 3"):
        boards.strip_place(actor=None, board=board, strip=first, to_position=7, in_boneyard=True)
    assert not Strip.objects.get(pk=first.pk).in_boneyard and layout(board) == ["1", "2", "3"]


def test_strip_remove_takes_day_breaks_and_banners_only(world, board):
    boards.day_break_insert(actor=None, board=board, position=1)
    day_break = Strip.objects.get(board=board, kind=StripKind.DAY_BREAK)
    with pytest.raises(ValidationError, match="boneyard"):
        boards.strip_remove(
            actor=None, board=board, strip=Strip.objects.get(board=board, position=0)
        )
    boards.strip_remove(actor=world.office, board=board, strip=day_break)
    assert layout(board) == ["1", "2", "3"]
    assert list(Strip.objects.filter(board=board).values_list("position", flat=True)) == [0, 1, 2]


def test_add_unplaced_fills_an_empty_boards_boneyard(world, board):
    empty = boards.board_create(actor=None, production=world.production, name="Blank", empty=True)
    assert boards.board_add_unplaced(actor=world.office, board=empty) == 3
    assert list(empty.strips.values_list("in_boneyard", flat=True)) == [True, True, True]
    assert boards.board_add_unplaced(actor=None, board=empty) == 0


def test_a_revision_import_carries_every_boards_strips_to_the_new_draft(world):
    """Flat, street, cafe; the revision adds a hallway (2A?), rewrites the street, cuts the cafe."""
    script_import(actor=world.office, production=world.production,
                  filename="letter.fountain", data=FIRST_DRAFT.encode())  # fmt: skip
    main = boards.board_create(actor=None, production=world.production, name="Main")
    # The street first, then a day break, then the flat, cafe: what an AD would make of it.
    street = Strip.objects.get(board=main, scene__number="2")
    boards.strip_move(actor=None, strip=street, to_position=0)
    boards.day_break_insert(actor=None, board=main, position=1)
    what_if = boards.board_copy(actor=None, board=main, name="What-if")
    script_import(actor=world.office, production=world.production,
                  filename="letter2.fountain", data=SECOND_DRAFT.encode())  # fmt: skip
    current = Script.objects.get(production=world.production, is_current=True)
    for board in (main, what_if):
        strips = Strip.objects.filter(board=board, kind=StripKind.SCENE).select_related("scene")
        assert {s.scene.script_id for s in strips} == {current.pk}
        assert layout(board)[:4] == ["2", "|", "1", "3"]
        cafe = strips.get(scene__number="3")
        assert cafe.scene.omitted and cafe.in_boneyard
        added = strips.exclude(scene__previous__isnull=False).get()
        assert added.in_boneyard and added.position == 4 and not added.scene.omitted
    events = AuditEvent.objects.filter(action="board.follow_draft")
    assert events.count() == 2
    assert events.first().changes["omitted"] == ["3"]


def test_a_dry_run_import_leaves_the_boards_alone(world):
    script_import(actor=world.office, production=world.production,
                  filename="letter.fountain", data=FIRST_DRAFT.encode())  # fmt: skip
    main = boards.board_create(actor=None, production=world.production, name="Main")
    before = list(Strip.objects.filter(board=main).values_list("scene_id", "in_boneyard"))
    script_import(actor=world.office, production=world.production, filename="letter2.fountain",
                  data=SECOND_DRAFT.encode(), dry_run=True)  # fmt: skip
    assert list(Strip.objects.filter(board=main).values_list("scene_id", "in_boneyard")) == before
    assert Scene.objects.filter(script__production=world.production).count() == 3


def _member_in(world, title: str, role: str = "crew", **membership):
    user = UserFactory(username=title.lower().replace(" ", "-"))
    MembershipFactory(user=user, production=world.production, role=role, **membership)
    EngagementFactory(production=world.production, person=PersonFactory(user=user),
                      position=position(title))  # fmt: skip
    return user


@pytest.mark.parametrize("title", ["1st Assistant Director", "2nd Assistant Director",
                                   "2nd 2nd Assistant Director"])  # fmt: skip
def test_assistant_directors_edit_boards_and_import_scripts(world, board, title):
    ad = _member_in(world, title)
    assert can_edit_boards(ad, world.production) and can_import_script(ad, world.production)
    assert can_view_schedule(ad, world.production)
    assert Board.objects.for_user(ad, "change").filter(pk=board.pk).exists()
    boards.strip_move(actor=ad, strip=Strip.objects.get(board=board, position=2), to_position=0)
    assert layout(board) == ["3", "1", "2"]
    element = Element.objects.create(
        production=world.production, name="Lamp", category=_props(world)
    )
    element_update(actor=ad, element=element, values={"notes": "Brass"})
    assert Element.objects.get(pk=element.pk).notes == "Brass"


def _props(world):
    from prodoffice.scheduling.services.breakdown import categories_seed

    categories_seed(actor=None, production=world.production)
    return world.production.breakdown_categories.get(ucid=104)


def test_the_head_of_direction_is_an_assistant_director_too(world, board):
    head = UserFactory(username="direction-head")
    MembershipFactory(user=head, production=world.production, role="department_head",
                      department=department("direction"))  # fmt: skip
    assert can_edit_boards(head, world.production)


def test_a_grip_or_a_released_ad_cannot_edit_boards(world, board):
    grip = world.crew_a  # a Grip engagement, crew role
    released = _member_in(world, "1st Assistant Director")
    released.person.engagements.update(status="released")
    released = type(released).objects.get(pk=released.pk)  # fresh permission cache
    for user in (grip, released, world.head, world.executive):
        assert not can_edit_boards(user, world.production)
        assert not Board.objects.for_user(user, "change").filter(pk=board.pk).exists()
        with pytest.raises(PermissionDenied):
            boards.strip_move(actor=user, strip=Strip.objects.get(board=board, position=2),
                              to_position=0)  # fmt: skip
        with pytest.raises(PermissionDenied):
            script_import(actor=user, production=world.production, filename="x.fountain",
                          data=FIRST_DRAFT.encode())  # fmt: skip
    assert layout(board) == ["1", "2", "3"]
    assert not can_view_schedule(grip, world.production)


def test_an_ad_of_another_production_has_no_say_here(world, board):
    ad = UserFactory(username="other-ad")
    MembershipFactory(user=ad, production=world.other, role="crew")
    MembershipFactory(user=ad, production=world.production, role="crew")
    EngagementFactory(production=world.other, person=PersonFactory(user=ad),
                      position=position("1st Assistant Director"))  # fmt: skip
    assert can_edit_boards(ad, world.other) and not can_edit_boards(ad, world.production)
