"""Signing: the parties (by login, or by link and access code) and the office's countersignature.

A party consents first (the consent text's version and SHA-256 are kept), then views the frozen
document, then signs with a typed name; every step is evidence in the party row and an event in
the contract's hash chain. The office countersigns last, with a fresh TOTP code, and the
countersignature seals the document: the only way to `executed`.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.contrib.auth.hashers import check_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from prodoffice.contracts import chain, faults
from prodoffice.contracts import permissions as cperms
from prodoffice.contracts.choices import (
    SIGNABLE,
    AuthMethod,
    ContractStatus,
    DocumentKind,
    EventAction,
    PartyStatus,
)
from prodoffice.contracts.errors import Conflict, LinkGone, LinkNotFound
from prodoffice.contracts.models import (
    ConsentText,
    Contract,
    ContractDocument,
    ContractParty,
    SigningLink,
)
from prodoffice.contracts.services import (
    _audit,
    _store,
    discard_file,
    failure_message,
    lock,
    move,
    sha256,
    token_hash,
)
from prodoffice.core.services import require

S = ContractStatus
logger = logging.getLogger(__name__)
#: Wrong access codes before a link locks (E-14); the office sends a new version or link.
MAX_CODE_ATTEMPTS = 5
#: A drawn signature: a PNG of at most this size.
MAX_SIGNATURE_BYTES = 200_000
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Access:
    """How a signer reached the contract: a signed-in user, or a link with its access code."""

    user: object = None
    token: str = ""
    code: str = ""
    ip: str = ""
    user_agent: str = ""


def link_party(token: str, code: str) -> ContractParty:
    """The party a link belongs to, after checking the access code.

    Unknown tokens answer 404; expired, used, revoked or locked links 410. A wrong code counts
    an attempt in its own committed transaction (the refusal must not roll it back) and is
    logged without the code.
    """
    link = link_holder(token)
    if link is None:
        raise LinkNotFound("token", "This signing link is not valid.", "unknown_link")
    _refuse_dead_link(link)
    if not check_password(code or "", link.code_hash):
        _count_attempt(link)
        left = MAX_CODE_ATTEMPTS - link.attempts
        message = "Wrong access code." + (
            f" {left} attempts left." if left > 0 else " The link is now locked."
        )
        raise PermissionDenied(message)
    return link.party


def _refuse_dead_link(link: SigningLink) -> None:
    if link.revoked_at:
        raise LinkGone("token", "This signing link was withdrawn by the office.", "link_revoked")
    if link.used_at:
        raise LinkGone("token", "This signing link was already used.", "link_used")
    if link.expires_at <= timezone.now():
        raise LinkGone("token", "This signing link has expired.", "link_expired")
    if link.attempts >= MAX_CODE_ATTEMPTS:
        raise LinkGone("token", "Too many wrong access codes: this link is locked.", "link_locked")


def _count_attempt(link: SigningLink) -> None:
    with transaction.atomic():
        SigningLink.objects.filter(pk=link.pk).update(attempts=link.attempts + 1)
        link.attempts += 1
        _audit(
            None,
            "link_wrong_code",
            link.party.contract,
            message=f"party {link.party.public_id}, attempt {link.attempts}",
        )


def _signer(access: Access, party: ContractParty | None) -> tuple[ContractParty, str]:
    """The party acting, and how they were authenticated (login or link)."""
    if access.token:
        linked = link_party(access.token, access.code)
        if party is not None and party.pk != linked.pk:
            raise LinkNotFound("token", "This signing link is not valid.", "unknown_link")
        return linked, AuthMethod.LINK
    user = access.user
    require(party is not None and getattr(user, "is_authenticated", False))
    if party.person.user_id != user.pk:
        raise PermissionDenied("Only the party signs for themselves.")
    return party, AuthMethod.LOGIN


def _lock_party(party: ContractParty) -> tuple[Contract, ContractParty]:
    contract = lock(party.contract)
    return contract, ContractParty.objects.select_for_update().get(pk=party.pk)


def _evidence(party: ContractParty, method: str, access: Access) -> None:
    party.auth_method = method
    party.ip = access.ip or None
    party.user_agent = (access.user_agent or "")[:512]


def _event(contract, action, party, access: Access, **data):
    return chain.append(
        contract,
        action,
        actor=access.user,
        party=party,
        ip=access.ip or None,
        user_agent=access.user_agent,
        data=data,
    )


def original(contract: Contract) -> ContractDocument:
    """The frozen document of the contract's current version."""
    doc = contract.documents.filter(version=contract.version, kind=DocumentKind.ORIGINAL).first()
    if doc is None:
        raise Conflict("status", "This contract has not been sent.", "not_sent")
    return doc


