"""Signing in: the password form, its error, and a keyboard-only sign-in."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.data import PASSWORD
from tests.browser.helpers import BROWSER, SIGN_IN, login, shoot

pytestmark = BROWSER


def test_wrong_password_is_refused_then_the_right_one_opens_the_dashboard(page, lantern):
    page.goto("/accounts/login/")
    expect(page.get_by_label("Username")).to_be_visible()
    expect(page.get_by_label("Password")).to_be_visible()
    shoot(page, "login")
    login(page, lantern.coordinator.username, "not-the-password")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("alert").first).to_contain_text(re.compile("password", re.I))
    expect(page.get_by_label("Username")).to_have_value(lantern.coordinator.username)
    login(page, lantern.coordinator.username, PASSWORD)
    expect(page).to_have_url(re.compile(rf"/p/{lantern.production.code}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(lantern.production.title)


def test_sign_in_and_skip_to_content_with_the_keyboard_only(page, lantern):
    page.goto("/accounts/login/")
    _tab_to(page, "Username")
    page.keyboard.type(lantern.coordinator.username)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name=SIGN_IN)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/p/{lantern.production.code}/"))
    # First stop on every page: the skip link, straight to the content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()


def _tab_to(page, label: str, limit: int = 10) -> None:
    """Press Tab until the labelled field has focus (a skip link may come first)."""
    field = page.get_by_label(label)
    for _ in range(limit):
        if field.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    expect(field).to_be_focused()
