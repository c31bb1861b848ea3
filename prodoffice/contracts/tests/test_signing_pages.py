"""The signing pages: by link (/sign/<token>/) and signed in (/p/<code>/contracts/<id>/sign/).

Every step and every refusal: access codes (E-14), consent before any contract content (E-10),
the hash shown equals the bytes served (E-11/E-15), one signature only (E-13), withdrawal of
consent, and the pages of dead links.
"""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from django.test import Client
from django.utils import timezone

from prodoffice.contracts.models import SigningLink
from prodoffice.contracts.services import documents, ending, links, signing
from prodoffice.contracts.tests.helpers import draft, links_from_mail, party_of, sent
from prodoffice.contracts.views import signing as views

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x01" * 40
HASH_ON_PAGE = re.compile(r'id="document-sha256">([0-9a-f]{64})<')


def _link(world):
    contract = sent(world)
    token, code = links_from_mail()["lou@example.org"]
    return contract, token, code


def _wrong(code: str) -> str:
    return "00000000" if code != "00000000" else "11111111"


def _verified(client: Client, token: str, code: str) -> None:
    r = client.post(f"/sign/{token}/", {"code": code})
    assert r.status_code == 302 and r["Location"] == f"/sign/{token}/"


def _consented(client: Client, token: str, code: str) -> None:
    _verified(client, token, code)
    assert client.post(f"/sign/{token}/", {"action": "consent"}).status_code == 302


def _shown_hash(response) -> str:
    match = HASH_ON_PAGE.search(response.content.decode())
    assert match, "the document page shows the document's SHA-256"
    return match.group(1)


# --- (a) the access code -------------------------------------------------------------------------


def test_unknown_token_is_a_404_page(world, client):
    r = client.get("/sign/" + "x" * 43 + "/")
    assert r.status_code == 404
    assert "This signing link is not valid." in r.content.decode()
    assert client.get("/sign/" + "x" * 43 + "/document.pdf").status_code == 404


def test_the_code_form_shows_no_contract_content(world, client):
    contract, token, _code = _link(world)
    r = client.get(f"/sign/{token}/")
    html = r.content.decode()
    assert r.status_code == 200 and 'name="code"' in html and "Access code" in html
    assert contract.title not in html and contract.reference not in html


def test_a_wrong_code_says_how_many_attempts_are_left_and_is_not_echoed(world, client):
    contract, token, code = _link(world)
    wrong = _wrong(code)
    r = client.post(f"/sign/{token}/", {"code": wrong})
    html = r.content.decode()
    assert r.status_code == 403
    assert "Wrong access code. 4 attempts left." in html
    assert wrong not in html and code not in html
    assert contract.title not in html
    assert views.SESSION_KEY not in client.session


def test_five_wrong_codes_lock_the_link_with_a_410_page(world, client):
    _contract, token, code = _link(world)
    statuses = [
        client.post(f"/sign/{token}/", {"code": _wrong(code)}).status_code for _ in range(5)
    ]
    assert statuses == [403] * 5
    r = client.post(f"/sign/{token}/", {"code": code})  # even the right one now
    assert r.status_code == 410
    assert "Too many wrong access codes" in r.content.decode()
    assert client.get(f"/sign/{token}/").status_code == 410


def test_a_malformed_code_names_the_field(world, client):
    _contract, token, _code = _link(world)
    r = client.post(f"/sign/{token}/", {"code": "12ab"})
    assert r.status_code == 400
    assert "The access code is 8 digits." in r.content.decode()
    assert SigningLink.objects.get(token_hash=links.token_hash(token)).attempts == 0


def test_the_right_code_is_kept_in_the_session_not_in_the_url(world, client):
    _contract, token, code = _link(world)
    r = client.post(f"/sign/{token}/", {"code": code})
    assert r.status_code == 302 and code not in r["Location"]
    entry = client.session[views.SESSION_KEY][links.token_hash(token)]
    assert entry["code"] == code and token not in str(client.session[views.SESSION_KEY])


