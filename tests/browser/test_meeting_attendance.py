"""Meeting attendance in the browser: everyone marked present in one click, then the exceptions,
under a heading per department."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.data import CREW
from tests.browser.helpers import BROWSER, unlabelled_controls

pytestmark = BROWSER


def test_mark_all_present_then_the_exception(signed_in, lantern):
    page = signed_in
    kickoff = lantern.kickoff
    page.goto(f"/p/{lantern.production.code}/meetings/{kickoff.public_id}/")
    attendance = page.locator("#attendance")
    confirmed = sum(1 for r in CREW if r[3] == "confirmed")
    expect(attendance).to_contain_text(f"{confirmed} invited, {confirmed} not marked yet")
    headings = attendance.locator(".attendance-department")
    expect(headings.first).to_contain_text("Production")
    expect(headings.filter(has_text="Camera")).to_have_count(1)
    expect(headings.filter(has_text=re.compile(r"^\s*Cast \("))).to_have_count(1)
    assert unlabelled_controls(page) == []

    page.get_by_role("button", name="Mark all present").click()
    expect(page.locator(".alert-success")).to_contain_text(f"{confirmed} marked present.")
    present = attendance.get_by_role("button", name="Present", exact=True)
    expect(attendance.locator('button[aria-pressed="true"]', has_text="Present")).to_have_count(
        confirmed
    )
    expect(page.get_by_role("button", name="Mark all present")).to_have_count(0)

    gaffer = lantern.engagements["Gaffer"]
    row = attendance.locator(f'li[data-engagement="{gaffer.public_id}"]')
    row.get_by_role("button", name="Absent").click()
    row = page.locator(f'#attendance li[data-engagement="{gaffer.public_id}"]')
    expect(row.get_by_role("button", name="Absent")).to_have_attribute("aria-pressed", "true")
    expect(present).to_have_count(confirmed)
    pressed_present = page.locator('#attendance button[aria-pressed="true"]', has_text="Present")
    expect(pressed_present).to_have_count(confirmed - 1)
