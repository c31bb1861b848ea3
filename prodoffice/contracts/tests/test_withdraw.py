"""Withdrawal of consent (SECURITY.md E-10): recorded in the chain, the document hidden again until
the party consents again, refused once signed; by service, by the API and by the link API."""

from __future__ import annotations

import pytest

from prodoffice.contracts import chain
from prodoffice.contracts.choices import EventAction
from prodoffice.contracts.errors import Conflict
from prodoffice.contracts.services import countersign, sealing, signing
from prodoffice.contracts.tests.helpers import (
    link_access,
    links_from_mail,
    login_access,
    otp_code,
    party_of,
    sent,
    sign_all,
)

pytestmark = pytest.mark.django_db
URL = "/api/v1/contracts/"


def _consented(world):
    contract = sent(world)
    ada = party_of(contract, "ada@example.org")
    signing.party_consent(access=login_access(world.crew_a), party=ada)
    signing.party_view(access=login_access(world.crew_a), party=ada)
    return contract, ada


def test_withdrawal_clears_consent_and_is_a_chain_event(world):
    contract, ada = _consented(world)
    consented = contract.parties.get(pk=ada.pk)
    version, digest = consented.consent_version, consented.consent_sha256
    assert digest

    party = signing.party_withdraw_consent(access=login_access(world.crew_a), party=ada)

    party.refresh_from_db()
    assert (party.consent_version, party.consent_sha256, party.consented_at) == ("", "", None)
    assert party.status == "pending" and party.viewed_at is not None  # the view stays evidence
    event = contract.events.order_by("-seq").first()
    assert event.action == EventAction.CONSENT_WITHDRAWN == "withdrew_consent"
    assert event.data == {"version": version, "sha256": digest, "auth": "login"}
    assert event.party_ref == ada.public_id
    assert event.get_action_display() == "Withdrew consent to sign electronically"
    assert chain.verify_events(contract, contract.events.order_by("seq")) is None


def test_after_withdrawal_the_document_and_the_signature_wait_for_consent_again(world):
    contract, ada = _consented(world)
    access = login_access(world.crew_a)
    signing.party_withdraw_consent(access=access, party=ada)
    with pytest.raises(Conflict, match="Consent to sign electronically first"):
        signing.party_view(access=access, party=ada)
    with pytest.raises(Conflict, match="Consent to sign electronically first"):
        signing.party_sign(access=access, party=ada, typed_name="Ada Canary")
    assert contract.parties.get(pk=ada.pk).status == "pending"

    signing.party_consent(access=access, party=ada)
    signing.party_sign(access=access, party=ada, typed_name="Ada Canary")
    assert contract.parties.get(pk=ada.pk).status == "signed"
    actions = list(contract.events.order_by("seq").values_list("action", flat=True))
    assert actions.count("consent") == 2 and actions.count("withdrew_consent") == 1


def test_withdrawal_is_refused_after_signing_and_changes_nothing(world):
    contract, ada = _consented(world)
    access = login_access(world.crew_a)
    signing.party_sign(access=access, party=ada, typed_name="Ada Canary")
    events = contract.events.count()
    with pytest.raises(Conflict, match="Already signed"):
        signing.party_withdraw_consent(access=access, party=ada)
    ada.refresh_from_db()
    assert ada.status == "signed" and ada.consent_sha256
    assert contract.events.count() == events


def test_withdrawal_without_consent_is_refused(world):
    contract = sent(world)
    ada = party_of(contract, "ada@example.org")
    with pytest.raises(Conflict, match="nothing to withdraw"):
        signing.party_withdraw_consent(access=login_access(world.crew_a), party=ada)
    assert not contract.events.filter(action="withdrew_consent").exists()


def test_only_the_party_withdraws_their_own_consent(world):
    from django.core.exceptions import PermissionDenied

    _contract, ada = _consented(world)
    with pytest.raises(PermissionDenied):
        signing.party_withdraw_consent(access=login_access(world.crew_b), party=ada)
    ada.refresh_from_db()
    assert ada.consent_sha256


def test_withdrawal_by_link(world):
    contract = sent(world)
    token, code = links_from_mail()["lou@example.org"]
    signing.party_consent(access=link_access(token, code))
    party = signing.party_withdraw_consent(access=link_access(token, code))
    assert party.consent_sha256 == "" and party.auth_method == "link"
    event = contract.events.get(action="withdrew_consent")
    assert event.data["auth"] == "link" and event.ip == "198.51.100.9"


def test_the_certificate_of_completion_lists_the_withdrawal(world, office_seal):
    contract, ada = _consented(world)
    signing.party_withdraw_consent(access=login_access(world.crew_a), party=ada)
    signing.party_consent(access=login_access(world.crew_a), party=ada)
    contract = sign_all(world, contract)
    contract = countersign.contract_countersign(
        actor=world.office, contract=contract, otp_code=otp_code(world.office)
    )
    source = contract.documents.get(kind="original")
    labels = [label for _at, label, _who in sealing.completion(contract, source).events]
    assert "Withdrew consent to sign electronically" in labels


# --- API ------------------------------------------------------------------------------------------


def test_api_party_withdraws_consent(world, api_for):
    contract, _ada = _consented(world)
    api = api_for(world.crew_a)
    r = api.post(f"{URL}{contract.public_id}/withdraw-consent/", {}, format="json")
    assert r.status_code == 200, r.content
    assert api.get(f"{URL}{contract.public_id}/document/").status_code == 409  # consent first
    assert contract.events.filter(action="withdrew_consent").count() == 1
    again = api.post(f"{URL}{contract.public_id}/withdraw-consent/", {}, format="json")
    assert again.status_code == 409
    assert again.json()["error"]["fields"].keys() == {"consent"}


def test_api_withdrawal_is_for_the_parties_only(world, api_for):
    contract, _ada = _consented(world)
    r = api_for(world.office).post(
        f"{URL}{contract.public_id}/withdraw-consent/", {}, format="json"
    )
    assert r.status_code == 403
    r = api_for(world.crew_b).post(
        f"{URL}{contract.public_id}/withdraw-consent/", {}, format="json"
    )
    assert r.status_code == 404
    assert not contract.events.filter(action="withdrew_consent").exists()


def test_link_api_withdraws_consent(world, client):
    contract = sent(world)
    token, code = links_from_mail()["lou@example.org"]
    link = {"token": token, "code": code}

    def post(verb, body):
        return client.post(f"/api/v1/signing/{verb}/", body, content_type="application/json")

    assert post("withdraw-consent", link).status_code == 409  # nothing to withdraw yet
    assert post("consent", link).status_code == 200
    assert post("document", link).status_code == 200
    r = post("withdraw-consent", link)
    assert r.status_code == 200 and r.json()["consent_version"] == ""
    assert post("document", link).status_code == 409
    assert post("withdraw-consent", {**link, "token": "x" * 43}).status_code == 404
    assert post("consent", link).status_code == 200
    assert post("sign", {**link, "typed_name": "Lou Loanout"}).status_code == 200
    assert post("withdraw-consent", link).status_code == 410  # the link is used up
    assert contract.events.filter(action="withdrew_consent").count() == 1
