"""The crew list: the table, HTMX filtering and search, and the phone layout."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.data import CREW, PASSWORD
from tests.browser.helpers import (
    BROWSER,
    PHONE,
    login,
    shoot,
    unlabelled_controls,
    watch_console,
)

pytestmark = BROWSER

ROWS = "#crew-table tbody tr"


def _crew_url(lantern) -> str:
    return f"/p/{lantern.production.code}/crew/"


def test_crew_list_shows_everyone_engaged(signed_in, lantern):
    page = signed_in
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Crew & cast"
    ).click()
    expect(page).to_have_url(re.compile(r"/crew/$"))
    expect(page.locator(ROWS)).to_have_count(len(CREW))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Crew & cast")
    expect(page.get_by_role("link", name="Rafael Costa")).to_be_visible()
    assert unlabelled_controls(page) == []
    shoot(page, "crew_list")


def test_filter_by_department_and_search_swap_the_rows(signed_in, lantern):
    page = signed_in
    page.goto(_crew_url(lantern))
    page.get_by_label("Department").select_option("camera")
    expect(page.locator(ROWS)).to_have_count(3)
    expect(page).to_have_url(re.compile(r"department=camera"))
    for name in ("Rafael Costa", "Nadia Haddad", "Owen Price"):
        expect(page.locator(ROWS).filter(has_text=name)).to_have_count(1)
    search = page.get_by_label("Search", exact=True)
    search.fill("Haddad")
    expect(page.locator(ROWS)).to_have_count(1)
    expect(page.locator(ROWS).first).to_contain_text("Camera Operator")
    expect(search).to_be_focused()  # the swap replaces the rows, not the field being typed in
    page.get_by_label("Search", exact=True).fill("Nobody Called This")
    expect(page.locator("#crew-empty")).to_contain_text("Nobody matches these filters")


def test_status_filter_keeps_only_the_unconfirmed(signed_in, lantern):
    page = signed_in
    page.goto(_crew_url(lantern) + "?department=production")
    expect(page.locator(ROWS)).to_have_count(5)
    page.get_by_label("Status").select_option("offered")
    expect(page.locator(ROWS)).to_have_count(1)
    expect(page.locator(ROWS).first).to_contain_text("Leo Brandt")
    expect(page.locator("#crew-count")).to_have_text("(1)")


def test_phone_shows_the_crew_list_with_the_navigation_collapsed(browser, live_server, lantern):
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    watch_console(page, errors)
    try:
        login(page, lantern.coordinator.username, PASSWORD)
        page.goto(_crew_url(lantern))
        # The collapsed navigation is an off-canvas panel (a dialog once open).
        nav = page.locator("#sidenav")
        expect(page.locator(ROWS)).to_have_count(len(CREW))
        expect(nav).to_be_hidden()
        shoot(page, "crew_list_phone")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.get_by_role("button", name="Open navigation").click()
        expect(nav).to_be_visible()
        expect(nav.get_by_role("link", name="Org chart")).to_be_visible()
    finally:
        context.close()
    assert errors == []
