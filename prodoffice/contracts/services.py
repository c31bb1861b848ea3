"""Every write to a contract around signing: draft, parties, versions, send, void, expiry.

The parties' and the office's signatures live in `signing.py`. Each service checks permissions
itself, runs in one transaction, locks the contract row, appends to the contract's hash chain and
records a project audit event, so web, API and CLI cannot disagree.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from prodoffice.audit.services import record
from prodoffice.contracts import chain, faults
from prodoffice.contracts import permissions as cperms
from prodoffice.contracts.choices import (
    CONTRACT_TRANSITIONS,
    OUTSTANDING,
    PUBLICITY,
    PUBLICITY_REFUSED,
    ContractStatus,
    DocumentKind,
    EventAction,
    PartyStatus,
)
from prodoffice.contracts.errors import Conflict
from prodoffice.contracts.models import Contract, ContractDocument, ContractParty, SigningLink
from prodoffice.contracts.rendering import render_pdf
from prodoffice.core.services import require, save_changes
from prodoffice.core.transitions import check_transition

logger = logging.getLogger(__name__)
S = ContractStatus
TERM_FIELDS = (
    "title",
    "engagement",
    "position",
    "union",
    "occupation_code",
    "rate",
    "rate_unit",
    "currency",
    "hire_basis",
    "guarantee",
    "guarantee_unit",
    "start_date",
    "end_date",
    "overtime_terms",
    "kit_rental",
    "car_allowance",
    "per_diem",
    "agency",
    "loan_out_company",
    "agent_fee_percent",
    "credit",
    "season",
    "episode",
    "clauses",
    "expires_at",
)
PARTY_FIELDS = ("person", "company", "role", "email", "order")
#: How long a signing link lives when the contract has no deadline of its own.
LINK_LIFETIME = datetime.timedelta(days=14)
FROZEN = "Sent contracts change by a new version: this one was sent, its terms are frozen."
SENDING = (
    "The document is being rendered for sending; it is out for signature in a moment "
    "(void it to stop the send)."
)


def sha256(data: bytes) -> str:
    """SHA-256 in hex."""
    return hashlib.sha256(data).hexdigest()


def refuse_publicity(contract_type: str | None) -> None:
    """The office does not handle publicity contracts, on every interface."""
    if contract_type == PUBLICITY:
        raise ValidationError(
            {"contract_type": ValidationError(PUBLICITY_REFUSED, code="publicity_refused")}
        )


def lock(contract: Contract) -> Contract:
    """The contract re-read under a row lock: concurrent transitions queue here (F-07)."""
    return Contract.objects.select_for_update().select_related("production").get(pk=contract.pk)


def move(contract: Contract, target: str, *, field: str = "status") -> str:
    """Set a status by the transition table (a refused move is a 409 conflict)."""
    try:
        check_transition(CONTRACT_TRANSITIONS, contract.status, target, field=field)
    except ValidationError as exc:
        code = "already" if exc.error_dict[field][0].code == "no_change" else "invalid_transition"
        raise Conflict(field, " ".join(exc.messages), code) from exc
    old, contract.status = contract.status, target
    return old


def _audit(actor, action: str, contract: Contract, **kwargs) -> None:
    record(
        actor=actor,
        action=f"contract.{action}",
        target=contract,
        production=contract.production_id,
        **kwargs,
    )


def _require_draft(contract: Contract) -> None:
    if contract.status == S.SENDING:
        raise Conflict("status", SENDING, "sending")
    if contract.status != S.DRAFT:
        raise Conflict("status", FROZEN, "sent_contract_frozen")


# --- drafting ----------------------------------------------------------------------------------


@transaction.atomic
def contract_create(
    *, actor, production, contract_type: str, amends: Contract | None = None, **values: Any
) -> Contract:
    """Draft a contract of a type (office staff); numbered per production."""
    refuse_publicity(contract_type)
    if actor is not None:
        require(cperms.can_manage_contract(actor, production), "Only the office drafts contracts.")
    last = (
        Contract.objects.select_for_update()
        .filter(production=production)
        .aggregate(n=Max("number"))["n"]
    )
    contract = Contract(
        production=production,
        contract_type=contract_type,
        amends=amends,
        number=(last or 0) + 1,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    save_changes(contract, values, TERM_FIELDS)
    if contract.pk is None:  # nothing but the type was given
        contract.full_clean()
        contract.save()
    chain.append(contract, EventAction.CREATED, actor=actor, data=_created_data(contract))
    _audit(actor, "create", contract)
    return contract


def _created_data(contract: Contract) -> dict[str, Any]:
    data = {"type": contract.contract_type, "number": contract.number, "version": 1}
    if contract.amends_id:
        data["amends"] = str(contract.amends.public_id)
    return data


@transaction.atomic
def contract_update(*, actor, contract: Contract, **values: Any) -> Contract:
    """Change a draft's terms; a sent contract is refused (it changes by a new version)."""
    if actor is not None:
        require(cperms.can_manage_contract(actor, contract), "Only the office edits contracts.")
    refuse_publicity(values.get("contract_type"))
    contract = lock(contract)
    _require_draft(contract)
    changes = save_changes(contract, values, TERM_FIELDS)
    if changes:
        _audit(actor, "update", contract, changes=changes)
    return contract


