"""Contract services: drafting, sending, signing by login and by link, refusals (E-11 to E-14)."""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from prodoffice.audit.models import AuditEvent
from prodoffice.contracts.choices import PUBLICITY_REFUSED
from prodoffice.contracts.errors import Conflict, LinkGone, LinkNotFound
from prodoffice.contracts.models import Contract, ContractDocument, ContractEvent
from prodoffice.contracts.services import countersign, drafting, ending, sending, signing
from prodoffice.contracts.tests.helpers import (
    draft,
    link_access,
    links_from_mail,
    login_access,
    otp_code,
    party_of,
    sent,
    sign_all,
)

pytestmark = pytest.mark.django_db


def _messages(exc) -> str:
    return " ".join(exc.value.messages)


# --- drafting -------------------------------------------------------------------------------------


def test_create_numbers_contracts_per_production_and_logs_created(world):
    first = draft(world)
    second = draft(world)
    assert (first.number, second.number) == (1, 2)
    assert first.reference == "NIGHTJAR-C0001-v1"
    assert list(first.events.values_list("action", flat=True)) == ["created"]
    assert AuditEvent.objects.filter(action="contract.create", target_id=str(first.pk)).exists()


def test_publicity_contracts_are_refused_with_the_office_message(world):
    with pytest.raises(ValidationError) as exc:
        drafting.contract_create(
            actor=world.office, production=world.production, contract_type="publicity", title="PR"
        )
    assert exc.value.message_dict["contract_type"] == [PUBLICITY_REFUSED]
    assert not Contract.objects.exists()


def test_model_clean_refuses_publicity_too(world):
    contract = Contract(
        production=world.production, number=1, title="PR", contract_type="publicity"
    )
    with pytest.raises(ValidationError) as exc:
        contract.full_clean()
    assert PUBLICITY_REFUSED in exc.value.message_dict["contract_type"]


@pytest.mark.parametrize(
    ("terms", "field", "fragment"),
    [
        ({"currency": "XYZ"}, "currency", "ISO 4217"),
        ({"rate": Decimal("-1")}, "rate", "greater than or equal to 0"),
        ({"end_date": datetime.date(2027, 2, 1)}, "end_date", "before the start date"),
        ({"rate_unit": ""}, "rate_unit", "needs its unit"),
        ({"agent_fee_percent": Decimal("120")}, "agent_fee_percent", "less than or equal to 100"),
    ],
)
def test_bad_terms_are_refused_naming_the_field(world, terms, field, fragment):
    with pytest.raises(ValidationError) as exc:
        draft(world, **terms)
    assert any(fragment in m for m in exc.value.message_dict[field])
    assert not Contract.objects.exists()


def test_unknown_fields_are_refused_by_name(world):
    with pytest.raises(ValidationError) as exc:
        draft(world, status="executed")
    assert "status" in exc.value.message_dict


def test_only_the_office_drafts(world):
    for user in (world.crew_a, world.head, world.executive, world.other_office):
        with pytest.raises(PermissionDenied):
            drafting.contract_create(
                actor=user, production=world.production, contract_type="crew", title="X"
            )
    assert not Contract.objects.exists()


def test_a_party_without_email_is_refused(world):
    contract = draft(world, link_party=False)
    from tests.support.factories import PersonFactory

    with pytest.raises(ValidationError) as exc:
        drafting.party_add(
            actor=world.office, contract=contract, person=PersonFactory(email=""), role="crew"
        )
    assert "no e-mail" in exc.value.message_dict["email"][0]


# --- sending: the document freezes (E-11) ---------------------------------------------------------


