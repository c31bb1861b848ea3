"""Bulk send and bulk countersignature from the contract desk, run as a background job.

The request checks permissions (and, for a countersignature, the fresh TOTP code) once and
records a `BulkJob`; the task then calls the ordinary per-contract service for each contract in
its own transaction, so one refusal leaves the others done, and the job page follows its count.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from prodoffice.audit.services import record
from prodoffice.contracts import permissions as cperms
from prodoffice.contracts import tasks
from prodoffice.contracts.choices import BulkKind
from prodoffice.contracts.models import BulkJob, Contract
from prodoffice.contracts.services import countersign, sending, signing
from prodoffice.core.services import require

#: The most contracts one job takes (a desk page of them).
MAX_CONTRACTS = 200


def _checked(actor, production, contracts) -> list:
    ids = [c.pk for c in contracts]
    if not ids:
        raise ValidationError({"contracts": "Tick at least one contract."})
    if len(ids) > MAX_CONTRACTS:
        raise ValidationError({"contracts": f"At most {MAX_CONTRACTS} contracts at a time."})
    rows = list(
        Contract.objects.for_user(actor, "change").filter(production=production, pk__in=ids)
    )
    if len(rows) != len(set(ids)):
        raise ValidationError({"contracts": "Some of these contracts are not yours to change."})
    return rows


def _start(*, actor, production, kind: str, contracts, ip: str = "", user_agent: str = ""):
    with transaction.atomic():
        job = BulkJob.objects.create(
            production=production,
            kind=kind,
            created_by=actor,
            total=len(contracts),
            ip=ip or None,
            user_agent=(user_agent or "")[:512],
        )
        job.contracts.set(contracts)
        record(
            actor=actor,
            action=f"contract.bulk_{kind}",
            target=job,
            production=production,
            message=f"{len(contracts)} contracts",
        )
        transaction.on_commit(lambda: tasks.run_bulk_job.enqueue(job.pk))
    return job


def bulk_send(*, actor, production, contracts) -> BulkJob:
    """Queue sending each contract (office staff); each is sent as `contract_send` sends one."""

    require(cperms.can_manage_contract(actor, production), "Only the office sends contracts.")
    rows = _checked(actor, production, contracts)
    return _start(actor=actor, production=production, kind=BulkKind.SEND, contracts=rows)


def bulk_countersign(
    *, actor, production, contracts, otp_code: str, ip: str = "", user_agent: str = ""
) -> BulkJob:
    """Queue countersigning each contract: the office signatory's TOTP code is checked once,
    here in the request; each contract is then countersigned by the ordinary path."""

    rows = _checked(actor, production, contracts)
    require(
        all(cperms.can_countersign(actor, c) for c in rows),
        "Only the office signatory countersigns.",
    )
    countersign.verify_second_factor(actor, otp_code)
    return _start(
        actor=actor,
        production=production,
        kind=BulkKind.COUNTERSIGN,
        contracts=rows,
        ip=ip,
        user_agent=user_agent,
    )


def bulk_run(*, job_id: int) -> BulkJob:
    """Run a job: each contract in its own transaction, the count and errors saved as it goes."""
    job = BulkJob.objects.select_related("created_by").get(pk=job_id)
    if job.is_finished:
        return job
    handled = set(job.errors)
    for contract in job.contracts.select_related("production").order_by("number")[job.done :]:
        error = _one(job, contract)
        if error and str(contract.public_id) not in handled:
            job.errors[str(contract.public_id)] = error
        job.done += 1
        job.save(update_fields=["done", "errors", "updated_at"])
    job.finished_at = timezone.now()
    job.save(update_fields=["finished_at", "updated_at"])
    return job


def _one(job: BulkJob, contract) -> str:
    """The per-contract service; its refusal as a message ("" when done)."""
    try:
        if job.kind == BulkKind.SEND:
            sending.contract_send(actor=job.created_by, contract=contract)
        else:
            countersign.countersign_verified(
                actor=job.created_by,
                contract=contract,
                access=signing.Access(
                    user=job.created_by, ip=job.ip or "", user_agent=job.user_agent
                ),
            )
    except (ValidationError, PermissionDenied) as exc:
        return "; ".join(countersign.error_messages(exc))
    return ""
