"""The History tab: every object page shows its audit events to the office, and only to them."""

from __future__ import annotations

import pytest

from prodoffice.people import services as people_services
from prodoffice.productions.services import meetings

pytestmark = pytest.mark.django_db


def test_company_page_shows_its_history_to_the_office(world, client_for):
    company = people_services.company_create(
        actor=world.office, production=world.production, name="Meridian", kind="agency"
    )
    people_services.company_update(actor=world.office, company=company, email="desk@meridian.test")
    url = f"/p/NIGHTJAR/companies/{company.public_id}/"
    office = client_for(world.office).get(url).content.decode()
    assert 'id="history"' in office and 'data-action="company.update"' in office
    # In words, with the field's label and the new value, never the action code as text.
    assert "office set Meridian&#x27;s email to desk@meridian.test." in office
    assert ">company.update" not in office
    crew = client_for(world.crew_a).get(url).content.decode()
    assert "company.update" not in crew and "desk@meridian.test." not in crew
    # Another production's office sees neither the company nor its history (S-03).
    assert (
        client_for(world.other_office).get(f"/p/OTHER/companies/{company.public_id}/").status_code
        == 404
    )


def test_meeting_page_shows_its_history_to_the_office(world, client_for):
    meeting = meetings.meeting_create(
        actor=world.office, production=world.production, title="Tech scout"
    )
    meetings.decision_add(actor=world.office, meeting=meeting, text="Rig the stage on day 2")
    url = f"/p/NIGHTJAR/meetings/{meeting.public_id}/"
    office = client_for(world.office).get(url).content.decode()
    assert 'data-action="meeting.decision_add"' in office
    assert "office recorded a decision in Tech scout: Rig the stage on day 2." in office
    head = client_for(world.head).get(url).content.decode()
    assert "meeting.decision_add" not in head and "recorded a decision" not in head
