"""The office countersignature: E-01 end to end, E-12/E-13 order and replays, the seal's failure."""

from __future__ import annotations

import hashlib
import shutil
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prodoffice.contracts.errors import Conflict
from prodoffice.contracts.sealing import verify_pdf
from prodoffice.contracts.services import countersign, drafting, signing
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


def _executed(world):
    contract = sign_all(world, sent(world))
    return countersign.contract_countersign(
        actor=world.office,
        contract=contract,
        otp_code=otp_code(world.office),
        ip="192.0.2.1",
        user_agent="office-browser",
    )


def test_e01_two_parties_and_the_countersignature_give_a_valid_sealed_pdf(world, office_seal):
    contract = _executed(world)
    assert contract.status == "executed"
    final = contract.documents.get(kind="final")
    data = final.file.read()
    assert hashlib.sha256(data).hexdigest() == final.sha256 and final.size == len(data)
    original = contract.documents.get(kind="original")
    assert data.startswith(original.file.read())  # the seal is an incremental update
    verdict = verify_pdf(data, stored_sha256=final.sha256)
    assert verdict.ok, verdict.messages
    assert verdict.status == "valid" and verdict.contract_ref == contract.reference
    assert "Nightjar office seal" in (verdict.signer or "")
    actions = list(contract.events.values_list("action", flat=True))
    assert actions[-2:] == ["countersigned", "sealed"]
    assert contract.events.get(action="sealed").data["final_sha256"] == final.sha256


@pytest.mark.skipif(not shutil.which("pdfsig"), reason="poppler's pdfsig is not installed")
def test_e01_poppler_pdfsig_says_the_signature_is_valid(world, office_seal, tmp_path):
    contract = _executed(world)
    path = tmp_path / "executed.pdf"
    path.write_bytes(contract.documents.get(kind="final").file.read())
    # pdfsig exits 0 even on a digest mismatch: read its output.
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    assert "Signature is Valid" in out.stdout, out.stdout
    assert "Total document signed" in out.stdout, out.stdout


def test_e12_parties_cannot_sign_after_the_countersignature(world, office_seal):
    contract = sent(world)
    ada = party_of(contract, "ada@example.org")
    signing.party_consent(access=login_access(world.crew_a), party=ada)
    signing.party_sign(access=login_access(world.crew_a), party=ada, typed_name="Ada Canary")
    token, code = links_from_mail()["lou@example.org"]
    signing.party_consent(access=link_access(token, code))
    signing.party_sign(access=link_access(token, code), typed_name="Lou Loanout")
    countersign.contract_countersign(
        actor=world.office, contract=contract, otp_code=otp_code(world.office)
    )
    with pytest.raises(Conflict) as exc:
        signing.party_sign(access=login_access(world.crew_a), party=ada, typed_name="Ada")
    assert "Already signed" in " ".join(exc.value.messages)


def test_e13_a_second_countersign_answers_already_countersigned(world, office_seal):
    contract = _executed(world)
    with pytest.raises(Conflict) as exc:
        countersign.contract_countersign(
            actor=world.office, contract=contract, otp_code=otp_code(world.office)
        )
    assert " ".join(exc.value.messages) == "Already countersigned."
    assert contract.events.filter(action="countersigned").count() == 1
    assert contract.documents.filter(kind="final").count() == 1


def test_the_totp_code_is_accepted_once(world, office_seal):
    contract = sign_all(world, sent(world))
    code = otp_code(world.office)
    other = sign_all(world, sent(world))
    countersign.contract_countersign(actor=world.office, contract=contract, otp_code=code)
    with pytest.raises(PermissionDenied) as exc:
        countersign.contract_countersign(actor=world.office, contract=other, otp_code=code)
    assert "already used" in str(exc.value)
    other.refresh_from_db()
    assert other.status == "signed"


def test_without_an_office_seal_nothing_is_countersigned(world, settings, tmp_path):
    from prodoffice.contracts.sealing import keys

    settings.PRODOFFICE_SIGNING_DIR = tmp_path / "no-seal"
    keys.forget_cached_signer()
    contract = sign_all(world, sent(world))
    with pytest.raises(ValidationError) as exc:
        countersign.contract_countersign(
            actor=world.office, contract=contract, otp_code=otp_code(world.office)
        )
    assert "seal" in exc.value.message_dict
    contract.refresh_from_db()
    assert contract.status == "signed" and contract.countersigned_at is None
    assert not contract.documents.filter(kind="final").exists()
    assert not contract.events.filter(action="countersigned").exists()


def test_amendment_of_an_executed_contract_copies_the_parties(world, office_seal):
    contract = _executed(world)
    amendment = drafting.amendment_create(
        actor=world.office,
        contract=contract,
        title="Extra week",
        guarantee=15,
        guarantee_unit="days",
    )
    assert amendment.amends == contract and amendment.status == "draft"
    assert amendment.parties.count() == 2 and amendment.number == contract.number + 1
