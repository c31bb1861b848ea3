"""Sealing a countersigned contract in the background (`seal_contract` task, the sweep): the
certificate of completion and the office's PAdES seal over the whole file make it executed."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.contracts import faults, tasks
from prodoffice.contracts.choices import ContractStatus, DocumentKind, EventAction
from prodoffice.contracts.models import Contract, ContractDocument
from prodoffice.contracts.sealing import Completion, PartyEvidence, SealError, seal_document
from prodoffice.contracts.services.common import audit, failure_message, lock, move
from prodoffice.contracts.services.documents import (
    discard_file,
    file_matches,
    original,
    sha256,
    store,
)
from prodoffice.contracts.services.events import event_append

logger = logging.getLogger(__name__)
S = ContractStatus


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
            event_append(
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
            audit(None, "seal", contract, changes={"status": [S.COUNTERSIGNED, S.EXECUTED]})
            faults.point("seal:before-commit")
            # Queued with the seal's commit (an outbox row); inline tasks mail at once.
            transaction.on_commit(lambda: tasks.mail_copies.enqueue(contract_id))
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


def _seal_failed(contract_id: int, exc: Exception) -> Contract:
    message = failure_message(exc)
    logger.warning("Sealing contract %s failed: %s", contract_id, message)
    with transaction.atomic():
        contract = lock(Contract(pk=contract_id))
        if contract.status == S.COUNTERSIGNED:
            contract.seal_error = message
            contract.seal_attempts += 1
            contract.save(update_fields=["seal_error", "seal_attempts", "updated_at"])
            audit(None, "seal_failed", contract, message=message)
    return contract


def _seal(contract: Contract, source: ContractDocument) -> ContractDocument:
    """The certificate of completion and the office's PAdES seal over the whole file."""
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
    final = store(contract, DocumentKind.FINAL, sealed)
    faults.point("seal:after-file")
    return final


def completion(contract: Contract, source: ContractDocument):
    """The evidence the certificate of completion lists (SECURITY.md E-08)."""
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
        time_zone=contract.production.time_zone or "UTC",
    )