@transaction.atomic
def party_add(
    *, actor, contract: Contract, person, role: str, company=None, email: str = "", order=None
) -> ContractParty:
    """Add a counterparty to a draft (a person, or a company signing through its signatory)."""
    if actor is not None:
        require(cperms.can_manage_contract(actor, contract), "Only the office adds parties.")
    contract = lock(contract)
    _require_draft(contract)
    if order is None:
        order = (contract.parties.aggregate(n=Max("order"))["n"] or 0) + 1
    party = ContractParty(contract=contract)
    values = {"person": person, "company": company, "role": role, "order": order}
    values["email"] = (email or person.email or "").strip()
    if not values["email"]:
        raise ValidationError({"email": f"{person} has no e-mail address; give one for signing."})
    if contract.parties.filter(person=person, company=company).exists():
        raise ValidationError({"person": f"{person} is already a party of this contract."})
    save_changes(party, values, PARTY_FIELDS)
    _audit(actor, "party_add", contract, message=f"{party} as {party.get_role_display()}")
    return party


@transaction.atomic
def party_remove(*, actor, party: ContractParty) -> None:
    """Remove a counterparty from a draft."""
    contract = party.contract
    if actor is not None:
        require(cperms.can_manage_contract(actor, contract), "Only the office removes parties.")
    contract = lock(contract)
    _require_draft(contract)
    label = str(party)
    party.delete()
    _audit(actor, "party_remove", contract, message=label)


@transaction.atomic
def amendment_create(*, actor, contract: Contract, title: str, **values: Any) -> Contract:
    """An amendment: a new contract linked to an executed one, with the same parties."""
    if actor is not None:
        require(cperms.can_manage_contract(actor, contract), "Only the office drafts amendments.")
    if contract.status != S.EXECUTED:
        raise Conflict("amends", "Only an executed contract can be amended.", "not_executed")
    amendment = contract_create(
        actor=actor,
        production=contract.production,
        contract_type=contract.contract_type,
        amends=contract,
        title=title,
        **values,
    )
    for p in contract.parties.all():
        party_add(
            actor=actor,
            contract=amendment,
            person=p.person,
            company=p.company,
            role=p.role,
            email=p.email,
            order=p.order,
        )
    return amendment


@transaction.atomic
def contract_new_version(*, actor, contract: Contract) -> Contract:
    """Back to draft as version N+1: outstanding signatures and links are voided."""
    if actor is not None:
        require(cperms.can_manage_contract(actor, contract), "Only the office revises contracts.")
    contract = lock(contract)
    if contract.status == S.DRAFT:
        raise Conflict("status", "A draft is edited directly; it has no signatures.", "draft")
    if contract.status == S.SENDING:
        raise Conflict("status", SENDING, "sending")
    old_status = move(contract, S.DRAFT)
    voided = _void_signatures(contract)
    contract.version += 1
    contract.sent_at = None
    contract.decline_reason = ""
    contract.save(update_fields=["status", "version", "sent_at", "decline_reason", "updated_at"])
    chain.append(
        contract,
        EventAction.NEW_VERSION,
        actor=actor,
        data={"version": contract.version, "from": old_status, "signatures_voided": voided},
    )
    _audit(
        actor,
        "new_version",
        contract,
        changes={"version": [contract.version - 1, contract.version]},
    )
    return contract