def _require_signable(contract: Contract, party: ContractParty) -> None:
    if party.status == PartyStatus.SIGNED:
        raise Conflict("status", "Already signed.", "already_signed")
    if party.status == PartyStatus.DECLINED:
        raise Conflict("status", "You declined this contract.", "declined")
    if contract.status not in SIGNABLE:
        message = f"This contract is {contract.get_status_display().lower()}: nothing to sign."
        raise Conflict("status", message, "not_signable")


def current_consent() -> ConsentText:
    """The consent text parties agree to now."""
    consent = ConsentText.objects.order_by("-created_at", "-id").first()
    if consent is None:
        raise ValidationError("No consent text is configured.")
    return consent


# --- the parties -------------------------------------------------------------------------------


def party_consent(*, access: Access, party: ContractParty | None = None) -> ContractParty:
    """Consent to sign electronically: the consent text's version and hash are kept."""
    party, method = _signer(access, party)
    with transaction.atomic():
        contract, party = _lock_party(party)
        _require_signable(contract, party)
        consent = current_consent()
        party.consent_version, party.consent_sha256 = consent.version, consent.sha256
        party.consented_at = timezone.now()
        _evidence(party, method, access)
        party.save()
        _event(
            contract,
            EventAction.CONSENT,
            party,
            access,
            version=consent.version,
            sha256=consent.sha256,
            auth=method,
        )
    return party


def party_view(*, access: Access, party: ContractParty | None = None) -> ContractDocument:
    """The frozen document, after consent; the first view marks the party as having viewed."""
    party, method = _signer(access, party)
    with transaction.atomic():
        contract, party = _lock_party(party)
        _require_signable(contract, party)
        if not party.consent_sha256:
            raise Conflict("consent", "Consent to sign electronically first.", "consent_first")
        document = original(contract)
        party.viewed_at = party.viewed_at or timezone.now()
        party.status = PartyStatus.VIEWED
        _evidence(party, method, access)
        party.save()
        _event(contract, EventAction.VIEWED, party, access, sha256=document.sha256, auth=method)
    return document


def _signature_png(data: bytes | None) -> bytes | None:
    if not data:
        return None
    if not data.startswith(PNG_MAGIC) or len(data) > MAX_SIGNATURE_BYTES:
        raise ValidationError(
            {"signature_png": f"A drawn signature is a PNG of at most {MAX_SIGNATURE_BYTES} bytes."}
        )
    return bytes(data)


def party_sign(
    *,
    access: Access,
    typed_name: str,
    party: ContractParty | None = None,
    document_sha256: str = "",
    signature_png: bytes | None = None,
) -> ContractParty:
    """Sign the frozen document with a typed name (and optionally a drawn signature)."""
    party, method = _signer(access, party)
    typed_name = (typed_name or "").strip()
    if not typed_name:
        raise ValidationError({"typed_name": "Type your full name to sign."})
    png = _signature_png(signature_png)
    with transaction.atomic():
        contract, party = _lock_party(party)
        _require_signable(contract, party)
        if not party.consent_sha256:
            raise Conflict("consent", "Consent to sign electronically first.", "consent_first")
        document = original(contract)
        if document_sha256 and document_sha256.lower() != document.sha256:
            raise Conflict(
                "document_sha256",
                "The document changed since you opened it; reload it before signing.",
                "document_changed",
            )
        now = timezone.now()
        party.status, party.signed_at, party.typed_name = PartyStatus.SIGNED, now, typed_name
        party.signed_sha256, party.signature_png = document.sha256, png
        party.viewed_at = party.viewed_at or now
        _evidence(party, method, access)
        party.save()
        _use_link(access, party, now)
        _event(
            contract,
            EventAction.SIGNED,
            party,
            access,
            sha256=document.sha256,
            typed_name=typed_name,
            auth=method,
            drawn=png is not None,
        )
        _after_party(contract, access.user, "sign")
    return party