def test_send_freezes_the_pdf_and_its_sha256_and_mails_link_and_code_separately(world):
    contract = sent(world)
    doc = ContractDocument.objects.get(contract=contract, kind="original")
    data = doc.file.read()
    assert data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == doc.sha256 and doc.size == len(data)
    assert contract.events.get(action="sent").data["original_sha256"] == doc.sha256
    assert len(mail.outbox) == 4  # link and access code, per party
    links = links_from_mail()
    assert set(links) == {"ada@example.org", "lou@example.org"}
    assert all(token and code for token, code in links.values())
    # Secrets are stored hashed only.
    token, code = links["lou@example.org"]
    link = party_of(contract, "lou@example.org").links.get()
    assert token not in link.token_hash and code not in link.code_hash


def test_send_without_parties_is_refused(world):
    contract = drafting.contract_create(
        actor=world.office, production=world.production, contract_type="crew", title="Empty"
    )
    with pytest.raises(ValidationError) as exc:
        sending.contract_send(actor=world.office, contract=contract)
    assert "at least one party" in exc.value.message_dict["parties"][0]


def test_after_send_terms_and_parties_are_frozen(world):
    contract = sent(world)
    with pytest.raises(Conflict) as exc:
        drafting.contract_update(actor=world.office, contract=contract, rate=Decimal("1"))
    assert "Sent contracts change by a new version" in _messages(exc)
    with pytest.raises(Conflict):
        drafting.party_add(
            actor=world.office, contract=contract, person=world.person_b, role="crew"
        )
    with pytest.raises(Conflict):
        drafting.party_remove(actor=world.office, party=contract.parties.first())
    contract.refresh_from_db()
    assert contract.rate == Decimal("450.00") and contract.parties.count() == 2


def test_new_version_voids_signatures_and_links(world):
    contract = sent(world)
    ada = party_of(contract, "ada@example.org")
    signing.party_consent(access=login_access(world.crew_a), party=ada)
    signing.party_sign(access=login_access(world.crew_a), party=ada, typed_name="Ada Canary")
    contract = drafting.contract_new_version(actor=world.office, contract=contract)
    assert (contract.status, contract.version) == ("draft", 2)
    ada.refresh_from_db()
    assert ada.status == "pending" and not ada.signed_at and not ada.typed_name
    token, code = links_from_mail()["lou@example.org"]
    with pytest.raises(LinkGone):
        signing.party_consent(access=link_access(token, code))
    assert contract.events.last().data["signatures_voided"] == 1
    drafting.contract_update(actor=world.office, contract=contract, rate=Decimal("500"))
    contract = sending.contract_send(actor=world.office, contract=contract)
    assert contract.documents.filter(kind="original").count() == 2


# --- parties signing ------------------------------------------------------------------------------


def test_signing_records_the_evidence(world):
    contract = sign_all(world, sent(world))
    ada, lou = party_of(contract, "ada@example.org"), party_of(contract, "lou@example.org")
    original = contract.documents.get(kind="original")
    assert ada.auth_method == "login" and lou.auth_method == "link"
    for party in (ada, lou):
        assert party.consent_version == "1" and len(party.consent_sha256) == 64
        assert party.viewed_at and party.signed_at and party.signed_at.tzinfo is not None
        assert party.signed_sha256 == original.sha256
    assert (ada.ip, ada.user_agent) == ("203.0.113.7", "pytest-browser/1.0")
    assert lou.typed_name == "Lou Loanout"
    assert contract.status == "signed"


def test_document_is_withheld_until_consent(world):
    contract = sent(world)
    ada = party_of(contract, "ada@example.org")
    with pytest.raises(Conflict) as exc:
        signing.party_view(access=login_access(world.crew_a), party=ada)
    assert "Consent to sign electronically first" in _messages(exc)
    with pytest.raises(Conflict):
        signing.party_sign(access=login_access(world.crew_a), party=ada, typed_name="Ada")


def test_sign_twice_answers_already_signed_with_one_event(world):
    contract = sent(world)
    ada = party_of(contract, "ada@example.org")
    signing.party_consent(access=login_access(world.crew_a), party=ada)
    signing.party_sign(access=login_access(world.crew_a), party=ada, typed_name="Ada Canary")
    with pytest.raises(Conflict) as exc:
        signing.party_sign(access=login_access(world.crew_a), party=ada, typed_name="Ada Canary")
    assert _messages(exc) == "Already signed."
    assert contract.events.filter(action="signed").count() == 1
    contract.refresh_from_db()
    assert contract.status == "partly_signed"


