"""The main pages render cleanly: dashboard, org chart, meetings, person and engagement pages."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.data import CREW
from tests.browser.helpers import BROWSER, shoot, unlabelled_controls

pytestmark = BROWSER


def _nav(page, name: str):
    return page.get_by_role("navigation", name="Main navigation").get_by_role("link", name=name)


def test_dashboard_shows_phase_headcount_unconfirmed_and_warnings(signed_in, lantern):
    page = signed_in
    expect(page.get_by_role("heading", level=1)).to_contain_text(lantern.production.title)
    expect(page.locator("#headcount-chart")).to_be_visible()
    unconfirmed = [f"{r[0]} {r[1]}" for r in CREW if r[3] != "confirmed"]
    for name in unconfirmed:
        expect(page.locator("#unconfirmed")).to_contain_text(name)
    # Grace Kim, a gaffer with 3 years, is under the key position's minimum.
    expect(page.locator("#warnings")).to_contain_text("Grace Kim")
    shoot(page, "dashboard")


def test_org_chart_draws_the_reporting_lines(signed_in, lantern):
    page = signed_in
    _nav(page, "Org chart").click()
    chart = page.locator("#org-chart")
    expect(chart).to_be_visible()
    expect(chart.locator(".org-box")).to_have_count(len(CREW))
    producer = lantern.engagements["Producer"]
    manager = lantern.engagements["Production Manager"]
    root = chart.locator(f'li[data-engagement="{producer.public_id}"]')
    expect(root.locator(f'li[data-engagement="{manager.public_id}"]')).to_have_count(1)
    assistant = chart.locator(f'li[data-reports-to="{manager.public_id}"]')
    expect(assistant.filter(has_text="Production Assistant")).to_have_count(1)
    shoot(page, "org_chart")


def test_meetings_list_and_the_kickoff_page(signed_in, lantern):
    page = signed_in
    _nav(page, "Meetings").click()
    page.get_by_role("link", name=lantern.kickoff.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lantern.kickoff.title)
    for item in ("Schedule and key dates", "Locations and permits", "Safety and insurance"):
        expect(page.locator("#agenda")).to_contain_text(item)
    expect(page.locator("#actions")).to_contain_text("Circulate the one-line schedule")
    confirmed = sum(1 for r in CREW if r[3] == "confirmed")
    expect(page.locator("#attendance")).to_contain_text(f"{confirmed} invited")
    assert unlabelled_controls(page) == []
    shoot(page, "meeting")


def test_person_page_from_the_engagement(signed_in, lantern):
    page = signed_in
    gaffer = lantern.engagements["Gaffer"]
    page.goto(f"/p/{lantern.production.code}/crew/{gaffer.public_id}/")
    expect(page.locator("#experience-warning")).to_contain_text("key position")
    page.goto(f"/p/{lantern.production.code}/people/{gaffer.person.public_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Grace Kim"))
    expect(page.locator("#private-details")).to_be_visible()
    shoot(page, "person")
