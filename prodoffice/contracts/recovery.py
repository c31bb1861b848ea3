"""The recovery sweep: finish whatever background work a crash or a lost task left half-way.

`sweep()` runs from `prodoffice contracts sweep` (cron, or by hand after an incident) and from
`prodoffice worker` when it starts. Each step is idempotent and safe next to a running worker:
contracts are taken under their row lock, and only work older than `grace` is considered lost.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from prodoffice.contracts import tasks
from prodoffice.contracts.choices import OUTSTANDING, ContractStatus, DocumentKind, PartyStatus
from prodoffice.contracts.models import Contract, ContractDocument, ContractParty
from prodoffice.contracts.services import copies, documents, drafting, links, sealing, sending

S = ContractStatus
logger = logging.getLogger(__name__)
#: Work younger than this may still be in a running task or an open transaction.
GRACE = datetime.timedelta(minutes=5)
#: How often a running worker sweeps (a queued task that queues the next one).
SWEEP_EVERY = datetime.timedelta(minutes=5)
#: Where contract documents are stored (see models._document_path).
FOLDER = "contracts"


@dataclass
class SweepReport:
    """What one sweep did, by step (contract references, party ids, file names)."""

    sent: list[str] = field(default_factory=list)
    send_failed: dict[str, str] = field(default_factory=dict)
    sealed: list[str] = field(default_factory=list)
    seal_failed: dict[str, str] = field(default_factory=dict)
    sends_rolled_back: list[str] = field(default_factory=list)
    mailed: list[str] = field(default_factory=list)
    copies_mailed: list[str] = field(default_factory=list)
    orphans_deleted: list[str] = field(default_factory=list)
    bad_finals: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "sent": self.sent,
            "send_failed": self.send_failed,
            "sealed": self.sealed,
            "seal_failed": self.seal_failed,
            "sends_rolled_back": self.sends_rolled_back,
            "mailed": self.mailed,
            "copies_mailed": self.copies_mailed,
            "orphans_deleted": self.orphans_deleted,
            "bad_finals": self.bad_finals,
        }

    @property
    def clean(self) -> bool:
        """Nothing left that needs a person: no failed send or seal, no executed contract
        without its intact final file."""
        return not self.send_failed and not self.seal_failed and not self.bad_finals

    def lines(self) -> list[str]:
        out = [f"Sent (document rendered and frozen): {ref}" for ref in self.sent]
        out += [
            f"Send failed, back to draft: {ref}: {error}" for ref, error in self.send_failed.items()
        ]
        out += [f"Sealed: {ref}" for ref in self.sealed]
        out += [f"Seal failed: {ref}: {error}" for ref, error in self.seal_failed.items()]
        out += [f"Send rolled back to a new draft: {ref}" for ref in self.sends_rolled_back]
        out += [f"Link mailed: {who}" for who in self.mailed]
        out += [f"Executed copy mailed: {who}" for who in self.copies_mailed]
        out += [f"Orphan file deleted: {name}" for name in self.orphans_deleted]
        out += [
            f"Executed without an intact final file (restore it from backup): {ref}"
            for ref in self.bad_finals
        ]
        return out or ["Nothing to recover."]


def sweep(*, now=None, grace: datetime.timedelta = GRACE, verify_files: bool = False):
    """Finish sends whose render task was lost, seal countersigned contracts, roll back sends
    without their document, mail due links and executed copies, delete orphan files; with
    `verify_files`, check every executed contract's final file."""
    now = now or timezone.now()
    report = SweepReport()
    _send(report, now - grace)
    _seal(report)
    _stuck_sends(report)
    _mail(report, now - grace)
    _copies(report, now - grace)
    _orphans(report, now - grace)
    if verify_files:
        _verify_finals(report)
    return report


def _send(report: SweepReport, before) -> None:
    """Contracts left `sending` (the render task lost, or killed): render and freeze them now.
    Young ones may be in a running task; the row lock makes a race harmless either way."""
    waiting = Contract.objects.filter(status=S.SENDING, updated_at__lte=before)
    for pk in waiting.values_list("pk", flat=True):
        contract = sending.contract_freeze(contract_id=pk)
        if contract.status == S.SENT:
            report.sent.append(contract.reference)
        elif contract.send_error:
            report.send_failed[contract.reference] = contract.send_error