def _use_link(access: Access, party: ContractParty, now: datetime.datetime) -> None:
    if access.token:
        SigningLink.objects.filter(party=party, token_hash=token_hash(access.token)).update(
            used_at=now
        )


def _after_party(contract: Contract, actor, verb: str) -> None:
    """Move the contract by its parties' states: partly signed, signed by all, or declined."""
    states = list(contract.parties.values_list("status", flat=True))
    if PartyStatus.DECLINED in states:
        target = S.DECLINED
    elif all(s == PartyStatus.SIGNED for s in states):
        target = S.SIGNED
    else:
        target = S.PARTLY_SIGNED
    if target != contract.status:
        old = move(contract, target)
        contract.save(update_fields=["status", "decline_reason", "updated_at"])
        _audit(actor, f"party_{verb}", contract, changes={"status": [old, target]})


def party_decline(
    *, access: Access, reason: str, party: ContractParty | None = None
) -> ContractParty:
    """Decline to sign, with a reason: the contract is declined."""
    party, method = _signer(access, party)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why you decline (the office reads it)."})
    with transaction.atomic():
        contract, party = _lock_party(party)
        _require_signable(contract, party)
        now = timezone.now()
        party.status, party.declined_at, party.decline_reason = PartyStatus.DECLINED, now, reason
        _evidence(party, method, access)
        party.save()
        _use_link(access, party, now)
        contract.decline_reason = reason
        _event(contract, EventAction.DECLINED, party, access, reason=reason, auth=method)
        _after_party(contract, access.user, "decline")
    return party


def latest_document(contract: Contract) -> ContractDocument:
    """The final sealed document once executed, else the frozen original."""
    docs = contract.documents.filter(version=contract.version)
    doc = docs.filter(kind=DocumentKind.FINAL).first() or docs.filter(kind="original").first()
    if doc is None:
        raise Conflict("status", "This contract has not been sent.", "not_sent")
    return doc


def party_document(*, access: Access, party: ContractParty | None = None) -> ContractDocument:
    """A party's copy: before signing, the view step (consent first); after, a download."""
    party, _method = _signer(access, party)
    done = party.status in (PartyStatus.SIGNED, PartyStatus.DECLINED)
    if not done and party.contract.status in SIGNABLE:
        return party_view(access=access, party=party)
    with transaction.atomic():
        contract, party = _lock_party(party)
        doc = latest_document(contract)
        _event(contract, EventAction.DOWNLOADED, party, access, kind=doc.kind, sha256=doc.sha256)
    return doc


def document_download(*, actor, contract: Contract, ip: str = "", user_agent: str = ""):
    """The office's copy (the sealed one once executed); the download is logged in the chain."""
    require(cperms.can_manage_contract(actor, contract), "Only the office downloads this.")
    with transaction.atomic():
        contract = lock(contract)
        doc = latest_document(contract)
        access = Access(user=actor, ip=ip, user_agent=user_agent)
        _event(contract, EventAction.DOWNLOADED, None, access, kind=doc.kind, sha256=doc.sha256)
    return doc


# --- the office --------------------------------------------------------------------------------


