"""Meetings pages and actions, minutes PDF, org chart reporting lines, audit filter."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from prodoffice.productions.minutes import minutes_pdf
from prodoffice.productions.models import Meeting
from tests.support.factories import EngagementFactory, PersonFactory, position

pytestmark = pytest.mark.django_db


def test_minutes_pdf_is_a_pdf(world, meeting, office, code):
    response = office.get(reverse("web:meeting_minutes", args=[code, meeting.public_id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert minutes_pdf(meeting).startswith(b"%PDF")


def test_meeting_create_invites_departments(world, office, code):
    lighting = position("Grip").department
    response = office.post(
        reverse("web:meeting_new", args=[code]),
        {
            "title": "Lighting meeting",
            "kind": "department",
            "starts_at": "2026-03-03T09:30",
            "duration_minutes": "45",
            "departments": [lighting.pk],
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Lighting meeting")
    assert meeting.attendances.count() == 2
    html = office.get(response["Location"]).content.decode()
    assert "Tue 3 Mar" in html and "09:30" in html


def test_meeting_actions_agenda_attendance_done_held(world, meeting, office, code):
    base = [code, meeting.public_id]
    office.post(reverse("web:meeting_add", args=[*base, "agenda"]), {"agenda-title": "Budget"})
    office.post(
        reverse("web:meeting_attendance", args=base),
        {"engagement": world.engagement_a.public_id, "status": "present"},
    )
    item = meeting.action_items.get()
    office.post(reverse("web:action_done", args=[*base, item.pk]), {"done": "1"})
    office.post(reverse("web:meeting_status", args=base), {"status": "held"})
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert meeting.agenda_items.filter(title="Budget").exists()
    assert meeting.attendances.get(engagement=world.engagement_a).status == "present"
    assert item.done and meeting.status == "held"


def test_meeting_add_error_is_shown(world, meeting, office, code):
    url = reverse("web:meeting_add", args=[code, meeting.public_id, "decision"])
    assert "This field is required" in office.post(url, {"decision-text": ""}).content.decode()


def test_crew_cannot_change_meetings(world, meeting, client_for, code):
    url = reverse("web:meeting_status", args=[code, meeting.public_id])
    assert client_for(world.crew_a).post(url, {"status": "held"}).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"


def test_org_chart_draws_reporting_lines(world, office, code):
    gaffer = EngagementFactory(
        production=world.production,
        person=PersonFactory(first_name="Gus", last_name="Gaffer"),
        position=position("Gaffer"),
    )
    world.engagement_b.reports_to = gaffer
    world.engagement_b.save()
    html = office.get(reverse("web:org_chart", args=[code])).content.decode()
    line = re.search(
        rf'data-engagement="{world.engagement_b.public_id}" data-reports-to="([0-9a-f-]+)"', html
    )
    assert line and line.group(1) == str(gaffer.public_id)
    # The report's box is nested inside the superior's list item.
    start = html.index(f'data-engagement="{gaffer.public_id}"')
    assert start < html.index(f'data-engagement="{world.engagement_b.public_id}"')
    assert "Gus Gaffer" in html


def test_audit_view_filters_by_action(world, meeting, office, code):
    url = reverse("web:audit", args=[code])
    html = office.get(url, {"action": "meeting.decision_add"}).content.decode()
    assert 'data-action="meeting.decision_add"' in html
    assert 'data-action="meeting.agenda_add"' not in html
    assert "recorded a decision in" in html


def test_org_chart_keeps_every_department_head_in_reach_and_groups_by_department(world):
    """A head reporting to someone inside another department's team hangs under that team's
    head, so collapsing teams never hides a head; print groups people by department."""
    from prodoffice.productions import selectors

    def engage(first: str, title: str, boss=None):
        return EngagementFactory(
            production=world.production,
            person=PersonFactory(first_name=first, last_name="Org"),
            position=position(title),
            reports_to=boss,
            status="confirmed",
        )

    producer = engage("Pat", "Producer")
    manager = engage("Max", "Production Manager", producer)
    dp = engage("Dee", "Director of Photography", manager)  # camera, under a production member
    operator = engage("Opi", "Camera Operator", dp)
    roots = selectors.org_chart(user=world.office, production=world.production)
    top = next(n for n in roots if n.engagement == producer)
    assert top.is_head and top.team_size == 1
    under = {n.engagement: n for n in top.children}
    assert set(under) == {manager, dp}  # the DP is lifted to the production head
    assert not under[manager].is_head and under[manager].head == producer
    assert under[dp].is_head and under[dp].team_size == 1
    assert [n.engagement for n in under[dp].children] == [operator]

    groups = {g.department.slug: g.rows for g in selectors.org_departments(roots)}
    assert groups["production"][:2] == [(0, producer), (1, manager)]
    assert groups["camera"] == [(0, dp), (1, operator)]