def test_expired_used_and_withdrawn_links_are_410_pages(world, client):
    contract, token, _code = _link(world)
    link = SigningLink.objects.get(token_hash=links.token_hash(token))
    link.expires_at = timezone.now() - timezone.timedelta(minutes=1)
    link.save()
    r = client.get(f"/sign/{token}/")
    assert r.status_code == 410 and "This signing link has expired." in r.content.decode()
    link.expires_at = timezone.now() + timezone.timedelta(days=1)
    link.used_at = timezone.now()
    link.save()
    r = client.get(f"/sign/{token}/")
    assert r.status_code == 410 and "already used" in r.content.decode()
    link.used_at = None
    link.save()
    ending.contract_void(actor=world.office, contract=contract, reason="Wrong rate")
    r = client.get(f"/sign/{token}/")
    assert r.status_code == 410 and "withdrawn by the office" in r.content.decode()


def test_a_verified_session_meets_the_410_once_the_office_voids(world, client):
    contract, token, code = _link(world)
    _verified(client, token, code)
    ending.contract_void(actor=world.office, contract=contract, reason="Wrong rate")
    assert client.get(f"/sign/{token}/").status_code == 410
    assert client.post(f"/sign/{token}/", {"action": "consent"}).status_code == 410


def test_link_pages_are_throttled_per_address(world, client, monkeypatch):
    monkeypatch.setattr(views, "LINK_RATE", "3/min")
    _contract, token, _code = _link(world)
    statuses = [client.get(f"/sign/{token}/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    r = client.post(f"/sign/{token}/", {"code": "12345678"})
    assert r.status_code == 429 and "Retry-After" in r
    assert SigningLink.objects.get(token_hash=links.token_hash(token)).attempts == 0


# --- (b) consent, (c) the document, (d) the signature, (e) done -----------------------------------


def test_consent_page_has_the_consent_text_and_hash_and_no_contract_content(world, client):
    contract, token, code = _link(world)
    _verified(client, token, code)
    r = client.get(f"/sign/{token}/")
    html = r.content.decode()
    consent = signing.current_consent()
    assert r.status_code == 200
    assert consent.sha256 in html and f"version {consent.version}" in html
    assert "I agree" in html and "Decline to sign" in html
    for secret in (contract.title, contract.reference, "450.00", "document.pdf", "<iframe"):
        assert secret not in html


def test_the_document_is_refused_before_consent(world, client):
    contract, token, code = _link(world)
    _verified(client, token, code)
    r = client.get(f"/sign/{token}/document.pdf")
    assert r.status_code == 409 and r["Content-Type"].startswith("text/html")
    assert "Consent to sign electronically first." in r.content.decode()
    assert not contract.events.filter(action="viewed").exists()


def test_signing_before_consent_is_refused(world, client):
    contract, token, code = _link(world)
    _verified(client, token, code)
    doc = documents.original(contract)
    r = client.post(
        f"/sign/{token}/",
        {"action": "sign", "typed_name": "Lou Loanout", "document_sha256": doc.sha256},
    )
    assert r.status_code == 409 and "Consent to sign electronically first." in r.content.decode()
    assert party_of(contract, "lou@example.org").status == "pending"


def test_the_hash_on_the_page_is_the_hash_of_the_bytes_served(world, client):
    contract, token, code = _link(world)
    _consented(client, token, code)
    page = client.get(f"/sign/{token}/")
    assert page.status_code == 200
    shown = _shown_hash(page)
    html = page.content.decode()
    assert contract.title in html and f'src="/sign/{token}/document.pdf"' in html
    pdf = client.get(f"/sign/{token}/document.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert hashlib.sha256(pdf.content).hexdigest() == shown == pdf["X-Content-SHA256"]
    assert shown == documents.original(contract).sha256
    assert pdf["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in pdf["Content-Security-Policy"]
    assert pdf["Content-Disposition"].startswith("inline")
    download = client.get(f"/sign/{token}/document.pdf?download=1")
    assert download["Content-Disposition"].startswith("attachment")
    assert hashlib.sha256(download.content).hexdigest() == shown
    party = party_of(contract, "lou@example.org")
    assert party.status == "viewed" and party.viewed_at
    assert contract.events.filter(action="viewed", data__sha256=shown).exists()


def test_signing_with_a_typed_name_and_a_drawing_then_the_done_page(world, client):
    contract, token, code = _link(world)
    _consented(client, token, code)
    shown = _shown_hash(client.get(f"/sign/{token}/"))
    data_url = "data:image/png;base64," + base64.b64encode(PNG).decode()
    r = client.post(
        f"/sign/{token}/",
        {
            "action": "sign",
            "typed_name": "Lou Loanout",
            "signature_png": data_url,
            "document_sha256": shown,
        },
    )
    assert r.status_code == 302
    party = party_of(contract, "lou@example.org")
    assert party.status == "signed" and party.typed_name == "Lou Loanout"
    assert bytes(party.signature_png) == PNG and party.signed_sha256 == shown
    assert party.auth_method == "link"
    done = client.get(f"/sign/{token}/")
    html = done.content.decode()
    assert done.status_code == 200 and "you signed" in html.lower()
    assert "countersigns" in html and shown in html
    copy = client.get(f"/sign/{token}/document.pdf?download=1")
    assert copy.status_code == 200 and hashlib.sha256(copy.content).hexdigest() == shown
    assert contract.events.filter(action="downloaded").exists()


def test_signing_twice_is_refused(world, client):
    contract, token, code = _link(world)
    _consented(client, token, code)
    shown = _shown_hash(client.get(f"/sign/{token}/"))
    body = {"action": "sign", "typed_name": "Lou Loanout", "document_sha256": shown}
    assert client.post(f"/sign/{token}/", body).status_code == 302
    again = client.post(f"/sign/{token}/", body)
    assert again.status_code == 409 and "Already signed." in again.content.decode()
    assert contract.events.filter(action="signed").count() == 1
    # Another browser with the same link and code: the link is used up.
    other = Client()
    assert other.post(f"/sign/{token}/", {"code": code}).status_code == 410


def test_a_stale_document_hash_is_refused(world, client):
    contract, token, code = _link(world)
    _consented(client, token, code)
    client.get(f"/sign/{token}/")
    r = client.post(
        f"/sign/{token}/",
        {"action": "sign", "typed_name": "Lou Loanout", "document_sha256": "ab" * 32},
    )
    assert r.status_code == 409
    assert "The document changed since you opened it" in r.content.decode()
    assert party_of(contract, "lou@example.org").status == "viewed"
    assert contract.events.filter(action="viewed").count() == 1  # the refusal added nothing


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"typed_name": ""}, "This field is required."),
        ({"signature_png": "data:image/jpeg;base64,AAAA"}, "must be a PNG image"),
        ({"signature_png": "data:image/png;base64,***"}, "could not be read"),
        (
            {"signature_png": "data:image/png;base64," + base64.b64encode(b"GIF89a").decode()},
            "A drawn signature is a PNG",
        ),
    ],
)
def test_bad_signatures_are_refused_naming_the_field(world, client, body, message):
    contract, token, code = _link(world)
    _consented(client, token, code)
    shown = _shown_hash(client.get(f"/sign/{token}/"))
    fields = {"action": "sign", "typed_name": "Lou Loanout", "document_sha256": shown, **body}
    r = client.post(f"/sign/{token}/", fields)
    assert r.status_code == 400 and message in r.content.decode()
    assert party_of(contract, "lou@example.org").status == "viewed"