def _verify_totp(user, otp_code: str) -> None:
    """A fresh TOTP code of the user's confirmed device (a code is accepted once)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    code = (otp_code or "").strip()
    devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    if not code:
        raise ValidationError({"otp_code": "Countersigning needs a code from your authenticator."})
    if not any(d.verify_token(code) for d in devices):
        raise PermissionDenied("The authenticator code is wrong or already used.")


def contract_countersign(
    *, actor, contract: Contract, otp_code: str, ip: str = "", user_agent: str = ""
) -> Contract:
    """The office signatory countersigns last, with a fresh TOTP code: the contract is
    countersigned and its seal queued (the `seal_contract` task makes it executed). Two
    concurrent calls: the row lock lets one win."""
    require(
        actor is not None and cperms.can_countersign(actor, contract),
        "Only the office signatory countersigns.",
    )
    with transaction.atomic():
        contract = lock(contract)
        faults.point("countersign:locked")
        _countersign_state(contract)
        _verify_totp(actor, otp_code)
        _countersign_locked(actor, contract, Access(user=actor, ip=ip, user_agent=user_agent))
        faults.point("countersign:before-commit")
    faults.point("countersign:committed")
    return contract


def contracts_countersign_many(
    *, actor, contracts, otp_code: str, ip: str = "", user_agent: str = ""
) -> list[tuple[Contract, str]]:
    """Bulk countersignature: one fresh TOTP code for the batch, then each contract in its own
    transaction (a refusal or a failed seal of one leaves the others done). Returns
    (contract, error message or "") per contract, in order."""
    require(actor is not None, "Only the office signatory countersigns.")
    verify_second_factor(actor, otp_code)
    access = Access(user=actor, ip=ip, user_agent=user_agent)
    results: list[tuple[Contract, str]] = []
    for contract in contracts:
        try:
            results.append(
                (countersign_verified(actor=actor, contract=contract, access=access), "")
            )
        except (ValidationError, PermissionDenied) as exc:
            results.append((contract, "; ".join(_messages(exc))))
    return results


def _messages(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return [str(m) for m in exc.messages]
    return [str(exc)]


def _countersign_locked(actor, contract: Contract, access: Access) -> None:
    """Countersign a locked contract whose state and second factor are checked, and queue its
    seal in the same transaction (the task exists exactly when the countersignature does)."""
    from prodoffice.contracts.tasks import seal_contract

    seal_ready()  # no office seal at all: refused before anything changes (bulk path too)
    now = timezone.now()
    move(contract, S.COUNTERSIGNED)
    contract.countersigned_by, contract.countersigned_at = actor, now
    contract.seal_error = ""
    contract.save(
        update_fields=["status", "countersigned_by", "countersigned_at", "seal_error", "updated_at"]
    )
    source = original(contract)
    _event(contract, EventAction.COUNTERSIGNED, None, access, sha256=source.sha256)
    faults.point("countersign:after-event")
    _audit(actor, "countersign", contract, changes={"status": [S.SIGNED, S.COUNTERSIGNED]})
    seal_contract.enqueue(contract.pk)
    # Inline tasks (tests, PRODOFFICE_TASKS_IMMEDIATE) sealed it already: answer as it is now.
    contract.refresh_from_db()


def seal_ready() -> None:
    """Refuse the countersignature up front when the office seal cannot sign at all."""
    from prodoffice.contracts.sealing import SealError
    from prodoffice.contracts.sealing.keys import office_signer

    try:
        office_signer()
    except SealError as exc:
        raise ValidationError({"seal": f"The office seal could not be applied: {exc}"}) from exc


def contract_seal(*, contract_id: int) -> Contract:
    """The background half of the countersignature (the `seal_contract` task, and the sweep).

    Under the contract's lock: a contract that is not countersigned (already executed: a task
    delivered twice) is left alone; otherwise the completion page and PAdES seal are applied, the
    final document stored, the "sealed" event appended and the status set to executed, in one
    transaction. A failure (a full disk, F-06) rolls all of that back, deletes any file written,
    and records the error on the contract, which stays countersigned for the sweep to retry.
    """
    stored: list[ContractDocument] = []
    try:
        with transaction.atomic():
            contract = lock(Contract(pk=contract_id))
            faults.point("seal:locked")
            if contract.status != S.COUNTERSIGNED:
                return contract
            source = original(contract)
            final = _final(contract, source, stored)
            faults.point("seal:after-store")
            chain.append(
                contract,
                EventAction.SEALED,
                data={
                    "original_sha256": source.sha256,
                    "final_sha256": final.sha256,
                    "size": final.size,
                },
            )
            faults.point("seal:after-event")
            move(contract, S.EXECUTED)
            contract.seal_error = ""
            contract.seal_attempts += 1
            contract.save(update_fields=["status", "seal_error", "seal_attempts", "updated_at"])
            _audit(None, "seal", contract, changes={"status": [S.COUNTERSIGNED, S.EXECUTED]})
            faults.point("seal:before-commit")
            from prodoffice.contracts.tasks import mail_copies

            # Queued with the seal's commit (an outbox row); inline tasks mail at once.
            transaction.on_commit(lambda: mail_copies.enqueue(contract_id))
    except Exception as exc:
        for document in stored:
            discard_file(document.file.storage, document.file.name)
        return _seal_failed(contract_id, exc)
    faults.point("seal:committed")
    return contract


def _final(contract: Contract, source: ContractDocument, stored: list) -> ContractDocument:
    """The final document: one already stored and intact is kept (never a stale one)."""
    existing = contract.documents.filter(version=contract.version, kind=DocumentKind.FINAL).first()
    if existing is not None:
        if file_matches(existing):
            return existing
        existing.delete()  # its bytes do not match its SHA-256: never accepted, sealed again
        discard_file(existing.file.storage, existing.file.name)
    final = _seal(contract, source)
    stored.append(final)
    return final


def file_matches(document: ContractDocument) -> bool:
    """Whether a document's stored bytes are there and match its SHA-256."""
    try:
        with document.file.open("rb") as fh:
            return sha256(fh.read()) == document.sha256
    except (OSError, ValueError):
        return False


