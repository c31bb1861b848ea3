"""Calendar feeds page: the office makes a production feed, copies its address, reads it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.helpers import BROWSER, shoot, unlabelled_controls

pytestmark = BROWSER


def test_office_makes_a_feed_and_copies_its_address(signed_in, lantern):
    page = signed_in
    nav = page.get_by_role("navigation", name="Main navigation")
    nav.get_by_role("link", name="Calendar feeds").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Calendar feeds")
    page.get_by_role("button", name="Production feed").click()
    address = page.locator("#new-feed-url")
    expect(address).to_have_value(re.compile(r"/feeds/[A-Za-z0-9_-]{43}\.ics$"))
    page.locator("#copy-feed-url").click()
    expect(page.locator("#copy-status")).not_to_be_empty()
    expect(page.locator("#feeds-table")).to_contain_text("Production shoot days")
    assert unlabelled_controls(page) == []
    shoot(page, "calendar_feeds")
    response = page.request.get(address.input_value())
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.text().startswith("BEGIN:VCALENDAR")
    page.reload()
    expect(page.locator("#new-feed-url")).to_have_count(0)  # shown once
