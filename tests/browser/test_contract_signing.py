"""Signing by link in Chromium: the e-mailed link and code, consent before any contract content
(E-10), the document and its hash (E-15), a typed name and a drawn stroke, the done page; then the
office countersigns and the sealed PDF verifies. And a withdrawal of consent hides the document."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor

from django.db import connections
from django.urls import reverse
from playwright.sync_api import expect

from prodoffice.contracts.sealing import verify_pdf
from prodoffice.contracts.services import documents, signing
from prodoffice.contracts.tests.conftest import _rsa_key, office_seal  # noqa: F401
from prodoffice.contracts.tests.helpers import (
    links_from_mail,
    login_access,
    otp_code,
    party_of,
    sent,
)
from tests.browser.helpers import BROWSER, login, shoot, unlabelled_controls
from tests.support.factories import PASSWORD

pytestmark = BROWSER


def _open_link(page, world):
    """The office sends a contract; the guest party opens the e-mailed link and enters the code."""
    contract = sent(world)
    token, code = links_from_mail()["lou@example.org"]
    page.goto(f"/sign/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign a document")
    page.get_by_label("Access code").fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consent to sign electronically")
    return contract, token


def _off_the_event_loop(fn):
    """Run fn in another thread: pyHanko calls asyncio.run(), and Playwright's sync API keeps an
    event loop running in the test's thread."""

    def run():
        try:
            return fn()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def _office_countersigns_on_the_web(page, live_server, world, contract):
    """The office signatory signs in, opens the contract and countersigns with a TOTP code; the
    page then shows the contract executed and the sealed document. Returns the final document."""
    context = page.context.browser.new_context(base_url=live_server.url)
    try:
        tab = context.new_page()
        code = otp_code(world.office)  # enrols the authenticator on first use
        login(tab, world.office.username, PASSWORD)
        tab.goto(reverse("web:contract", args=[world.production.code, contract.public_id]))
        expect(tab.locator("#contract-status")).to_have_text("Signed by all parties")
        tab.get_by_label("Authenticator code").fill(code)
        tab.locator("#countersign-contract").click()
        expect(tab.locator("#contract-status")).to_have_text("Executed")
        expect(tab.locator("#contract-timeline [data-action='sealed']")).to_be_visible()
        shoot(tab, "contract-executed")
    finally:
        context.close()
    return contract.documents.get(kind="final")


def _draw_stroke(page) -> None:
    pad = page.locator("#signature-pad")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    x, y = box["x"] + 30, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 12):
        page.mouse.move(x + i * 25, y + (15 if i % 2 else -15), steps=3)
    page.mouse.up()


def test_a_guest_signs_by_link_and_the_countersigned_pdf_verifies(
    page,
    live_server,
    world,
    office_seal,  # noqa: F811
):
    contract, token = _open_link(page, world)
    consent = signing.current_consent()
    html = page.content()
    assert contract.title not in html and contract.reference not in html
    assert page.locator("iframe").count() == 0
    expect(page.locator("#consent-sha256")).to_have_text(consent.sha256)
    assert unlabelled_controls(page) == []
    shoot(page, "signing_consent")
    page.get_by_role("button", name="I agree").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(contract.title)
    original = documents.original(contract)
    expect(page.locator("#document-sha256")).to_have_text(original.sha256)
    expect(page.locator("#document-frame")).to_have_attribute("src", f"/sign/{token}/document.pdf")
    served = page.request.get(f"/sign/{token}/document.pdf?download=1")
    assert served.status == 200
    assert hashlib.sha256(served.body()).hexdigest() == original.sha256
    page.get_by_label("Your full name").fill("Lou Loanout")
    _draw_stroke(page)
    drawn = page.locator("#id_signature_png").input_value()
    assert drawn.startswith("data:image/png;base64,")
    assert unlabelled_controls(page) == []
    page.evaluate("() => window.scrollTo(0, 0)")
    shoot(page, "signing_document")
    # By keyboard: a pointer click over the page can land in the PDF viewer's frame while it
    # lays itself out (Chromium's viewer is a frame of its own).
    page.get_by_role("button", name="Sign", exact=True).press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you: you signed")
    expect(page.locator("#signed-sha256")).to_have_text(original.sha256)
    expect(page.get_by_role("link", name="Download your copy")).to_be_visible()
    shoot(page, "signing_done")
    lou = party_of(contract, "lou@example.org")
    assert lou.status == "signed" and lou.typed_name == "Lou Loanout"
    assert bytes(lou.signature_png).startswith(b"\x89PNG\r\n\x1a\n")

    # Crew A signs by login; then the office signatory countersigns on the contract page, in a
    # browser of their own, with a fresh code from their authenticator.
    ada = party_of(contract, "ada@example.org")
    signing.party_consent(access=login_access(world.crew_a), party=ada)
    signing.party_sign(access=login_access(world.crew_a), party=ada, typed_name="Ada Canary")
    final = _office_countersigns_on_the_web(page, live_server, world, contract)
    verdict = _off_the_event_loop(lambda: verify_pdf(final.file.read(), stored_sha256=final.sha256))
    assert verdict.ok and verdict.status == "valid", verdict.messages
    assert contract.events.filter(action="countersigned").count() == 1

    page.reload()
    copy = page.request.get(f"/sign/{token}/document.pdf?download=1")
    assert hashlib.sha256(copy.body()).hexdigest() == final.sha256

    # The party checks their executed copy on the public verifier.
    page.goto("/verify/")
    page.get_by_label("Contract PDF").set_input_files(
        files=[{"name": "executed.pdf", "mimeType": "application/pdf", "buffer": copy.body()}]
    )
    page.get_by_role("button", name="Verify").click()
    expect(page.locator("#verdict")).to_contain_text("Valid office seal")
    expect(page.locator("#verdict-stored")).to_have_text("Matches the office's stored copy")
    assert unlabelled_controls(page) == []
    shoot(page, "verify_valid")


def test_a_guest_withdraws_consent_and_the_document_is_hidden_again(page, world):
    contract, token = _open_link(page, world)
    page.get_by_role("button", name="I agree").click()
    expect(page.locator("#document-sha256")).to_be_visible()
    page.get_by_role("button", name="Withdraw my consent").press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Consent to sign electronically")
    expect(page.locator("#document-frame")).to_have_count(0)
    assert contract.title not in page.content()
    assert page.request.get(f"/sign/{token}/document.pdf").status == 409
    assert contract.events.filter(action="withdrew_consent").count() == 1
    assert party_of(contract, "lou@example.org").consent_sha256 == ""
