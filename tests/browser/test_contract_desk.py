"""The contract desk in a real browser: tick three drafts, bulk send, follow the job to 3/3."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.urls import reverse
from playwright.sync_api import expect

from prodoffice.contracts.models import Contract
from prodoffice.contracts.services import drafting
from prodoffice.productions.models import Engagement
from tests.browser.helpers import BROWSER, shoot, unlabelled_controls

pytestmark = BROWSER

POSITIONS = ("Gaffer", "Key Grip", "Boom Operator")


def _drafts(production) -> list[Contract]:
    """A crew deal memo per position, each with its person as the party."""
    drafts = []
    for title in POSITIONS:
        engagement = Engagement.objects.select_related("person").get(
            production=production, position__title=title
        )
        contract = drafting.contract_create(
            actor=None,
            production=production,
            contract_type="crew",
            title=f"Crew deal memo – {engagement.person}",
            engagement=engagement,
            position=title,
            rate=Decimal("450.00"),
            rate_unit="day",
            currency="USD",
            start_date=datetime.date(2027, 3, 1),
        )
        if not contract.parties.exists():  # drafted from the engagement: its person is a party
            drafting.party_add(actor=None, contract=contract, person=engagement.person, role="crew")
        drafts.append(contract)
    return drafts


def test_bulk_send_three_drafts_from_the_desk(signed_in, lantern):
    page = signed_in
    drafts = _drafts(lantern.production)
    code = lantern.production.code
    page.goto(reverse("web:contracts", args=[code]))
    expect(page.locator("#group-drafts [data-count]")).to_have_text("3")
    assert unlabelled_controls(page) == []
    shoot(page, "contract-desk")
    page.locator("#tick-all").check()
    expect(page.locator("#bulk-count")).to_have_text("3 contracts ticked.")
    page.locator("#bulk-send").click()
    page.wait_for_url(re.compile(r".*/contracts/jobs/[0-9a-f-]+/$"))
    expect(page.locator("#job-count")).to_have_text("3/3", timeout=30_000)
    expect(page.locator("#job-progress")).to_have_attribute("value", "3")
    expect(page.locator("#job-state")).to_have_text("Finished: all done.")
    expect(page.locator("#job-results .job-result")).to_have_text(["Done"] * 3)
    shoot(page, "contract-bulk-job")
    assert {c.status for c in Contract.objects.filter(pk__in=[c.pk for c in drafts])} == {"sent"}
    page.goto(reverse("web:contracts", args=[code]))
    for contract in drafts:
        row = page.locator(f'#contracts-table tr[data-contract="{contract.public_id}"]')
        expect(row.locator('[data-state="sent"]')).to_have_text("Sent")
    expect(page.locator("#group-awaiting [data-count]")).to_have_text("3")
    page.locator(f'#contracts-table tr[data-contract="{drafts[0].public_id}"] a').first.click()
    expect(page.locator("#contract-timeline [data-action='sent']")).to_be_visible()
    shoot(page, "contract-page")
