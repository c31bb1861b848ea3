"""Sides: a performer's scenes of the day from the script, from their personal link and their
My schedule; none (said so) without a script; nobody else's sides."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from prodoffice.callsheets.selectors.sides import NO_SCRIPT, sides_for
from prodoffice.callsheets.services import distribution, sheets
from prodoffice.callsheets.tests.factories import DAY1, call_day
from prodoffice.scheduling.models import Scene, Script
from tests.support.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"/callsheet/([A-Za-z0-9_-]+)/")


@pytest.fixture
def published(world):
    board = call_day(world)
    for scene in Scene.objects.filter(script__production=world.production):
        scene.heading = f"INT. SET {scene.number} - DAY"
        scene.text = f"Words of scene {scene.number}.\nANN\nA line for scene {scene.number}."
        scene.script_page = int(scene.number) + 10
        scene.save()
    manager = UserFactory(username="upm")
    MembershipFactory(user=manager, production=world.production, role="production_manager")
    sheet = sheets.callsheet_draft(
        actor=world.office, production=world.production, day=DAY1, board=board
    )
    return sheets.callsheet_publish(actor=manager, sheet=sheet, override_reason="Filing.")


def text_of(data: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_a_performers_sides_hold_their_scenes_of_the_day_only(world, published):
    ann = world.production.engagements.get(character="Ann")
    ben = world.production.engagements.get(character="Ben")
    assert [s["number"] for s in sides_for(published, str(ann.public_id)).scenes] == ["1", "2"]
    assert [s["number"] for s in sides_for(published, str(ben.public_id)).scenes] == ["2"]
    assert sides_for(published, str(world.engagement_a.public_id)) is None  # crew: no sides


def test_the_personal_link_offers_the_sides_pdf(world, published):
    distribution.callsheet_send(actor=world.office, sheet=published)
    ann = world.production.engagements.get(character="Ann").person
    url = LINK.search(next(m for m in mail.outbox if m.to == [ann.email]).body).group(0)
    page = Client().get(url).content.decode()
    assert 'id="sides"' in page and "scenes 1, 2" in page
    pdf = Client().get(url + "sides.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = text_of(pdf.content)
    assert "Words of scene 1." in text and "A line for scene 2." in text
    assert "Script page 11" in text and "scene 3" not in text
    crew = world.engagement_b.person
    crew_url = LINK.search(next(m for m in mail.outbox if m.to == [crew.email]).body).group(0)
    assert Client().get(crew_url + "sides.pdf").status_code == 404


def test_my_schedule_links_the_sides_and_says_when_there_is_no_script(world, published):
    ann = world.production.engagements.get(character="Ann")
    user = UserFactory(username="ann")
    ann.person.user = user
    ann.person.save()
    MembershipFactory(user=user, production=world.production, role="crew")
    client = Client()
    client.force_login(user)
    page = client.get(reverse("web:my_schedule", args=["NIGHTJAR"])).content.decode()
    url = reverse("web:my_sides", args=["NIGHTJAR", published.public_id])
    assert url in page
    assert "Words of scene 2." in text_of(client.get(url).content)
    other = Client()
    other.force_login(world.crew_a)  # crew, not cast: no sides of anyone
    assert other.get(url).status_code == 404
    Script.objects.filter(production=world.production).update(is_current=False)
    page = client.get(reverse("web:my_schedule", args=["NIGHTJAR"])).content.decode()
    assert NO_SCRIPT in page and url not in page
    assert client.get(url).status_code == 404
    assert sides_for(published, str(ann.public_id)).reason == NO_SCRIPT
