"""Paperwork in the browser: the coordinator uploads a permit, the production manager approves
it, the readiness board turns the location's day from amber to green (screenshot for the docs)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from prodoffice.locations.tests.factories import (
    DocumentFactory,
    LocationDayFactory,
    LocationFactory,
)
from prodoffice.productions.services.memberships import membership_set
from tests.browser.helpers import BROWSER, login, shoot, unlabelled_controls
from tests.support.factories import PASSWORD, UserFactory

pytestmark = BROWSER


def _paperwork(production):
    """A practical location used in ten days, its agreement and certificate approved, and its
    film permit applied for (depending on the certificate)."""
    mill = LocationFactory(production=production, name="Pendeen Lighthouse")
    LocationDayFactory(location=mill, date=timezone.localdate() + datetime.timedelta(days=10))
    DocumentFactory(production=production, location=mill, title="Lighthouse agreement")
    coi = DocumentFactory(production=production, location=mill, kind="coi", title="Liability COI")
    permit = DocumentFactory(
        production=production,
        location=mill,
        kind="film_permit",
        status="applied",
        title="Lighthouse film permit",
        activities=["filming"],
    )
    permit.depends_on.add(coi)
    return permit


def test_upload_a_permit_approve_it_and_the_board_turns_green(signed_in, lantern, tmp_path):
    production = lantern.production
    permit = _paperwork(production)
    manager = UserFactory(username="pm", first_name="Priya", last_name="Menon")
    membership_set(actor=None, production=production, user=manager, role="production_manager")
    page = signed_in
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Readiness"
    ).click()
    expect(page.locator("#readiness-board [data-status]")).to_have_attribute(
        "data-status", "at_risk"
    )
    page.goto(f"/p/{production.code}/paperwork/{permit.public_id}/")
    pdf = tmp_path / "permit.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.get_by_label("File").set_input_files(str(pdf))
    page.get_by_role("button", name="Upload").click()
    expect(page.locator("#document-files")).to_contain_text("v1 permit.pdf")
    expect(page.get_by_role("button", name="Approve")).to_have_count(0)  # not the manager
    assert unlabelled_controls(page) == []
    page.context.clear_cookies()
    login(page, manager.username, PASSWORD)
    page.goto(f"/p/{production.code}/paperwork/{permit.public_id}/")
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("#document-approval")).to_contain_text("by Priya Menon")
    page.goto(f"/p/{production.code}/readiness/")
    expect(page.locator("#readiness-board [data-status]")).to_have_attribute("data-status", "ready")
    shoot(page, "readiness")