def _seal(report: SweepReport) -> None:
    for pk in Contract.objects.filter(status=S.COUNTERSIGNED).values_list("pk", flat=True):
        contract = sealing.contract_seal(contract_id=pk)
        if contract.status == S.EXECUTED:
            report.sealed.append(contract.reference)
        elif contract.seal_error:
            report.seal_failed[contract.reference] = contract.seal_error


def _stuck_sends(report: SweepReport) -> None:
    """Out for signature without the frozen document of its version: impossible while sending
    freezes in one transaction, but a restore from an older backup can produce it."""
    has_original = ContractDocument.objects.filter(
        contract=OuterRef("pk"), version=OuterRef("version"), kind=DocumentKind.ORIGINAL
    )
    stuck = Contract.objects.filter(status__in=OUTSTANDING | {S.SIGNED}).exclude(
        Exists(has_original)
    )
    for contract in stuck.select_related("production"):
        drafting.contract_new_version(actor=None, contract=contract)
        report.sends_rolled_back.append(contract.reference)


def _mail(report: SweepReport, before) -> None:
    due = (
        ContractParty.objects.filter(
            contract__status__in=OUTSTANDING,
            status__in=(PartyStatus.PENDING, PartyStatus.VIEWED),
            link_requested_at__lte=before,
        )
        .filter(Q(link_mailed_at__isnull=True) | Q(link_mailed_at__lt=F("link_requested_at")))
        .select_related("contract__production")
    )
    for party in due:
        if links.party_mail_link(party_id=party.pk):
            report.mailed.append(f"{party.contract.reference} {party.email}")


def _copies(report: SweepReport, before) -> None:
    """Parties of executed contracts still without their copy (the task was lost)."""
    due = ContractParty.objects.filter(
        contract__status=S.EXECUTED, copy_mailed_at__isnull=True, contract__updated_at__lte=before
    ).select_related("contract__production")
    for party in due:
        if copies.party_mail_copy(party_id=party.pk):
            report.copies_mailed.append(f"{party.contract.reference} {party.email}")


def _orphans(report: SweepReport, before) -> None:
    """Files in the contracts folder that no document row names (a write whose transaction
    rolled back or was killed); young files may belong to a transaction still open."""
    storage = default_storage
    try:
        _dirs, files = storage.listdir(FOLDER)
    except (FileNotFoundError, NotADirectoryError):
        return
    names = [f"{FOLDER}/{filename}" for filename in sorted(files)]
    known = set(ContractDocument.objects.filter(file__in=names).values_list("file", flat=True))
    for name in names:
        if name in known:
            continue
        try:
            if storage.get_modified_time(name) > before:
                continue
        except (OSError, NotImplementedError):
            # Gone meanwhile, or a storage that keeps no modification times (Django's base
            # Storage raises NotImplementedError): without its age a file may belong to a
            # transaction still open, so it is kept. The file system storage has the times.
            continue
        documents.discard_file(storage, name)
        report.orphans_deleted.append(name)


def _verify_finals(report: SweepReport) -> None:
    finals = ContractDocument.objects.filter(
        contract__status=S.EXECUTED, kind=DocumentKind.FINAL, version=F("contract__version")
    ).select_related("contract__production")
    having = set()
    for document in finals:
        having.add(document.contract_id)
        if not documents.file_matches(document):
            report.bad_finals.append(document.contract.reference)
    for contract in Contract.objects.filter(status=S.EXECUTED).exclude(pk__in=having):
        report.bad_finals.append(contract.reference)


def worker_startup() -> None:
    """`prodoffice worker` runs the sweep once when it starts (a crash may have left work),
    then keeps one sweep queued every SWEEP_EVERY."""
    report = sweep()
    for line in report.lines():
        logger.info("Contracts sweep: %s", line)
    schedule_sweep()


def schedule_sweep(*, every: datetime.timedelta | None = None) -> bool:
    """Queue the next sweep `every` from now (SWEEP_EVERY by default), unless one is already
    waiting: one chain of sweeps however many workers start. Only with the database queue
    (inline tasks have no worker to run them later). Returns whether one was queued."""
    if not isinstance(task_backends["default"], DatabaseBackend):
        return False
    waiting = DBTaskResult.objects.filter(
        task_path=tasks.sweep_contracts.module_path, status="READY"
    )
    if waiting.exists():
        return False
    tasks.sweep_contracts.using(run_after=timezone.now() + (every or SWEEP_EVERY)).enqueue()
    return True
