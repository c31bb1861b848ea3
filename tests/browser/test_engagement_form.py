"""Adding someone to the crew: errors next to their fields, then the fixed form saves."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.helpers import BROWSER, shoot, unlabelled_controls
from tests.support.factories import position

pytestmark = BROWSER

SETTLED = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"


def _validated(page, action) -> None:
    """Run a change that triggers the form's inline validation and wait for its swap."""
    with page.expect_response(re.compile(r"/validate/")):
        action()
    page.wait_for_function(SETTLED)


def _fill_terms(page, *, end: str, currency: str) -> None:
    _validated(page, lambda: page.locator("#id_start_date").fill("2027-03-01"))
    _validated(page, lambda: page.locator("#id_end_date").fill(end))
    page.locator("#id_rate").fill("640.00")
    _validated(page, lambda: page.locator("#id_rate_unit").select_option("day"))
    page.locator("#id_currency").fill(currency)


def _field_error(page, name: str):
    return page.locator(f"#div_id_{name} .invalid-feedback")


def test_engagement_with_errors_is_refused_next_to_the_fields_then_saved(signed_in, lantern):
    page = signed_in
    code = lantern.production.code
    art_director = position("Art Director")
    page.goto(f"/p/{code}/crew/")
    page.locator("#add-engagement").click()
    expect(page).to_have_url(re.compile(r"/crew/new/$"))
    assert unlabelled_controls(page) == []
    _validated(page, lambda: page.get_by_label("Person").select_option(str(lantern.newcomer.pk)))
    _validated(page, lambda: page.get_by_label("Position").select_option(str(art_director.pk)))
    _fill_terms(page, end="2027-02-01", currency="")
    page.locator("#engagement-submit").click()

    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#id_end_date")).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(_field_error(page, "end_date")).to_contain_text(re.compile("start date", re.I))
    expect(page.locator("#id_currency")).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(_field_error(page, "currency")).to_contain_text(re.compile("currency", re.I))
    expect(page.get_by_label("Person")).to_have_value(str(lantern.newcomer.pk))
    shoot(page, "engagement_form_error")

    _validated(page, lambda: page.locator("#id_end_date").fill("2027-04-16"))
    page.locator("#id_currency").fill("USD")
    page.locator("#engagement-submit").click()
    expect(page).to_have_url(re.compile(rf"/p/{code}/crew/[0-9a-f-]{{36}}/$"))
    expect(page.locator("#messages")).to_contain_text("added to the crew list")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ruth Abebe")

    page.goto(f"/p/{code}/crew/?q=Abebe")
    row = page.locator("#crew-table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Art Director")


def test_typing_during_inline_validation_is_not_lost(signed_in, lantern):
    """A change starts a check; typing while it travels must survive the answer."""
    page = signed_in
    page.goto(f"/p/{lantern.production.code}/crew/new/")
    words = "Harbour master's daughter"
    with page.expect_response(re.compile(r"/validate/")):
        page.get_by_label("Position").select_option(str(position("Supporting Actor").pk))
        page.locator("#id_character").click()
        page.keyboard.type(words, delay=60)
    page.wait_for_function(SETTLED)
    expect(page.locator("#id_character")).to_have_value(words)
