"""Meetings' attendance: everyone marked present at once, then the exceptions; by department."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from prodoffice.audit.models import AuditEvent
from prodoffice.productions.models import Attendance
from prodoffice.productions.services import meetings
from tests.support.factories import EngagementFactory, PersonFactory, position

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    """A production meeting with crew A, crew B (lighting & grip) and a camera operator invited."""
    m = meetings.meeting_create(actor=world.office, production=world.production, title="Prep 1")
    camera = EngagementFactory(
        production=world.production,
        person=PersonFactory(first_name="Cam", last_name="Era"),
        position=position("Camera Operator"),
    )
    for engagement in (world.engagement_a, world.engagement_b, camera):
        meetings.attendance_set(
            actor=world.office, meeting=m, engagement=engagement, status="invited"
        )
    return m


def statuses(meeting) -> dict[str, str]:
    return {str(a.engagement.person): a.status for a in meeting.attendances.all()}


def test_mark_all_present_keeps_the_marks_already_set_and_is_audited(world, meeting):
    meetings.attendance_set(
        actor=world.office, meeting=meeting, engagement=world.engagement_b, status="excused"
    )
    marked = meetings.attendance_mark_all(actor=world.office, meeting=meeting)
    assert marked == 2
    assert statuses(meeting) == {"Ada Canary": "present", "Bo Bystander": "excused",
                                 "Cam Era": "present"}  # fmt: skip
    event = AuditEvent.objects.filter(action="meeting.attendance").latest("id")
    marks = {"Ada Canary": ["invited", "present"], "Cam Era": ["invited", "present"]}
    assert event.changes == marks
    assert event.actor == world.office and "2 marked present" in event.message
    # Then the exception: Ada did not come.
    meetings.attendance_set(
        actor=world.office, meeting=meeting, engagement=world.engagement_a, status="absent"
    )
    assert meetings.attendance_mark_all(actor=world.office, meeting=meeting) == 0
    assert statuses(meeting)["Ada Canary"] == "absent"


def test_mark_all_is_for_the_office_and_needs_a_real_status(world, meeting):
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        meetings.attendance_mark_all(actor=world.crew_a, meeting=meeting)
    with pytest.raises(ValidationError, match="status"):
        meetings.attendance_mark_all(actor=world.office, meeting=meeting, status="invited")
    assert set(Attendance.objects.values_list("status", flat=True)) == {"invited"}
    assert AuditEvent.objects.count() == events


def test_page_marks_all_then_groups_attendance_by_department(world, office, code, meeting):
    url = reverse("web:meeting", args=[code, meeting.public_id])
    html = office.get(url).content.decode()
    assert "3 not marked yet" in html and 'id="mark-all"' in html
    headings = re.findall(r'class="h6[^"]*attendance-department"[^>]*>([^<]+)<', html)
    assert [h.strip() for h in headings] == ["Camera", "Lighting and Grip"]
    response = office.post(
        reverse("web:meeting_attendance_all", args=[code, meeting.public_id]),
        {"status": "present"},
        follow=True,
    )
    assert "3 marked present." in response.content.decode()
    assert set(statuses(meeting).values()) == {"present"}
    assert 'id="mark-all"' not in office.get(url).content.decode()


def test_crew_cannot_mark_all(world, client_for, code, meeting):
    url = reverse("web:meeting_attendance_all", args=[code, meeting.public_id])
    response = client_for(world.crew_a).post(url, {"status": "present"})
    assert response.status_code in (403, 404)
    assert set(statuses(meeting).values()) == {"invited"}


def test_api_marks_all_through_the_same_service(world, api_for, meeting):
    url = f"/api/v1/meetings/{meeting.public_id}/attendance/mark-all/"
    refused = api_for(world.crew_a).post(url, {})
    assert refused.status_code in (403, 404)
    assert set(statuses(meeting).values()) == {"invited"}
    response = api_for(world.office).post(url, {})
    assert response.status_code == 200 and response.json() == {"marked": 3}
    assert set(statuses(meeting).values()) == {"present"}
    bad = api_for(world.office).post(url, {"status": "invited"})
    assert bad.status_code == 400 and "status" in bad.json()["error"]["fields"]


def test_minutes_give_the_meeting_time_in_the_production_zone_with_its_abbreviation(world):
    import datetime

    from prodoffice.productions.minutes import minutes_context

    world.production.time_zone = "Europe/Paris"
    world.production.save(update_fields=["time_zone"])
    meeting = meetings.meeting_create(
        actor=world.office,
        production=world.production,
        title="Tech scout",
        starts_at=datetime.datetime(2027, 7, 1, 8, 0, tzinfo=datetime.UTC),
    )
    assert minutes_context(meeting)["when"] == "Thu 1 Jul 2027, 10:00 CEST"
