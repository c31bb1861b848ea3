"""The org chart fits the screen: departments collapsed to their heads, expandable, a zoom, and
a print layout of one page per department."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.data import CREW
from tests.browser.helpers import BROWSER

pytestmark = BROWSER


def test_org_chart_collapses_departments_to_their_heads(signed_in, lantern):
    page = signed_in
    page.goto(f"/p/{lantern.production.code}/org-chart/")
    chart = page.locator("#org-chart")
    producer = lantern.engagements["Producer"]
    manager = lantern.engagements["Production Manager"]
    dp = lantern.engagements["Director of Photography"]
    operator = lantern.engagements["Camera Operator"]
    gaffer = lantern.engagements["Gaffer"]
    # Collapsed: heads are visible (the gaffer heads lighting under the DP), their teams are not.
    for head in (producer, dp, gaffer):
        expect(chart.locator(f'li[data-engagement="{head.public_id}"] > .org-box')).to_be_visible()
    expect(chart.locator(f'li[data-engagement="{operator.public_id}"]')).to_be_hidden()
    expect(chart.locator(f'li[data-engagement="{manager.public_id}"]')).to_be_hidden()
    # The whole chart fits the width of the screen.
    fits = page.evaluate(
        "() => { const c = document.getElementById('org-chart');"
        " const r = c.querySelector('.org-root').getBoundingClientRect();"
        " return r.width <= c.clientWidth + 1; }"
    )
    assert fits

    toggle = chart.locator(f'[data-org-toggle="{dp.public_id}"]')
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_contain_text("more in Camera")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(chart.locator(f'li[data-engagement="{operator.public_id}"]')).to_be_visible()
    expect(chart.locator(f'li[data-engagement="{manager.public_id}"]')).to_be_hidden()

    page.get_by_role("button", name="Expand all").click()
    expect(chart.locator(f'li[data-engagement="{manager.public_id}"]')).to_be_visible()
    expect(chart.locator(".org-box:visible")).to_have_count(len(CREW))
    page.get_by_role("button", name="Collapse all").click()
    expect(chart.locator(f'li[data-engagement="{operator.public_id}"]')).to_be_hidden()

    level = page.locator("#org-zoom-level")
    before = int(level.inner_text().rstrip("%"))
    page.get_by_role("button", name="Zoom in").click()
    expect(level).to_have_text(f"{min(200, before + 10)}%")
    page.get_by_role("button", name="Zoom out").click()
    page.get_by_role("button", name="Zoom out").click()
    expect(level).to_have_text(f"{max(30, before - 10)}%")


def test_org_chart_prints_one_page_per_department(signed_in, lantern):
    page = signed_in
    page.goto(f"/p/{lantern.production.code}/org-chart/")
    expect(page.locator("#org-print")).to_be_hidden()
    page.emulate_media(media="print")
    expect(page.locator("#org-chart")).to_be_hidden()
    sections = page.locator("#org-print .org-print-dept")
    expect(sections.first).to_be_visible()
    departments = {e.position.department.name for e in lantern.engagements.values()}
    expect(sections).to_have_count(len(departments))
    breaks = sections.evaluate_all("els => els.map(e => getComputedStyle(e).breakAfter)")
    assert breaks[:-1] == ["page"] * (len(breaks) - 1) and breaks[-1] == "auto"
    camera = sections.filter(has=page.get_by_role("heading", name=re.compile(r"Camera$")))
    expect(camera).to_contain_text("Rafael Costa")
    expect(camera).to_contain_text("Nadia Haddad")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
