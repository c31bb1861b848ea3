"""Meetings over the API: create, agenda, decisions, action items, attendance, status."""

from __future__ import annotations

import pytest

from prodoffice.productions.models import ActionItem, Meeting
from prodoffice.productions.services import meetings

pytestmark = pytest.mark.django_db

URL = "/api/v1/meetings/"


@pytest.fixture
def meeting(world):
    """A production meeting of the lighting and grip department (crew A and B invited)."""
    from prodoffice.productions.services.meetings import meeting_create
    from tests.support.factories import department

    return meeting_create(
        actor=None,
        production=world.production,
        title="Rigging",
        department_ids=[department("lighting-grip").pk],
    )


def detail(meeting) -> str:
    return f"{URL}{meeting.public_id}/"


def test_office_creates_meeting_inviting_departments(world, api_for):
    body = {"production": "NIGHTJAR", "title": "Prep", "departments": ["lighting-grip"]}
    response = api_for(world.office).post(URL, body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["invited_departments"] == ["lighting-grip"]
    assert len(response.json()["attendances"]) == 2


def test_kickoff_cannot_be_created_and_unknown_department_is_named(world, api_for):
    client = api_for(world.office)
    kickoff = client.post(URL, {"production": "NIGHTJAR", "title": "K", "kind": "kickoff"})
    assert kickoff.status_code == 400 and "kind" in kickoff.json()["error"]["fields"]
    bad = client.post(
        URL, {"production": "NIGHTJAR", "title": "P", "departments": ["nope"]}, format="json"
    )
    assert bad.status_code == 400 and "departments" in bad.json()["error"]["fields"]


def test_meeting_actions(world, api_for, meeting):
    client, base = api_for(world.office), detail(meeting)
    agenda = client.post(f"{base}agenda-items/", {"title": "Lamps", "department": "lighting-grip"})
    decision = client.post(f"{base}decisions/", {"text": "Rent the 18K."})
    action = client.post(
        f"{base}action-items/",
        {
            "text": "Order gels",
            "assignee": str(world.engagement_a.public_id),
            "due_date": "2026-12-01",
        },
    )
    attendance = client.post(
        f"{base}attendance/", {"engagement": str(world.engagement_b.public_id), "status": "present"}
    )
    assert [r.status_code for r in (agenda, decision, action, attendance)] == [201, 201, 201, 200]
    status = client.post(f"{base}status/", {"status": "held"})
    assert status.status_code == 200 and status.json()["status"] == "held"
    body = client.get(base).json()
    assert body["agenda_items"][0]["title"] == "Lamps"
    assert body["decisions"][0]["text"] == "Rent the 18K."
    assert body["action_items"][0]["assignee"]["id"] == str(world.engagement_a.public_id)


def test_assignee_ticks_own_action_item_others_cannot(world, api_for, meeting):
    item = ActionItem.objects.create(meeting=meeting, text="Gels", assignee=world.engagement_a)
    url = f"{detail(meeting)}action-items/{item.pk}/done/"
    assert api_for(world.crew_b).post(url, {"done": True}).status_code == 403
    assert not ActionItem.objects.get(pk=item.pk).done
    response = api_for(world.crew_a).post(url, {"done": True})
    assert response.status_code == 200 and response.json()["done"] is True


def test_assignee_from_other_production_is_refused(world, api_for, meeting):
    response = api_for(world.office).post(
        f"{detail(meeting)}action-items/",
        {"text": "Leak", "assignee": str(world.other_engagement.public_id)},
    )
    assert response.status_code == 400
    assert "assignee" in response.json()["error"]["fields"]


def test_crew_reads_invited_meetings_but_cannot_change_them(world, api_for, meeting):
    client = api_for(world.crew_a)
    assert client.get(detail(meeting)).status_code == 200
    assert client.patch(detail(meeting), {"title": "Mine"}).status_code == 403
    assert client.post(f"{detail(meeting)}decisions/", {"text": "x"}).status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).title == "Rigging"
    assert not meeting.decisions.exists()


def test_other_production_meetings_answer_404(world, api_for):
    kickoff = meetings.kickoff_create(actor=None, production=world.other)
    assert api_for(world.office).get(detail(kickoff)).status_code == 404
    assert (
        api_for(world.office).post(f"{detail(kickoff)}status/", {"status": "held"}).status_code
        == 404
    )
    assert Meeting.objects.get(pk=kickoff.pk).status == "scheduled"


def test_minutes_pdf_for_viewers_404_for_others(world, api_for, meeting):
    response = api_for(world.crew_a).get(f"{detail(meeting)}minutes.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"
    missing = api_for(world.other_office).get(f"{detail(meeting)}minutes.pdf")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
