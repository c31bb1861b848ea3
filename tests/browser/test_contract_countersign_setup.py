"""Countersigning on a fresh install, in Chromium: with no seal key, no signatory right and no
authenticator the contract page says why and what to do; the office switches "Can countersign"
on the Access page, the seal key is created, the authenticator enrolled, and the contract is
countersigned and sealed."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import expect

from prodoffice.accounts.models import Membership
from prodoffice.contracts.sealing import init_signing_key
from prodoffice.contracts.sealing import keys as seal_keys
from prodoffice.contracts.services import signing
from prodoffice.contracts.tests.conftest import _rsa_key  # noqa: F401 (fixture)
from prodoffice.contracts.tests.helpers import login_access, otp_code, sent
from prodoffice.productions.services import memberships
from tests.browser.helpers import BROWSER, login, unlabelled_controls
from tests.support.factories import PASSWORD

pytestmark = BROWSER


def _signed(world):
    """Sent to crew A alone, who signs by login: awaiting the countersignature."""
    contract = sent(world, link_party=False)
    ada = contract.parties.get()
    for step in (signing.party_consent, signing.party_view):
        step(access=login_access(world.crew_a), party=ada)
    signing.party_sign(access=login_access(world.crew_a), party=ada, typed_name="Ada Canary")
    return contract


def test_the_page_says_why_then_the_office_sets_up_and_countersigns(
    page,
    world,
    monkeypatch,
    _rsa_key,  # noqa: F811
):
    monkeypatch.setattr(seal_keys, "generate_private_key", lambda: _rsa_key)
    seal_keys.forget_cached_signer()
    mine = Membership.objects.get(user=world.office, production=world.production)
    memberships.membership_countersign_set(actor=None, membership=mine, allowed=False)
    contract = _signed(world)
    code = world.production.code
    contract_url = reverse("web:contract", args=[code, contract.public_id])

    login(page, world.office.username, PASSWORD)
    page.goto(contract_url)
    expect(page.locator("#contract-status")).to_have_text("Signed by all parties")
    expect(page.locator("#why-no-seal")).to_contain_text("prodoffice signing-key init")
    expect(page.locator("#why-no-signatory")).to_contain_text(
        f"Nobody on {code} can countersign yet."
    )
    expect(page.locator("#countersign-form")).to_have_count(0)

    # The office grants the right on the Access page (the link in the explanation).
    page.locator("#why-no-signatory").get_by_role("link", name="Access page").click()
    switch = page.get_by_role("switch", name=f"Can countersign: {world.office}")
    expect(switch).to_have_attribute("aria-checked", "false")
    assert unlabelled_controls(page) == []
    switch.click()
    expect(page.get_by_role("switch", name=f"Can countersign: {world.office}")).to_have_attribute(
        "aria-checked", "true"
    )
    expect(page.locator(".alert-success")).to_contain_text("can now countersign")

    # The operator creates the seal key; the page now asks for an authenticator only.
    init_signing_key("Nightjar office seal", "Nightjar Films Ltd")
    page.goto(contract_url)
    expect(page.locator("#why-no-seal")).to_have_count(0)
    expect(page.locator("#why-no-signatory")).to_have_count(0)
    expect(page.locator("#needs-totp").get_by_role("link")).to_have_attribute(
        "href", reverse("accounts:two_factor")
    )

    otp = otp_code(world.office)  # enrols the authenticator
    page.goto(contract_url)
    expect(page.locator("#countersign-blocked")).to_have_count(0)
    page.get_by_label("Authenticator code").fill(otp)
    page.locator("#countersign-contract").click()
    expect(page.locator("#contract-status")).to_have_text("Executed")
    seal_keys.forget_cached_signer()
