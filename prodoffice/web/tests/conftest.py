"""Fixtures for the web tests: a kickoff meeting with content, URLs of the persona production."""

from __future__ import annotations

import pytest

from prodoffice.productions import meetings
from prodoffice.productions.models import Meeting


@pytest.fixture
def meeting(world) -> Meeting:
    """A production meeting with an agenda point, a decision, an action item and an attendee."""
    m = meetings.meeting_create(
        actor=None, production=world.production, title="Production meeting 1", location="Office"
    )
    meetings.agenda_item_add(actor=None, meeting=m, title="Locations recce")
    meetings.decision_add(actor=None, meeting=m, text="Shoot the night exteriors first.")
    meetings.action_item_add(
        actor=None, meeting=m, text="Book the condor", assignee=world.engagement_b
    )
    meetings.attendance_set(actor=None, meeting=m, engagement=world.engagement_a, status="invited")
    return m


@pytest.fixture
def office(world, client_for):
    """A web client signed in as the production's coordinator."""
    return client_for(world.office)


@pytest.fixture
def code(world) -> str:
    """The persona production's code."""
    return world.production.code