def _void_signatures(contract: Contract) -> int:
    """Reset every party's signing state and revoke their links; the chain keeps the history."""
    now = timezone.now()
    SigningLink.objects.filter(party__contract=contract, used_at__isnull=True).update(
        revoked_at=now
    )
    voided = contract.parties.exclude(status=PartyStatus.PENDING).count()
    contract.parties.update(
        status=PartyStatus.PENDING,
        consent_version="",
        consent_sha256="",
        consented_at=None,
        auth_method="",
        viewed_at=None,
        signed_at=None,
        signed_sha256="",
        ip=None,
        user_agent="",
        typed_name="",
        signature_png=None,
        declined_at=None,
        decline_reason="",
    )
    return voided


# --- sending -----------------------------------------------------------------------------------


@transaction.atomic
def contract_send(*, actor, contract: Contract, expires_at=None) -> Contract:
    """Send a draft: `sending` now, and the `send_contract` task renders and freezes the
    document, then mails the signing links (ADR 0009).

    The task row is written in this transaction (an outbox); inline tasks (tests,
    `PRODOFFICE_TASKS_IMMEDIATE`) run here, so the contract comes back `sent` there.
    """
    if actor is not None:
        require(cperms.can_manage_contract(actor, contract), "Only the office sends contracts.")
    contract = lock(contract)
    parties = contract.parties.exists()
    if contract.status == S.DRAFT and not parties:
        raise ValidationError({"parties": "Add at least one party before sending."})
    move(contract, S.SENDING)
    contract.expires_at = expires_at or contract.expires_at
    if contract.expires_at and contract.expires_at <= timezone.now():
        raise ValidationError({"expires_at": "The signing deadline is already past."})
    contract.sent_by = actor
    contract.send_error = ""
    contract.save(update_fields=["status", "expires_at", "sent_by", "send_error", "updated_at"])
    _audit(actor, "send", contract, changes={"status": [S.DRAFT, S.SENDING]})
    from prodoffice.contracts.tasks import send_contract

    send_contract.enqueue(contract.pk)
    faults.point("send:queued")
    transaction.on_commit(lambda: faults.point("send:committed"))
    contract.refresh_from_db()
    return contract


def contract_freeze(*, contract_id: int) -> Contract:
    """The background half of sending (the `send_contract` task, and the sweep).

    Under the contract's lock: a contract that is not `sending` (already sent: a task delivered
    twice; voided meanwhile) is left alone. Otherwise the type's template is rendered to PDF, its
    bytes and SHA-256 frozen, the "sent" event appended, the status set to `sent` and the link
    e-mails queued, in one transaction. A failure rolls all of that back, deletes the file it
    wrote, and returns the contract to `draft` with the reason in `send_error`: nothing went out,
    and the office sends again once the cause is fixed.
    """
    stored: list[ContractDocument] = []
    try:
        with transaction.atomic():
            contract = lock(Contract(pk=contract_id))
            faults.point("send:locked")
            if contract.status != S.SENDING:
                return contract
            parties = list(contract.parties.order_by("order", "id"))
            if not parties:
                raise ValidationError({"parties": "The contract has no party any more."})
            pdf, template = render_pdf(contract)
            faults.point("send:rendered")
            document = _store(contract, DocumentKind.ORIGINAL, pdf)
            stored.append(document)
            faults.point("send:after-store")
            now = timezone.now()
            if contract.expires_at and contract.expires_at <= now:
                raise ValidationError(
                    {"expires_at": "The signing deadline passed before the document was ready."}
                )
            move(contract, S.SENT)
            contract.sent_at = now
            contract.send_error = ""
            contract.save(update_fields=["status", "sent_at", "send_error", "updated_at"])
            contract.parties.update(link_requested_at=now, link_mailed_at=None)
            actor = contract.sent_by
            chain.append(
                contract,
                EventAction.SENT,
                actor=actor,
                data={
                    "version": contract.version,
                    "template_version": template.version,
                    "original_sha256": document.sha256,
                    "size": document.size,
                    "parties": [str(p.public_id) for p in parties],
                },
            )
            _audit(actor, "sent", contract, changes={"status": [S.SENDING, S.SENT]})
            faults.point("send:before-commit")
            links_mail_later(contract)
    except Exception as exc:
        for document in stored:
            discard_file(document.file.storage, document.file.name)
        return _send_failed(contract_id, exc)
    faults.point("send:frozen")
    return contract


