"""Rest periods from personal wraps: a performer wraps at the end of their last scene, anyone at
a dismiss time set by hand, the rest at the general wrap; per-union rest periods."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from prodoffice.callsheets.models import PersonCall
from prodoffice.callsheets.selectors.draft import build_draft
from prodoffice.callsheets.services import sheets
from prodoffice.callsheets.services.settings import settings_update
from prodoffice.callsheets.tests.factories import DAY1, DAY2, call_day
from prodoffice.people.models import UnionMembership
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


def test_a_performer_wraps_at_the_end_of_their_last_scene(world, board):
    d = build_draft(production=world.production, day=DAY1, board=board)
    ends = {}
    for scene in d["scenes"]:
        end = scene["start"] + round(scene["eighths"] * 150 / 8)
        for pk in scene["cast_pks"]:
            ends[pk] = max(ends.get(pk, end), end)
    for row in d["cast"]:
        assert row["wrap_offset"] == ends[row["element"]] and not row["wrap_manual"]
    crew = [p for g in d["crew"] for p in g["people"]]
    assert all(p["wrap_offset"] is None for p in crew)  # crew: the general wrap


def _late_wrap_day(world, board, manager):
    day1 = sheets.callsheet_draft(
        actor=world.office, production=world.production, day=DAY1, board=board
    )
    row = sheets.call_wrap_set(
        actor=world.office,
        sheet=day1,
        engagement=world.engagement_a,
        at=datetime.time(23, 30),
    )
    assert row.wrap_manual and row.wrap > 0  # the evening, not the morning before
    sheets.callsheet_publish(actor=manager, sheet=day1, override_reason="Filing.")
    return build_draft(production=world.production, day=DAY2, board=board)


def test_the_rest_check_reads_each_persons_own_wrap(world, board, manager):
    d = _late_wrap_day(world, board, manager)
    rest = [w for w in d["warnings"] if "rest since their wrap" in w]
    assert len(rest) == 1, d["warnings"]
    assert str(world.engagement_a.person) in rest[0] and "23:30" in rest[0]
    assert "(at least 12 h)" in rest[0]
    assert not any(str(world.engagement_b.person) in w for w in rest)


def test_a_unions_rest_period_applies_to_its_members(world, board, manager):
    UnionMembership.objects.create(person=world.engagement_a.person, union="IATSE")
    settings_update(
        actor=world.office, production=world.production, values={"union_rest_hours": {"IATSE": 6}}
    )
    d = _late_wrap_day(world, board, manager)
    assert not [w for w in d["warnings"] if "rest since their wrap" in w]
    settings_update(
        actor=world.office, production=world.production, values={"union_rest_hours": {"IATSE": 9}}
    )
    d = build_draft(production=world.production, day=DAY2, board=board)
    rest = [w for w in d["warnings"] if "rest since their wrap" in w]
    assert len(rest) == 1 and "(at least 9 h, IATSE)" in rest[0]


def test_clearing_a_dismiss_time_and_the_api(world, board):
    sheet = sheets.callsheet_draft(
        actor=world.office, production=world.production, day=DAY1, board=board
    )
    api = APIClient()
    api.force_authenticate(world.office)
    url = f"/api/v1/callsheets/{sheet.public_id}/wrap/"
    who = str(world.engagement_a.public_id)
    answer = api.post(url, {"engagement": who, "at": "19:00"}, format="json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["manual"] and answer.json()["wrap"] == 12 * 60
    cleared = api.post(url, {"engagement": who, "at": None}, format="json").json()
    assert cleared == {"engagement": who, "wrap": None, "manual": False}
    row = PersonCall.objects.get(sheet=sheet, engagement=world.engagement_a)
    assert row.wrap is None and not row.wrap_manual
    unknown = api.post(url, {"engagement": str(world.other_engagement.public_id), "at": None})
    assert unknown.status_code == 400


def test_the_cli_sets_and_clears_a_dismiss_time(world, board):
    import io
    import json

    from django.core.management import call_command
    from django.core.management.base import CommandError

    sheets.callsheet_draft(actor=world.office, production=world.production, day=DAY1, board=board)
    email = world.engagement_a.person.email
    args = ["callsheet", "wrap", "--production", "NIGHTJAR", "--date", DAY1.isoformat()]
    out = io.StringIO()
    call_command(*args, "--email", email, "--at", "19:00", "--json", stdout=out)
    assert json.loads(out.getvalue())["manual"] is True
    row = PersonCall.objects.get(engagement=world.engagement_a)
    assert row.wrap_manual and row.wrap == 12 * 60
    call_command(*args, "--email", email, "--clear", stdout=io.StringIO())
    row.refresh_from_db()
    assert not row.wrap_manual and row.wrap is None
    with pytest.raises(CommandError, match="either --at"):
        call_command(*args, "--email", email)
