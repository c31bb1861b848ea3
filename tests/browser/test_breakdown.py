"""The breakdown sheet in a browser: from the scenes table, accept a suggestion, create an
element inline (HTMX), and the elements page with its category filter."""

from __future__ import annotations

from playwright.sync_api import expect

from prodoffice.scheduling.services.script import script_import
from prodoffice.scheduling.tests.scripts_for_tests import BREAKDOWN_DRAFT
from tests.browser.helpers import BROWSER, shoot, unlabelled_controls

pytestmark = BROWSER


def _import(lantern) -> None:
    script_import(
        actor=None,
        production=lantern.production,
        filename="storm.fountain",
        data=BREAKDOWN_DRAFT.encode(),
    )


def test_breakdown_sheet_accept_suggestion_and_create_element(signed_in, lantern):
    _import(lantern)
    page = signed_in
    page.goto(f"/p/{lantern.production.code}/script/")
    page.get_by_role("link", name="Breakdown of scene 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Scene 1")
    expect(page.locator("#scene-text")).to_contain_text("Ann lights a CANDLE")
    candle = page.locator('.suggestion[data-key="104:candle"]')
    expect(candle).to_be_visible()
    candle.get_by_role("button", name="Accept").click()
    props = page.locator('.breakdown-box[data-ucid="104"]')
    expect(props).to_contain_text("Candle")
    expect(page.locator('.suggestion[data-key="104:candle"]')).to_have_count(0)
    rain = page.locator('.suggestion[data-key="105:rain"]')
    rain.get_by_role("button", name="Dismiss").click()
    expect(page.locator('.suggestion[data-key="105:rain"]')).to_have_count(0)
    expect(page.locator('.breakdown-box[data-ucid="105"]')).not_to_contain_text("Rain")
    page.get_by_label("Create a new element").fill("Kitchen table")
    page.get_by_label("Category of the new element").select_option(label="Set Dressing (114)")
    page.get_by_role("button", name="Create & add").click()
    expect(page.locator('.breakdown-box[data-ucid="114"]')).to_contain_text("Kitchen table")
    assert unlabelled_controls(page) == []
    page.evaluate("() => window.scrollTo(0, 0)")
    shoot(page, "breakdown_sheet")


def test_elements_page_filters_by_category(signed_in, lantern):
    _import(lantern)
    page = signed_in
    page.goto(f"/p/{lantern.production.code}/breakdown/elements/")
    expect(page.locator("#elements-table tbody tr")).to_have_count(3)
    page.get_by_label("Category").select_option(label="Props")
    expect(page.locator("#no-elements")).to_contain_text("No element matches")
    assert unlabelled_controls(page) == []
    page.goto(f"/p/{lantern.production.code}/breakdown/cast/")
    expect(page.locator("#cast-review-table")).to_contain_text("ROBERT")
    assert unlabelled_controls(page) == []
    shoot(page, "cast_review")
