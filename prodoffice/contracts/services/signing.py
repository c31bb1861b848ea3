"""Signing by the parties, by login or by link and access code.

A party consents first (the consent text's version and SHA-256 are kept), then views the frozen
document, then signs with a typed name; every step is evidence in the party row and an event in
the contract's hash chain. The office countersigns last (`countersign.py`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.hashers import check_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from prodoffice.contracts import permissions as cperms
from prodoffice.contracts.choices import (
    SIGNABLE,
    AuthMethod,
    ContractStatus,
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
from prodoffice.contracts.services import links
from prodoffice.contracts.services.common import audit, lock, move
from prodoffice.contracts.services.documents import latest_document, original
from prodoffice.contracts.services.events import event_append
from prodoffice.core.services import require
from prodoffice.core.text import refuse_bidi_under

S = ContractStatus


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
        .filter(token_hash=links.token_hash(token or ""))
        .first()
    )


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
        audit(
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


def _lock_contract_and_party(party: ContractParty) -> tuple[Contract, ContractParty]:
    contract = lock(party.contract)
    return contract, ContractParty.objects.select_for_update().get(pk=party.pk)


def _evidence(party: ContractParty, method: str, access: Access) -> None:
    party.auth_method = method
    party.ip = access.ip or None
    party.user_agent = (access.user_agent or "")[:512]


def signer_event(contract, action, party, access: Access, **data):
    return event_append(
        contract,
        action,
        actor=access.user,
        party=party,
        ip=access.ip or None,
        user_agent=access.user_agent,
        data=data,
    )


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


def party_consent(*, access: Access, party: ContractParty | None = None) -> ContractParty:
    """Consent to sign electronically: the consent text's version and hash are kept."""
    party, method = _signer(access, party)
    with transaction.atomic():
        contract, party = _lock_contract_and_party(party)
        _require_signable(contract, party)
        consent = current_consent()
        party.consent_version, party.consent_sha256 = consent.version, consent.sha256
        party.consented_at = timezone.now()
        _evidence(party, method, access)
        party.save()
        signer_event(
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
        contract, party = _lock_contract_and_party(party)
        _require_signable(contract, party)
        if not party.consent_sha256:
            raise Conflict("consent", "Consent to sign electronically first.", "consent_first")
        document = original(contract)
        party.viewed_at = party.viewed_at or timezone.now()
        party.status = PartyStatus.VIEWED
        _evidence(party, method, access)
        party.save()
        signer_event(
            contract, EventAction.VIEWED, party, access, sha256=document.sha256, auth=method
        )
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
    refuse_bidi_under("typed_name", typed_name)
    png = _signature_png(signature_png)
    with transaction.atomic():
        contract, party = _lock_contract_and_party(party)
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
        signer_event(
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
        SigningLink.objects.filter(party=party, token_hash=links.token_hash(access.token)).update(
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
        audit(actor, f"party_{verb}", contract, changes={"status": [old, target]})


def party_decline(
    *, access: Access, reason: str, party: ContractParty | None = None
) -> ContractParty:
    """Decline to sign, with a reason: the contract is declined."""
    party, method = _signer(access, party)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why you decline (the office reads it)."})
    with transaction.atomic():
        contract, party = _lock_contract_and_party(party)
        _require_signable(contract, party)
        now = timezone.now()
        party.status, party.declined_at, party.decline_reason = PartyStatus.DECLINED, now, reason
        _evidence(party, method, access)
        party.save()
        _use_link(access, party, now)
        contract.decline_reason = reason
        signer_event(contract, EventAction.DECLINED, party, access, reason=reason, auth=method)
        _after_party(contract, access.user, "decline")
    return party


def party_withdraw_consent(*, access: Access, party: ContractParty | None = None) -> ContractParty:
    """Withdraw consent to sign electronically (E-10): recorded in the chain, and the document
    stays hidden until the party consents again; refused once the party signed or declined."""
    party, method = _signer(access, party)
    with transaction.atomic():
        contract, party = _lock_contract_and_party(party)
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
        signer_event(
            contract,
            EventAction.CONSENT_WITHDRAWN,
            party,
            access,
            version=version,
            sha256=digest,
            auth=method,
        )
        audit(access.user, "consent_withdraw", contract, message=f"party {party.public_id}")
    return party


def party_document(*, access: Access, party: ContractParty | None = None) -> ContractDocument:
    """A party's copy: before signing, the view step (consent first); after, a download."""
    party, _method = _signer(access, party)
    done = party.status in (PartyStatus.SIGNED, PartyStatus.DECLINED)
    if not done and party.contract.status in SIGNABLE:
        return party_view(access=access, party=party)
    with transaction.atomic():
        contract, party = _lock_contract_and_party(party)
        doc = latest_document(contract)
        signer_event(
            contract, EventAction.DOWNLOADED, party, access, kind=doc.kind, sha256=doc.sha256
        )
    return doc


def party_copy(*, party: ContractParty, access: Access) -> ContractDocument:
    """The copy of a party who has signed or declined, for the browser session that did it by
    link (the link is used up by then; the web view keeps that proof in the server session).
    The download is logged in the chain like every other."""
    with transaction.atomic():
        contract, party = _lock_contract_and_party(party)
        if party.status not in (PartyStatus.SIGNED, PartyStatus.DECLINED):
            raise Conflict("status", "Sign or decline first.", "not_done")
        doc = latest_document(contract)
        signer_event(
            contract, EventAction.DOWNLOADED, party, access, kind=doc.kind, sha256=doc.sha256
        )
    return doc


def document_download(*, actor, contract: Contract, ip: str = "", user_agent: str = ""):
    """The office's copy (the sealed one once executed); the download is logged in the chain."""
    require(cperms.can_manage_contract(actor, contract), "Only the office downloads this.")
    with transaction.atomic():
        contract = lock(contract)
        doc = latest_document(contract)
        access = Access(user=actor, ip=ip, user_agent=user_agent)
        signer_event(
            contract, EventAction.DOWNLOADED, None, access, kind=doc.kind, sha256=doc.sha256
        )
    return doc