def failure_message(exc: Exception) -> str:
    """A background failure as the office reads it: the exception's kind and its messages."""
    text = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    return f"{type(exc).__name__}: {text}"[:2000]


def _send_failed(contract_id: int, exc: Exception) -> Contract:
    message = failure_message(exc)
    logger.warning("Rendering contract %s for sending failed: %s", contract_id, message)
    with transaction.atomic():
        contract = lock(Contract(pk=contract_id))
        if contract.status == S.SENDING:
            move(contract, S.DRAFT)
            contract.send_error = message
            contract.save(update_fields=["status", "send_error", "updated_at"])
            _audit(
                None,
                "send_failed",
                contract,
                changes={"status": [S.SENDING, S.DRAFT]},
                message=message,
            )
    return contract


def contract_preview(*, actor, contract: Contract) -> bytes:
    """The office's preview of a draft: the PDF the parties would receive, marked as a preview
    on every page. A read: nothing is stored, frozen or logged in the chain. Sent contracts
    have their frozen document instead."""
    if actor is not None:
        require(cperms.can_manage_contract(actor, contract), "Only the office previews drafts.")
    if contract.status != S.DRAFT:
        raise Conflict(
            "status",
            "Only a draft is previewed; once sent, download its frozen document.",
            "not_draft",
        )
    from prodoffice.contracts.rendering import preview_pdf

    return preview_pdf(contract)


def links_mail_later(contract: Contract) -> None:
    """Queue the link e-mails of a contract's due parties (the `mail_links` task).

    The task row is written in the caller's transaction, so it exists exactly when the change
    that asked for it committed (inline tasks run right here); the sweep mails whatever a lost
    task left due.
    """
    from prodoffice.contracts.tasks import mail_links

    mail_links.enqueue(contract.pk)


def _store(contract: Contract, kind: str, data: bytes) -> ContractDocument:
    """Frozen bytes in storage with their SHA-256 and size.

    The name is chosen first, so a failed or short write (a full disk, F-06) leaves no file
    behind; a file whose row then rolls back is an orphan the sweep deletes.
    """
    document = ContractDocument(
        contract=contract, version=contract.version, kind=kind, sha256=sha256(data), size=len(data)
    )
    storage = document.file.storage
    name = document.file.field.generate_filename(document, f"{kind}.pdf")
    try:
        document.file.name = storage.save(name, ContentFile(data))
        with storage.open(document.file.name, "rb") as fh:
            if sha256(fh.read()) != document.sha256:
                raise OSError(f"{document.file.name}: the stored bytes differ from those written")
        document.save()
    except BaseException:
        discard_file(storage, document.file.name or name)
        raise
    return document


def discard_file(storage, name: str) -> None:
    """Delete a stored file if it is there (cleanup after a failure must not fail itself)."""
    try:
        if name and storage.exists(name):
            storage.delete(name)
    except OSError:
        pass


def token_hash(token: str) -> str:
    """Links are looked up by the SHA-256 of their token (the token itself is never stored)."""
    return sha256(token.encode("utf-8"))


def _link_create(party: ContractParty, expires_at) -> tuple[str, str]:
    """A fresh single-use link; returns (token, access code), shown only in the e-mails."""
    _link, token, code = _link_issue(party, expires_at)
    return token, code


def _link_issue(party: ContractParty, expires_at) -> tuple[SigningLink, str, str]:
    token = secrets.token_urlsafe(32)
    code = f"{secrets.randbelow(10**8):08d}"
    link = SigningLink.objects.create(
        party=party,
        token_hash=token_hash(token),
        code_hash=make_password(code),
        expires_at=expires_at,
    )
    return link, token, code


def signing_url(token: str) -> str:
    """Where a party opens their link."""
    base = getattr(settings, "PRODOFFICE_BASE_URL", "") or "http://127.0.0.1:8000"
    return f"{base.rstrip('/')}/sign/{token}/"


def _link_due(party: ContractParty) -> bool:
    """A party whose fresh link was asked for and not yet mailed, while it can still sign."""
    return (
        party.contract.status in OUTSTANDING
        and party.status in (PartyStatus.PENDING, PartyStatus.VIEWED)
        and party.link_requested_at is not None
        and (party.link_mailed_at is None or party.link_mailed_at < party.link_requested_at)
    )