def test_a_document_hash_other_than_the_frozen_one_is_refused(world):
    contract = sent(world)
    ada = party_of(contract, "ada@example.org")
    signing.party_consent(access=login_access(world.crew_a), party=ada)
    with pytest.raises(Conflict) as exc:
        signing.party_sign(
            access=login_access(world.crew_a), party=ada, typed_name="Ada", document_sha256="0" * 64
        )
    assert "document changed" in _messages(exc)


def test_nobody_signs_for_someone_else(world):
    contract = sent(world)
    ada = party_of(contract, "ada@example.org")
    for user in (world.crew_b, world.office):
        with pytest.raises(PermissionDenied):
            signing.party_consent(access=login_access(user), party=ada)


def test_a_typed_name_is_required(world):
    contract = sent(world)
    ada = party_of(contract, "ada@example.org")
    signing.party_consent(access=login_access(world.crew_a), party=ada)
    with pytest.raises(ValidationError) as exc:
        signing.party_sign(access=login_access(world.crew_a), party=ada, typed_name="  ")
    assert "typed_name" in exc.value.message_dict


def test_a_drawn_signature_must_be_a_png(world):
    contract = sent(world)
    ada = party_of(contract, "ada@example.org")
    signing.party_consent(access=login_access(world.crew_a), party=ada)
    with pytest.raises(ValidationError) as exc:
        signing.party_sign(
            access=login_access(world.crew_a), party=ada, typed_name="Ada", signature_png=b"GIF89a"
        )
    assert "PNG" in exc.value.message_dict["signature_png"][0]


def test_decline_needs_a_reason_and_declines_the_contract(world):
    contract = sent(world)
    token, code = links_from_mail()["lou@example.org"]
    with pytest.raises(ValidationError):
        signing.party_decline(access=link_access(token, code), reason="")
    signing.party_decline(access=link_access(token, code), reason="Rate too low.")
    contract.refresh_from_db()
    assert contract.status == "declined" and contract.decline_reason == "Rate too low."
    ada = party_of(contract, "ada@example.org")
    with pytest.raises(Conflict):
        signing.party_consent(access=login_access(world.crew_a), party=ada)


# --- signing links (E-14) -------------------------------------------------------------------------


def test_unknown_and_foreign_tokens_answer_not_found(world):
    contract = sent(world)
    token, code = links_from_mail()["lou@example.org"]
    with pytest.raises(LinkNotFound):
        signing.party_consent(access=link_access("nope", code))
    ada = party_of(contract, "ada@example.org")
    with pytest.raises(LinkNotFound):  # Lou's token used on Ada's party
        signing.party_consent(access=link_access(token, code), party=ada)


def test_a_used_link_is_gone(world):
    sent(world)
    token, code = links_from_mail()["lou@example.org"]
    signing.party_consent(access=link_access(token, code))
    signing.party_sign(access=link_access(token, code), typed_name="Lou Loanout")
    with pytest.raises(LinkGone) as exc:
        signing.party_view(access=link_access(token, code))
    assert "already used" in _messages(exc)


def test_an_expired_link_is_gone(world):
    contract = sent(world)
    token, code = links_from_mail()["lou@example.org"]
    party_of(contract, "lou@example.org").links.update(expires_at=timezone.now())
    with pytest.raises(LinkGone) as exc:
        signing.party_consent(access=link_access(token, code))
    assert "expired" in _messages(exc)