def test_declining_shows_the_declined_page(world, client):
    contract, token, code = _link(world)
    _verified(client, token, code)
    r = client.post(f"/sign/{token}/", {"action": "decline", "reason": ""})
    assert r.status_code == 400 and "This field is required." in r.content.decode()
    r = client.post(f"/sign/{token}/", {"action": "decline", "reason": "Rate too low."})
    assert r.status_code == 302
    page = client.get(f"/sign/{token}/")
    assert page.status_code == 200 and "You declined to sign" in page.content.decode()
    contract.refresh_from_db()
    assert contract.status == "declined"


# --- withdrawal of consent -----------------------------------------------------------------------


def test_withdrawing_consent_hides_the_document_until_consent_again(world, client):
    contract, token, code = _link(world)
    _consented(client, token, code)
    page = client.get(f"/sign/{token}/").content.decode()
    assert "Withdraw my consent" in page
    shown = _shown_hash(client.get(f"/sign/{token}/"))
    assert client.post(f"/sign/{token}/", {"action": "withdraw"}).status_code == 302
    after = client.get(f"/sign/{token}/").content.decode()
    assert "I agree" in after and contract.title not in after and "<iframe" not in after
    assert client.get(f"/sign/{token}/document.pdf").status_code == 409
    body = {"action": "sign", "typed_name": "Lou Loanout", "document_sha256": shown}
    refused = client.post(f"/sign/{token}/", body)
    assert refused.status_code == 409
    assert "Consent to sign electronically first." in refused.content.decode()
    assert contract.events.filter(action="withdrew_consent").count() == 1
    assert client.post(f"/sign/{token}/", {"action": "consent"}).status_code == 302
    assert client.post(f"/sign/{token}/", body).status_code == 302
    assert party_of(contract, "lou@example.org").status == "signed"


