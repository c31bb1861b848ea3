"""The printed crew list for distribution: read back from its PDF with pypdf."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from prodoffice.productions.models import Engagement
from tests.support.factories import EngagementFactory, position

pytestmark = pytest.mark.django_db


def _pdf(client, code, query="") -> tuple[str, PdfReader]:
    response = client.get(reverse("web:crew_print", args=[code]) + f"?format=pdf&{query}")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(p.extract_text(extraction_mode="layout") for p in reader.pages)
    return text, reader


@pytest.fixture
def sheet(world):
    """Ada holds two confirmed positions; Bo is only offered; Ada has a phone."""
    Engagement.objects.filter(pk=world.engagement_b.pk).update(status="offered")
    EngagementFactory(
        production=world.production, person=world.engagement_a.person, position=position("Key Grip")
    )
    person = world.engagement_a.person
    person.phone = "+12135550177"
    person.save()
    return world


def test_the_pdf_lists_confirmed_people_one_line_each_landscape_without_rates(sheet, office, code):
    text, reader = _pdf(office, code)
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape
    assert "Bo Bystander" not in text  # offered, not confirmed
    ada = [line for line in text.splitlines() if "Ada Canary" in line]
    assert len(ada) == 1 and ("Key Grip; Grip" in ada[0] or "Grip; Key Grip" in ada[0])
    assert sheet.engagement_a.person.email in ada[0] and "555" in ada[0]
    assert "987" not in text and "Rate" not in text


def test_other_statuses_and_rates_when_the_office_ticks_them(sheet, office, client_for, code):
    text, _ = _pdf(office, code, "status=confirmed&status=offered&rates=1")
    assert "Bo Bystander" in text
    assert "987,654.32" in text or "987654.32" in text
    text, _ = _pdf(office, code, "all_statuses=1")
    assert "Bo Bystander" in text and "987" not in text
    # Only the office may include rates: a crew member's "rates=1" prints none.
    text, _ = _pdf(client_for(sheet.crew_a), code, "rates=1")
    assert "987" not in text


@pytest.mark.parametrize(
    ("rule", "email_shown", "phone_shown"),
    [("all", True, True), ("email", True, False), ("phone", False, True), ("none", False, False)],
)
def test_contacts_follow_the_productions_privacy_rule(
    sheet, office, code, rule, email_shown, phone_shown
):
    sheet.production.crew_list_contacts = rule
    sheet.production.save()
    text, _ = _pdf(office, code)
    assert (sheet.engagement_a.person.email in text) is email_shown
    assert ("555" in text) is phone_shown


def test_the_html_print_view_stays_and_offers_the_pdf(sheet, office, code):
    html = office.get(reverse("web:crew_print", args=[code])).content.decode()
    assert "Ada Canary" in html and "Bo Bystander" not in html
    assert 'id="crew-pdf"' in html and 'id="include-rates"' in html and "987" not in html
    html = office.get(reverse("web:crew_print", args=[code]) + "?rates=1").content.decode()
    assert "987" in html


def test_the_rule_is_set_on_the_productions_settings(world, office, code):
    from prodoffice.productions.services.productions import production_update

    html = office.get(reverse("web:production_edit", args=[code])).content.decode()
    assert 'name="crew_list_contacts"' in html
    production_update(actor=world.office, production=world.production, crew_list_contacts="email")
    world.production.refresh_from_db()
    assert world.production.get_crew_list_contacts_display() == "E-mail only"