def test_wrong_codes_are_counted_logged_without_the_code_and_lock_the_link(world):
    contract = sent(world)
    token, code = links_from_mail()["lou@example.org"]
    wrong = "00000000" if code != "00000000" else "11111111"
    for _ in range(signing.MAX_CODE_ATTEMPTS):
        with pytest.raises(PermissionDenied):
            signing.party_consent(access=link_access(token, wrong))
    with pytest.raises(LinkGone) as exc:
        signing.party_consent(access=link_access(token, code))  # even the right code now
    assert "locked" in _messages(exc)
    logged = AuditEvent.objects.filter(action="contract.link_wrong_code")
    assert logged.count() == signing.MAX_CODE_ATTEMPTS
    assert not any(code in e.message or wrong in e.message for e in logged)
    assert party_of(contract, "lou@example.org").status == "pending"


# --- countersignature and order (E-12, E-13) ------------------------------------------------------


def test_countersign_refused_before_all_parties_sign(world):
    contract = sent(world)
    ada = party_of(contract, "ada@example.org")
    signing.party_consent(access=login_access(world.crew_a), party=ada)
    signing.party_sign(access=login_access(world.crew_a), party=ada, typed_name="Ada Canary")
    with pytest.raises(Conflict) as exc:
        countersign.contract_countersign(
            actor=world.office, contract=contract, otp_code=otp_code(world.office)
        )
    assert "countersigns last: 1 of 2 parties have not signed yet" in _messages(exc)
    contract.refresh_from_db()
    assert contract.status == "partly_signed" and contract.countersigned_at is None


def test_countersign_needs_the_signatory_permission_and_a_fresh_totp(world):
    contract = sign_all(world, sent(world))
    with pytest.raises(PermissionDenied):
        countersign.contract_countersign(actor=world.crew_a, contract=contract, otp_code="123456")
    with pytest.raises(PermissionDenied):
        countersign.contract_countersign(actor=world.head, contract=contract, otp_code="123456")
    code = otp_code(world.office)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    with pytest.raises(PermissionDenied) as exc:
        countersign.contract_countersign(actor=world.office, contract=contract, otp_code=wrong)
    assert "wrong or already used" in str(exc.value)
    with pytest.raises(ValidationError):
        countersign.contract_countersign(actor=world.office, contract=contract, otp_code="")
    contract.refresh_from_db()
    assert contract.status == "signed"
    assert not contract.events.filter(action="countersigned").exists()


def test_database_refuses_executed_without_countersignature(world):
    from django.db import IntegrityError, transaction

    contract = draft(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.filter(pk=contract.pk).update(status="executed")


def test_void_stops_signing_and_cannot_void_twice(world):
    contract = sent(world)
    ending.contract_void(actor=world.office, contract=contract, reason="Deal fell through")
    token, code = links_from_mail()["lou@example.org"]
    with pytest.raises(LinkGone):
        signing.party_consent(access=link_access(token, code))
    with pytest.raises(Conflict) as exc:
        ending.contract_void(actor=world.office, contract=contract)
    assert "Already voided" in _messages(exc)


def test_expiry_sweep_expires_contracts_past_their_deadline(world):
    contract = sent(world)
    Contract.objects.filter(pk=contract.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    other = sent(world)
    assert ending.contracts_expire() == 1
    contract.refresh_from_db()
    other.refresh_from_db()
    assert (contract.status, other.status) == ("expired", "sent")
    assert contract.events.last().action == "expired"


def test_amendments_only_for_executed_contracts(world):
    contract = sent(world)
    with pytest.raises(Conflict) as exc:
        drafting.amendment_create(actor=world.office, contract=contract, title="Extra week")
    assert "Only an executed contract can be amended" in _messages(exc)


def test_every_service_appends_a_verifiable_chain(world):
    from prodoffice.contracts.chain import verify_chains

    contract = sign_all(world, sent(world))
    ending.contract_void(actor=world.office, contract=contract, reason="test")
    results = list(verify_chains())
    assert results and all(broken is None for _, _, broken in results)
    assert ContractEvent.objects.filter(contract=contract).count() == 9