def test_an_unknown_action_changes_nothing(world, client):
    contract, token, code = _link(world)
    _verified(client, token, code)
    events = contract.events.count()
    r = client.post(f"/sign/{token}/", {"action": "countersign"})
    assert r.status_code == 400 and contract.events.count() == events


# --- signed-in parties ---------------------------------------------------------------------------


def _sign_url(world, contract, suffix: str = "") -> str:
    return f"/p/{world.production.code}/contracts/{contract.public_id}/sign/{suffix}"


def test_a_signed_in_party_signs_through_the_same_steps(world, client_for):
    contract = sent(world)
    web = client_for(world.crew_a)
    url = _sign_url(world, contract)
    first = web.get(url)
    html = first.content.decode()
    assert first.status_code == 200 and "I agree" in html
    assert contract.title not in html and "Access code" not in html
    assert web.get(url + "document.pdf").status_code == 409
    assert web.post(url, {"action": "consent"}).status_code == 302
    page = web.get(url)
    shown = _shown_hash(page)
    pdf = web.get(url + "document.pdf")
    assert hashlib.sha256(pdf.content).hexdigest() == shown == pdf["X-Content-SHA256"]
    body = {"action": "sign", "typed_name": "Ada Canary", "document_sha256": shown}
    assert web.post(url, body).status_code == 302
    ada = party_of(contract, "ada@example.org")
    assert ada.status == "signed" and ada.auth_method == "login"
    done = web.get(url)
    assert done.status_code == 200 and "you signed" in done.content.decode().lower()
    again = web.post(url, body)
    assert again.status_code == 409 and "Already signed." in again.content.decode()
    assert contract.events.filter(action="signed").count() == 1


def test_a_signed_in_party_withdraws_consent(world, client_for):
    contract = sent(world)
    web = client_for(world.crew_a)
    url = _sign_url(world, contract)
    web.post(url, {"action": "consent"})
    assert "Withdraw my consent" in web.get(url).content.decode()
    assert web.post(url, {"action": "withdraw"}).status_code == 302
    assert "I agree" in web.get(url).content.decode()
    assert web.get(url + "document.pdf").status_code == 409


@pytest.mark.parametrize("role", ["crew_b", "office", "head", "other_office"])
def test_only_parties_reach_the_signing_page(world, client_for, role):
    contract = sent(world)
    web = client_for(getattr(world, role))
    assert web.get(_sign_url(world, contract)).status_code == 404
    assert web.post(_sign_url(world, contract), {"action": "consent"}).status_code == 404
    assert web.get(_sign_url(world, contract, "document.pdf")).status_code == 404
    assert not contract.events.filter(action="consent").exists()


def test_signed_out_visitors_are_sent_to_sign_in(world, client):
    contract = sent(world)
    r = client.get(_sign_url(world, contract))
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_a_draft_has_nothing_to_sign(world, client_for):
    contract = draft(world)
    web = client_for(world.crew_a)
    r = web.get(_sign_url(world, contract))
    assert r.status_code == 200 and "Nothing to sign" in r.content.decode()
    refused = web.post(_sign_url(world, contract), {"action": "consent"})
    assert refused.status_code == 409
    assert web.get(_sign_url(world, contract, "document.pdf")).status_code == 409


def test_link_pages_are_never_cached_and_their_tokens_stay_out_of_the_logs(world, client):
    import logging

    from prodoffice.core.logfilters import UrlSecretFilter

    _contract, token, _code = _link(world)
    r = client.get(f"/sign/{token}/")
    assert "no-store" in r["Cache-Control"]
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Forbidden: %s", (f"/sign/{token}/",), None
    )
    assert UrlSecretFilter().filter(record)
    assert token not in record.getMessage() and "/sign/***/" in record.getMessage()
