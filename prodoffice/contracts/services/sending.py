"""Sending a draft for signature: `sending` now, the document rendered and frozen in the
background (`send_contract` task, ADR 0009), then the signing links mailed; and the office's
preview of a draft."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from prodoffice.contracts import faults, tasks
from prodoffice.contracts import permissions as cperms
from prodoffice.contracts.choices import ContractStatus, ContractType, DocumentKind, EventAction
from prodoffice.contracts.errors import Conflict
from prodoffice.contracts.models import Contract, ContractDocument
from prodoffice.contracts.rendering import contract_pdf, preview_pdf
from prodoffice.contracts.services import links
from prodoffice.contracts.services.common import audit, failure_message, lock, move
from prodoffice.contracts.services.documents import discard_file, store
from prodoffice.contracts.services.events import event_append
from prodoffice.core.services import require

logger = logging.getLogger(__name__)
S = ContractStatus
T = ContractType

#: What a deal memo (cast or crew) cannot go out without, by field.
DEAL_MEMO_NEEDS = {
    "position": "Give the position.",
    "start_date": "Give the start date.",
}
LOCATION_NEEDS = {
    "location": "Name the location (its name and address).",
    "start_date": "Give the first date at the location.",
    "end_date": "Give the last date at the location.",
}
NO_PARTY = "Add at least one party before sending."
NO_PARTY_EMAIL = "Give at least one party an e-mail address for the signing link."


def contract_missing(contract: Contract) -> dict[str, str]:
    """What the contract lacks before it may be sent, by field, every item at once (empty when
    complete): cast and crew need the position, the rate with unit and currency, the start date;
    a location agreement the location, its dates and fee; every other type its title; all at
    least one party with an e-mail. Sending refuses on it and the preview shows it."""
    missing: dict[str, str] = {}
    if contract.contract_type in (T.CAST, T.CREW):
        missing |= _blank(contract, DEAL_MEMO_NEEDS) | _money(contract, "rate")
    elif contract.contract_type == T.LOCATION:
        missing |= _blank(contract, LOCATION_NEEDS) | _money(contract, "fee")
    elif not contract.title.strip():
        missing["title"] = "Give the contract a title."
    emails = [p.email for p in contract.parties.all()]
    if not emails:
        missing["parties"] = NO_PARTY
    elif not any(e.strip() for e in emails):
        missing["parties"] = NO_PARTY_EMAIL
    return missing


def _blank(contract: Contract, needs: dict[str, str]) -> dict[str, str]:
    return {name: text for name, text in needs.items() if getattr(contract, name) in (None, "")}


def _money(contract: Contract, word: str) -> dict[str, str]:
    """The rate (a location's fee) with its unit and currency."""
    if contract.rate is None:
        return {"rate": f"Give the {word} with its unit and currency."}
    missing = {}
    if not contract.rate_unit:
        missing["rate_unit"] = f"Give the {word}'s unit (hour, day, week, flat, episode)."
    if not contract.currency:
        missing["currency"] = f"Give the {word}'s currency (ISO 4217, e.g. USD)."
    return missing


def require_complete(contract: Contract) -> None:
    """Refuse, naming every missing item, a contract not complete enough to reach a party."""
    missing = contract_missing(contract)
    if missing:
        raise ValidationError(
            {name: ValidationError(text, code="incomplete") for name, text in missing.items()}
        )


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
    if contract.status == S.DRAFT:
        require_complete(contract)
    move(contract, S.SENDING)
    contract.expires_at = expires_at or contract.expires_at
    if contract.expires_at and contract.expires_at <= timezone.now():
        raise ValidationError({"expires_at": "The signing deadline is already past."})
    contract.sent_by = actor
    contract.send_error = ""
    contract.save(update_fields=["status", "expires_at", "sent_by", "send_error", "updated_at"])
    audit(actor, "send", contract, changes={"status": [S.DRAFT, S.SENDING]})
    tasks.send_contract.enqueue(contract.pk)
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
            require_complete(contract)  # a document with empty terms never reaches a party
            pdf, template = contract_pdf(contract)
            faults.point("send:rendered")
            document = store(contract, DocumentKind.ORIGINAL, pdf)
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
            event_append(
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
            audit(actor, "sent", contract, changes={"status": [S.SENDING, S.SENT]})
            faults.point("send:before-commit")
            links.links_mail_later(contract)
    except Exception as exc:
        for document in stored:
            discard_file(document.file.storage, document.file.name)
        return _send_failed(contract_id, exc)
    faults.point("send:frozen")
    return contract


def _send_failed(contract_id: int, exc: Exception) -> Contract:
    message = failure_message(exc)
    logger.warning("Rendering contract %s for sending failed: %s", contract_id, message)
    with transaction.atomic():
        contract = lock(Contract(pk=contract_id))
        if contract.status == S.SENDING:
            move(contract, S.DRAFT)
            contract.send_error = message
            contract.save(update_fields=["status", "send_error", "updated_at"])
            audit(
                None,
                "send_failed",
                contract,
                changes={"status": [S.SENDING, S.DRAFT]},
                message=message,
            )
    return contract


def contract_preview(*, actor, contract: Contract) -> bytes:
    """The office's preview of a draft: the PDF the parties would receive, marked as a preview
    on every page, with what sending would refuse for. A read: nothing is stored, frozen or
    logged in the chain. Sent contracts have their frozen document instead."""
    if actor is not None:
        require(cperms.can_manage_contract(actor, contract), "Only the office previews drafts.")
    if contract.status != S.DRAFT:
        raise Conflict(
            "status",
            "Only a draft is previewed; once sent, download its frozen document.",
            "not_draft",
        )
    return preview_pdf(contract, warnings=list(contract_missing(contract).values()))