def contract_mail_links(*, contract_id: int) -> int:
    """Mail a fresh link to each party of the contract whose link is due; how many were mailed.

    Idempotent: a party already mailed since its last request gets nothing.
    """
    ids = ContractParty.objects.filter(contract_id=contract_id).values_list("pk", flat=True)
    return sum(party_mail_link(party_id=pk) for pk in ids)


def lock_party(party_id: int) -> ContractParty | None:
    """A party under its row lock, with its contract and production (a background mail step);
    None when it is gone."""
    return (
        ContractParty.objects.select_for_update()
        .select_related("contract__production", "person")
        .filter(pk=party_id)
        .first()
    )


def party_mail_link(*, party_id: int) -> bool:
    """Issue a fresh link to a party whose link is due, mail it, then mark the party mailed.

    Three steps so that a crash at any point leaves a working link: the new link is committed
    before it is mailed, and the party's older unused links are revoked only once the new one
    has left. A crash between "mailed" and "marked" re-sends one more fresh link later (the
    sweep), never nothing. Links carry secrets that are never stored in clear, so the link is
    made here, when the mail leaves.
    """
    with transaction.atomic():
        party = lock_party(party_id)
        if party is None or not _link_due(party):
            return False
        contract = party.contract
        issued, served = timezone.now(), party.link_requested_at
        link, token, code = _link_issue(party, contract.expires_at or issued + LINK_LIFETIME)
    faults.point("mail:link-issued")
    _mail_link(contract, party, token, code, reminder=party.reminded_at is not None)
    faults.point("mail:sent")
    with transaction.atomic():
        ContractParty.objects.select_for_update().filter(pk=party_id).update(
            link_mailed_at=max(issued, served)
        )
        SigningLink.objects.filter(
            party_id=party_id, pk__lt=link.pk, used_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
    return True


def _mail_link(contract: Contract, party: ContractParty, token: str, code: str, *, reminder=False):
    """Two messages: the link, then the access code, so a forwarded link alone signs nothing."""
    subject = f"{contract.production.title}: please sign {contract.reference}"
    opening = (
        f"A reminder: the production office of {contract.production.title} is waiting for your "
        f"signature of “{contract.title}” ({contract.reference}). This new link replaces the "
        "earlier ones."
        if reminder
        else f"The production office of {contract.production.title} sends you "
        f"“{contract.title}” ({contract.reference}) to sign."
    )
    send_mail(
        ("Reminder – " if reminder else "") + subject,
        f"Hello {party.person},\n\n{opening}\n\n"
        f"Open: {signing_url(token)}\n\nThe access code follows in a separate message.\n",
        None,
        [party.email],
    )
    send_mail(
        f"{contract.reference}: your access code",
        f"Your access code for {contract.reference} is {code}.\n",
        None,
        [party.email],
    )


# --- ending ------------------------------------------------------------------------------------


@transaction.atomic
def contract_void(*, actor, contract: Contract, reason: str = "") -> Contract:
    """Void a contract that is not executed; its links stop working."""
    if actor is not None:
        require(cperms.can_manage_contract(actor, contract), "Only the office voids contracts.")
    contract = lock(contract)
    old = move(contract, S.VOIDED)
    contract.save(update_fields=["status", "updated_at"])
    SigningLink.objects.filter(party__contract=contract, used_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    chain.append(contract, EventAction.VOIDED, actor=actor, data={"from": old, "reason": reason})
    _audit(actor, "void", contract, changes={"status": [old, S.VOIDED]}, message=reason)
    return contract


def contracts_expire(*, now=None) -> int:
    """The sweep: contracts out for signature past their deadline become expired."""
    now = now or timezone.now()
    due = Contract.objects.filter(status__in=OUTSTANDING, expires_at__lte=now)
    count = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            contract = lock(Contract(pk=pk))
            if contract.status not in OUTSTANDING or contract.expires_at > now:
                continue  # signed meanwhile
            old = move(contract, S.EXPIRED)
            contract.save(update_fields=["status", "updated_at"])
            chain.append(contract, EventAction.EXPIRED, data={"from": old})
            _audit(None, "expire", contract, changes={"status": [old, S.EXPIRED]})
            count += 1
    return count
