"""My schedule (page and API), the person's calendar feed carrying published calls, the alarm."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from prodoffice.callsheets.selectors.sheets import day_rows
from prodoffice.callsheets.services import sheets
from prodoffice.callsheets.tests.factories import DAY1, call_day
from prodoffice.scheduling.ical import person_calendar
from tests.support.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world):
    board = call_day(world)
    manager = UserFactory(username="upm")
    MembershipFactory(user=manager, production=world.production, role="production_manager")
    sheet = sheets.callsheet_draft(
        actor=world.office, production=world.production, day=DAY1, board=board
    )
    return sheets.callsheet_publish(actor=manager, sheet=sheet, override_reason="Filing.")


def test_my_schedule_shows_my_published_call_and_not_the_full_sheet(world, published):
    client = Client()
    client.force_login(world.crew_a)
    page = client.get(reverse("web:my_schedule", args=["NIGHTJAR"]))
    assert page.status_code == 200 and b"06:00" in page.content and b"Stage 1" in page.content
    full = client.get(reverse("web:callsheet", args=["NIGHTJAR", published.public_id]))
    assert full.status_code == 403


def test_the_api_gives_the_same_days(world, published):
    api = APIClient()
    api.force_authenticate(world.crew_a)
    rows = api.get("/api/v1/my-schedule/?production=NIGHTJAR").json()
    first = rows[0]
    assert (first["date"], first["call"], first["version"]) == ("2027-03-01", "06:00", 1)
    assert first["locations"] == ["Stage 1", "Stage 2"] and first["production"] == "NIGHTJAR"


def test_the_calendar_feed_carries_the_published_call(world, published):
    ics = person_calendar(world.production, world.engagement_a.person).to_ical().decode()
    assert "Call 06:00 - NIGHTJAR day 1 (v1)" in ics
    assert "DTSTART;TZID=America/Los_Angeles:20270301T060000" in ics


def test_the_alarm_rings_when_not_published_hours_before_general_call(world):
    call_day(world)
    before = datetime.datetime(2027, 3, 1, 14, 0, tzinfo=datetime.UTC)  # 06:00 in Los Angeles
    rows = day_rows(world.production, now=before)
    assert rows[0].alarm and not rows[1].alarm
