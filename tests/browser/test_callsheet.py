"""Call sheets: the coordinator drafts and publishes a day, sends it; a crew member opens their
personal link without signing in and confirms; the confirmation board shows it."""

from __future__ import annotations

import re
from decimal import Decimal

from django.core import mail
from playwright.sync_api import expect

from prodoffice.callsheets.tests.factories import map_location
from prodoffice.locations.tests.factories import DocumentFactory
from prodoffice.scheduling.services.calendar import calendar_set
from prodoffice.scheduling.tests.test_dood_selector import (
    MONDAY,
    board_with_days,
    make_scenes,
    make_script,
)
from tests.browser.helpers import BROWSER, shoot, unlabelled_controls

pytestmark = BROWSER
SENDING_MS = 90_000


def _one_day(production) -> None:
    """A working board with one shoot day of two scenes, both sets at a located stage with its
    paperwork in order."""
    make_scenes(make_script(production), 2)
    calendar_set(actor=None, production=production, start_date=MONDAY, working_weekdays=range(5))
    board_with_days(production, [2])
    for n in (1, 2):
        pier = map_location(
            production, f"SET {n}", f"Pier {n}", latitude=Decimal("33.740000"), kind="stage"
        )
        # The paperwork a stage needs (an agreement and insurance), so the gate has nothing to say.
        for kind in ("location_agreement", "coi"):
            DocumentFactory(production=production, location=pier, kind=kind)


def test_publish_send_confirm_by_link_and_see_it_on_the_board(signed_in, lantern, browser):
    page = signed_in
    _one_day(lantern.production)
    nav = page.get_by_role("navigation", name="Main navigation")
    nav.get_by_role("link", name="Call sheets").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Call sheets")
    page.get_by_label("Shoot day").fill(MONDAY.isoformat())
    page.get_by_role("button", name="Draft").click()
    expect(page.locator("#sheet-status")).to_contain_text("v1 Draft")
    expect(page.locator("#warnings")).to_have_count(0)
    page.locator("#publish").click()
    expect(page.locator("#sheet-status")).to_contain_text("v1 Published")
    assert unlabelled_controls(page) == []
    shoot(page, "call_sheet")
    # Tests run tasks inline: the slips are laid out and mailed inside this request.
    page.locator("#send-sheet").click(timeout=SENDING_MS)
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Confirmations", timeout=SENDING_MS
    )
    message = mail.outbox[0]
    link = re.search(r"https?://[^/]+(/callsheet/[A-Za-z0-9_-]+/)", message.body).group(1)
    stranger = browser.new_context(base_url=page.url.split("/p/")[0])
    personal = stranger.new_page()
    personal.goto(link)
    expect(personal.get_by_role("heading", level=1)).to_contain_text("Your call")
    personal.get_by_role("button", name="I confirm my call").click()
    expect(personal.locator("#confirmed")).to_contain_text("Confirmed")
    stranger.close()
    page.reload()
    expect(page.locator('#confirmation-board tr[data-state="confirmed"]')).to_have_count(1)
    shoot(page, "call_sheet_confirmations")