def _seal_failed(contract_id: int, exc: Exception) -> Contract:
    message = failure_message(exc)
    logger.warning("Sealing contract %s failed: %s", contract_id, message)
    with transaction.atomic():
        contract = lock(Contract(pk=contract_id))
        if contract.status == S.COUNTERSIGNED:
            contract.seal_error = message
            contract.seal_attempts += 1
            contract.save(update_fields=["seal_error", "seal_attempts", "updated_at"])
            _audit(None, "seal_failed", contract, message=message)
    return contract


def _countersign_state(contract: Contract) -> None:
    if contract.status in (S.COUNTERSIGNED, S.EXECUTED):
        raise Conflict("status", "Already countersigned.", "already_countersigned")
    if contract.status in SIGNABLE:
        waiting = contract.parties.exclude(status=PartyStatus.SIGNED).count()
        raise Conflict(
            "status",
            f"The office countersigns last: {waiting} of {contract.parties.count()} parties "
            "have not signed yet.",
            "parties_first",
        )
    if contract.status != S.SIGNED:
        message = f"A {contract.get_status_display().lower()} contract cannot be countersigned."
        raise Conflict("status", message, "invalid_transition")


def _seal(contract: Contract, source: ContractDocument) -> ContractDocument:
    """The certificate of completion and the office's PAdES seal over the whole file."""
    from prodoffice.contracts.sealing import SealError, seal_document

    with source.file.open("rb") as fh:
        data = fh.read()
    if sha256(data) != source.sha256:
        raise ValidationError("The stored original no longer matches its SHA-256; not sealing.")
    try:
        sealed = seal_document(
            data,
            completion(contract, source),
            reason=f"Countersigned by the production office of {contract.production.title}",
            contract_ref=contract.reference,
        )
    except SealError as exc:
        # Nothing is kept: the seal's transaction rolls back, the contract stays countersigned
        # (F-06: never executed without its file).
        raise ValidationError({"seal": f"The office seal could not be applied: {exc}"}) from exc
    final = _store(contract, DocumentKind.FINAL, sealed)
    faults.point("seal:after-file")
    return final


def completion(contract: Contract, source: ContractDocument):
    """The evidence the certificate of completion lists (SECURITY.md E-08)."""
    from prodoffice.contracts.sealing import Completion, PartyEvidence

    parties = [
        PartyEvidence(
            name=p.display_name,
            email=p.email,
            role=p.get_role_display(),
            auth_method=p.get_auth_method_display(),
            consent_version=p.consent_version,
            consent_sha256=p.consent_sha256,
            viewed_at=p.viewed_at,
            signed_at=p.signed_at,
            ip=p.ip or "",
            user_agent=p.user_agent,
            typed_name=p.typed_name,
        )
        for p in contract.parties.select_related("person", "company").order_by("order", "id")
    ]
    events = [
        (e.at, e.get_action_display(), e.actor_label)
        for e in contract.events.order_by("seq")
        if e.action not in ("downloaded",)
    ]
    return Completion(
        contract_ref=contract.reference,
        number=f"C-{contract.number:04d} v{contract.version}",
        title=contract.title,
        production=contract.production.title,
        parties=parties,
        countersigned_by=str(contract.countersigned_by),
        countersigned_at=contract.countersigned_at,
        original_sha256=source.sha256,
        events=events,
    )


