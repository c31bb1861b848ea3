"""Countersigning on a fresh install: the demo makes the seal key and the producer's right, and
the contract page says why a countersignature is impossible and what to do."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from prodoffice.accounts.models import Membership
from prodoffice.contracts.models import Contract
from prodoffice.contracts.sealing import SigningKeyMissing, office_certificate
from prodoffice.contracts.sealing import keys as seal_keys
from prodoffice.contracts.selectors import countersign_obstacles
from prodoffice.contracts.services import countersign, signing
from prodoffice.contracts.tests.conftest import _rsa_key, office_seal  # noqa: F401 (fixtures)
from prodoffice.contracts.tests.helpers import login_access, otp_code, sent
from prodoffice.productions.services import memberships

pytestmark = pytest.mark.django_db


@pytest.fixture
def fast_keys(monkeypatch, _rsa_key):  # noqa: F811
    monkeypatch.setattr(seal_keys, "generate_private_key", lambda: _rsa_key)
    seal_keys.forget_cached_signer()
    yield
    seal_keys.forget_cached_signer()


def _signed(world) -> Contract:
    """Sent to crew A alone, who signs by login: awaiting the countersignature."""
    contract = sent(world, link_party=False)
    ada = contract.parties.get()
    for step in (signing.party_consent, signing.party_view):
        step(access=login_access(world.crew_a), party=ada)
    signing.party_sign(access=login_access(world.crew_a), party=ada, typed_name="Ada Canary")
    contract.refresh_from_db()
    return contract


def _page(client, contract) -> str:
    url = reverse("web:contract", args=[contract.production.code, contract.public_id])
    return client.get(url).content.decode()


def test_the_demo_creates_the_seal_key_and_every_demo_contract_can_be_completed(fast_keys):
    with pytest.raises(SigningKeyMissing):
        office_certificate()
    out = io.StringIO()
    call_command("demo", "--json", stdout=out)
    assert json.loads(out.getvalue())["production"] == "HARBOR"
    first = office_certificate()
    assert "office seal" in first.common_name
    producer = Membership.objects.get(user__username="demo.producer", production__code="HARBOR")
    assert producer.can_countersign
    signed = Contract.objects.filter(production__code="HARBOR", status="signed")
    assert signed.exists()
    for contract in signed:
        assert [
            o["code"] for o in countersign_obstacles(user=producer.user, contract=contract)
        ] == ["no_totp"]  # only the producer's own authenticator is left to enrol
    code = otp_code(producer.user)
    done = countersign.contract_countersign(
        actor=producer.user, contract=signed.first(), otp_code=code
    )
    assert done.status == "executed"
    call_command("demo", stdout=io.StringIO())  # a rerun keeps the key
    assert office_certificate().fingerprint_sha256 == first.fingerprint_sha256


def test_without_a_seal_key_the_page_says_how_to_create_it(world, office):
    contract = _signed(world)
    html = _page(office, contract)
    assert 'id="why-no-seal"' in html and "prodoffice signing-key init" in html
    assert 'id="countersign-form"' not in html


def test_a_non_signatory_is_told_who_can_grant_the_right(world, office, office_seal):  # noqa: F811
    contract = _signed(world)
    mine = Membership.objects.get(user=world.office, production=world.production)
    memberships.membership_countersign_set(actor=world.office, membership=mine, allowed=False)
    html = _page(office, contract)
    assert 'id="why-no-signatory"' in html and 'id="why-no-seal"' not in html
    assert f"Nobody on {world.production.code} can countersign yet." in html
    assert reverse("web:members", args=[world.production.code]) in html
    assert world.office.username in html


def test_a_signatory_without_an_authenticator_is_sent_to_enrol(world, office, office_seal):  # noqa: F811
    contract = _signed(world)
    html = _page(office, contract)
    assert 'id="needs-totp"' in html and reverse("accounts:two_factor") in html
    otp_code(world.office)  # enrols
    html = _page(office, contract)
    assert 'id="countersign-blocked"' not in html and 'id="countersign-form"' in html
