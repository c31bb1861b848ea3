"""The dashboard tells each role the truth: crew and cast see their own engagement, contracts to
sign and next work days; nothing hidden from them reads as "0 total" or "everyone is confirmed"."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from prodoffice.contracts.tests.helpers import sent
from prodoffice.scheduling.models import Element
from prodoffice.scheduling.selectors.work_days import next_work_days
from prodoffice.scheduling.tests.test_dood_selector import build_schedule, day

pytestmark = pytest.mark.django_db


def page(client_for, user, code) -> str:
    response = client_for(user).get(reverse("web:dashboard", args=[code]))
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}">(.*?)</ul>', html, re.S)
    assert found, element_id
    return found.group(1)


def test_crew_sees_their_engagement_and_nothing_hidden_reads_as_empty(world, client_for, code):
    html = page(client_for, world.crew_a, code)
    mine = section(html, "my-engagement")
    assert "Grip" in mine and world.engagement_a.get_status_display() in mine
    assert "Bystander" not in html  # crew B's engagement stays hidden
    assert "total" not in html and "Everyone on the list is confirmed" not in html
    assert 'id="headcount-chart"' not in html and 'id="unconfirmed"' not in html
    assert "No contract is waiting for your signature." in html
    assert "No work days on the schedule for you yet." in html


def test_the_office_still_sees_the_whole_production(world, client_for, code):
    html = page(client_for, world.office, code)
    assert "Confirmed headcount by department" in html and 'id="unconfirmed"' in html


def test_crew_sees_the_contract_waiting_for_their_signature(world, client_for, code):
    contract = sent(world)
    html = page(client_for, world.crew_a, code)
    mine = section(html, "my-contracts")
    assert contract.title in mine
    assert reverse("web:contract_sign", args=[code, contract.public_id]) in mine
    assert contract.title not in page(client_for, world.crew_b, code)


def test_cast_sees_their_next_work_days_from_the_working_board(world, client_for, code):
    build_schedule(world.production)
    Element.objects.filter(production=world.production, name="ANN").update(
        engagement=world.engagement_a
    )
    html = page(client_for, world.crew_a, code)
    days = section(html, "my-days")
    assert "Day 1" in days and "SW" in days and "Day 3" in days and "WF" in days
    assert "Hold: on call" in days  # day 2
    days_b = section(page(client_for, world.crew_b, code), "my-days")
    assert days_b.count("Day ") == 3  # crew: every shoot day of their engagement


def test_next_work_days_start_today(world):
    build_schedule(world.production)
    Element.objects.filter(production=world.production, name="ANN").update(
        engagement=world.engagement_a
    )
    rows = next_work_days(production=world.production, person=world.person_a, today=day(1))
    assert [(r.number, r.date, r.code) for r in rows] == [(2, day(1), "H"), (3, day(3), "WF")]
    later = day(3) + datetime.timedelta(days=1)
    assert next_work_days(production=world.production, person=world.person_a, today=later) == []
