"""Drafts from the board, the CLI's contract, the gate, publish and freeze, revisions."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from prodoffice.callsheets.choices import SheetStatus
from prodoffice.callsheets.models import CallSheet, PersonCall
from prodoffice.callsheets.selectors.draft import build_draft
from prodoffice.callsheets.services import sheets
from prodoffice.callsheets.tests.factories import DAY1, DAY2, call_day
from tests.support.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(world):
    return call_day(world)


@pytest.fixture
def manager(world):
    user = UserFactory(username="upm")
    MembershipFactory(user=user, production=world.production, role="production_manager")
    return user


def draft(world, board, day=DAY1):
    return sheets.callsheet_draft(
        actor=world.office, production=world.production, day=day, board=board
    )


def test_the_draft_reads_the_day_from_the_board(world, board):
    d = build_draft(production=world.production, day=DAY1, board=board)
    assert (d["shoot_day"], d["shoot_days"], d["version"]) == (1, 3, 1)
    assert [s["number"] for s in d["scenes"]] == ["1", "2"]
    assert [(c["board_id"], c["performer"], c["status"]) for c in d["cast"]] == [
        ("1", "Ann Lead", "SW"),
        ("2", "Ben Second", "SWF"),
    ]
    assert [loc["name"] for loc in d["locations"]] == ["Stage 1", "Stage 2"]
    assert d["moves"] == ["Company move to Stage 2"]
    assert d["sunrise"] and d["sunset"]
    crew = {p["name"] for g in d["crew"] for p in g["people"]}
    assert {str(world.engagement_a.person), str(world.engagement_b.person)} <= crew
    assert d["advance"]["shoot_day"] == 2 and d["advance"]["scenes"][0]["number"] == "3"


def test_a_date_that_is_no_shoot_day_is_refused_by_name(world, board):
    with pytest.raises(ValidationError) as caught:
        build_draft(production=world.production, day=DAY1 - datetime.timedelta(days=1), board=board)
    assert "2027-02-28 is not a shoot day" in caught.value.message_dict["date"][0]


def test_cli_build_prints_the_contract_and_saves_nothing(world, board):
    out = io.StringIO()
    call_command(
        "callsheet",
        "build",
        "--production",
        "NIGHTJAR",
        "--date",
        "2027-03-01",
        "--json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert set(data) == {
        "date",
        "time_zone",
        "shoot_day",
        "shoot_days",
        "version",
        "general_call",
        "sunrise",
        "sunset",
        "locations",
        "scenes",
        "cast",
        "warnings",
    }
    assert data["time_zone"] == "America/Los_Angeles" and data["general_call"] == "07:00"
    assert data["scenes"][1] == {
        "number": "2",
        "int_ext": "",
        "set": "SET 2",
        "day_night": "D",
        "eighths": 4,
        "cast": ["1", "2"],
    }
    assert data["cast"][0] == {
        "board_id": "1",
        "character": "ANN",
        "performer": "Ann Lead",
        "status": "SW",
        "call": "06:15",
    }
    assert set(data["locations"][0]) == {"name", "address", "latitude", "longitude"}
    assert not CallSheet.objects.exists()


def test_cli_refuses_a_bad_date_and_a_day_off(world, board):
    with pytest.raises(CommandError, match="not a date"):
        call_command("callsheet", "build", "--production", "NIGHTJAR", "--date", "3/1/27")
    with pytest.raises(CommandError, match="not a shoot day"):
        call_command("callsheet", "build", "--production", "NIGHTJAR", "--date", "2027-03-03")


def test_moving_general_call_moves_everyone_manual_calls_too(world, board):
    sheet = draft(world, board)
    ann = world.production.engagements.get(character="Ann")
    sheets.call_set(actor=world.office, sheet=sheet, engagement=ann, at=datetime.time(5, 0))
    sheet = sheets.callsheet_update(
        actor=world.office, sheet=sheet, values={"general_call": datetime.time(8, 0)}
    )
    d = build_draft(production=world.production, day=DAY1, board=board, sheet=sheet)
    grip = d["crew"][0]
    assert (grip["department"], grip["call"], grip["people"][0]["call"]) == (
        "Lighting and Grip",
        "07:00",
        "07:00",
    )
    # A hand-set call is an offset too (two hours before general call): it moves with it.
    assert d["cast"][0]["call"] == "06:00" and d["cast"][0]["manual"]
    # BEN: first scene (scene 2) at 10:15 (shooting call 09:00, 4/8 page at 150 min a page),
    # wardrobe 15 and make-up 90 minutes before.
    assert d["cast"][1]["call"] == "08:30"


def test_publishing_with_warnings_needs_the_production_managers_reason(world, board, manager):
    sheet = draft(world, board)
    with pytest.raises(ValidationError) as caught:
        sheets.callsheet_publish(actor=world.office, sheet=sheet)
    assert "has no executed contract" in str(caught.value)
    with pytest.raises(ValidationError, match="Only the production manager"):
        sheets.callsheet_publish(actor=world.office, sheet=sheet, override_reason="ok")
    published = sheets.callsheet_publish(
        actor=manager, sheet=sheet, override_reason="Memos signed, filing."
    )
    assert published.status == SheetStatus.PUBLISHED and published.override_reason
    assert published.snapshot["board"]["fingerprint"] == published.board_fingerprint


def test_a_published_version_is_frozen_and_publishes_once(world, board, manager):
    sheet = sheets.callsheet_publish(actor=manager, sheet=draft(world, board), override_reason="x")
    for change in (
        lambda: sheets.callsheet_update(actor=manager, sheet=sheet, values={"weather": "Rain"}),
        lambda: sheets.callsheet_publish(actor=manager, sheet=sheet, override_reason="again"),
        lambda: sheets.callsheet_refresh(actor=manager, sheet=sheet),
    ):
        with pytest.raises(ValidationError, match="published and frozen"):
            change()
    sheet.refresh_from_db()
    assert sheet.weather == "" and sheet.version == 1


def test_a_revision_is_version_two_with_manual_edits_and_a_diff_per_person(world, board, manager):
    v1 = sheets.callsheet_publish(actor=manager, sheet=draft(world, board), override_reason="x")
    v2 = sheets.callsheet_revise(actor=world.office, sheet=v1)
    assert v2.version == 2 and v2.status == SheetStatus.DRAFT
    ann = world.production.engagements.get(character="Ann")
    sheets.call_set(actor=world.office, sheet=v2, engagement=ann, at=datetime.time(5, 30))
    v2 = sheets.callsheet_publish(actor=manager, sheet=v2, override_reason="x")
    v1.refresh_from_db()
    assert v1.status == SheetStatus.SUPERSEDED
    assert v2.snapshot["changes"] == {str(ann.public_id): ["Your call moved from 06:15 to 05:30."]}
    v3 = sheets.callsheet_revise(actor=world.office, sheet=v2)
    assert PersonCall.objects.get(sheet=v3, engagement=ann).offset == -90


def test_re_reading_the_board_keeps_manual_edits(world, board):
    sheet = draft(world, board)
    ann = world.production.engagements.get(character="Ann")
    sheets.call_set(actor=world.office, sheet=sheet, engagement=ann, offset=-120, note="Wig")
    sheets.callsheet_refresh(actor=world.office, sheet=sheet)
    row = PersonCall.objects.get(sheet=sheet, engagement=ann)
    assert (row.offset, row.manual, row.note) == (-120, True, "Wig")


def test_crew_cannot_edit_and_a_change_after_the_cutoff_warns(world, board, settings):
    sheet = draft(world, board, day=DAY2)
    with pytest.raises(PermissionDenied):
        sheets.callsheet_update(actor=world.crew_b, sheet=sheet, values={"weather": "x"})
    # Today is long past the evening before 2 March 2027 in the test's clock? No: use a day in
    # the past, so "now" is after its cutoff.
    CallSheet.objects.filter(pk=sheet.pk).update(date=datetime.date(2020, 1, 2))
    sheet.refresh_from_db()
    grip = world.engagement_a
    row = sheets.call_set(actor=world.office, sheet=sheet, engagement=grip, at=datetime.time(6, 0))
    assert row.after_cutoff and row.changed_by == world.office


def test_cli_settings_change_the_rules_and_refuse_bad_offsets(world, board):
    out = io.StringIO()
    call_command(
        "callsheet",
        "settings",
        "--production",
        "NIGHTJAR",
        "--cutoff",
        "19:30",
        "--offset",
        "lighting-grip=-75",
        "--json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert data["cutoff"] == "19:30" and data["department_offsets"]["lighting-grip"] == -75
    d = build_draft(production=world.production, day=DAY1, board=board)
    assert d["crew"][0]["call"] == "05:45"
    with pytest.raises(CommandError, match="not SLUG=MINUTES"):
        call_command("callsheet", "settings", "--production", "NIGHTJAR", "--offset", "grip")