# --- contracts desk: bulk countersignature (the second factor checked once per batch) ---------


def verify_second_factor(user, otp_code: str) -> None:
    """Check a fresh TOTP code of the user's confirmed device once, for a whole batch."""
    _verify_totp(user, otp_code)


def countersign_verified(*, actor, contract: Contract, access: Access) -> Contract:
    """Countersign one contract in its own transaction, for a batch whose second factor was
    checked by `verify_second_factor` (bulk.py): the permission and state checks still apply."""
    require(
        actor is not None and cperms.can_countersign(actor, contract),
        "Only the office signatory countersigns.",
    )
    with transaction.atomic():
        locked = lock(contract)
        _countersign_state(locked)
        _countersign_locked(actor, locked, access)
    return locked


# --- end contracts desk -------------------------------------------------------------------------

# --- contracts signing: withdrawal of consent ----------------------------------------------------


def party_withdraw_consent(*, access: Access, party: ContractParty | None = None) -> ContractParty:
    """Withdraw consent to sign electronically (E-10): recorded in the chain, and the document
    stays hidden until the party consents again; refused once the party signed or declined."""
    party, method = _signer(access, party)
    with transaction.atomic():
        contract, party = _lock_party(party)
        _require_signable(contract, party)
        if not party.consent_sha256:
            raise Conflict(
                "consent", "You have not consented, so there is nothing to withdraw.", "no_consent"
            )
        version, digest = party.consent_version, party.consent_sha256
        party.consent_version, party.consent_sha256, party.consented_at = "", "", None
        # Back to pending: the first view stays recorded in viewed_at and in the chain.
        party.status = PartyStatus.PENDING
        _evidence(party, method, access)
        party.save()
        _event(
            contract,
            EventAction.CONSENT_WITHDRAWN,
            party,
            access,
            version=version,
            sha256=digest,
            auth=method,
        )
        _audit(access.user, "consent_withdraw", contract, message=f"party {party.public_id}")
    return party


# --- contracts signing: the web pages -----------------------------------------------------------


def link_check(token: str) -> SigningLink:
    """The live link a token names, without an access code and without counting an attempt:
    the web pages ask this before showing the code form (404 unknown, 410 used or dead)."""
    link = link_holder(token)
    if link is None:
        raise LinkNotFound("token", "This signing link is not valid.", "unknown_link")
    _refuse_dead_link(link)
    return link


def link_holder(token: str) -> SigningLink | None:
    """The link a token names, dead or alive (None when unknown); nothing is checked."""
    return (
        SigningLink.objects.select_related("party__contract")
        .filter(token_hash=token_hash(token or ""))
        .first()
    )


def party_copy(*, party: ContractParty, access: Access) -> ContractDocument:
    """The copy of a party who has signed or declined, for the browser session that did it by
    link (the link is used up by then; the web view keeps that proof in the server session).
    The download is logged in the chain like every other."""
    with transaction.atomic():
        contract, party = _lock_party(party)
        if party.status not in (PartyStatus.SIGNED, PartyStatus.DECLINED):
            raise Conflict("status", "Sign or decline first.", "not_done")
        doc = latest_document(contract)
        _event(contract, EventAction.DOWNLOADED, party, access, kind=doc.kind, sha256=doc.sha256)
    return doc


def pdf_verify(data: bytes):
    """The verdict of `prodoffice verify-contract` on uploaded bytes: the seal, and when the file
    names one of this office's contracts, its stored final SHA-256 too. Returns (verdict,
    whether the stored copy was compared). Nothing is stored."""
    from prodoffice.contracts.management.commands.verify_contract import stored_sha256
    from prodoffice.contracts.sealing import verify_pdf

    verdict = verify_pdf(data)
    expected = stored_sha256(verdict.contract_ref)
    if expected is not None:
        verdict = verify_pdf(data, stored_sha256=expected)
    return verdict, expected is not None


# --- end contracts signing ---
