"""The executed copy by e-mail: once the office has sealed a contract, each party receives the
final PDF as an attachment, the very bytes whose SHA-256 is stored (E-15).

Runs as the `mail_copies` task queued in the seal's transaction, and from the sweep for any
party still without their copy. A party is marked after the message left, in the same locked
transaction: a crash in between sends the copy once more later, never not at all. A final file
whose bytes no longer match its SHA-256 is never sent (the sweep's `--verify-files` reports it).
"""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from prodoffice.contracts.choices import ContractStatus, DocumentKind
from prodoffice.contracts.models import ContractDocument, ContractParty
from prodoffice.contracts.services.common import lock_party
from prodoffice.contracts.services.documents import sha256
from prodoffice.core.text import neutralise


def _final(party: ContractParty) -> ContractDocument | None:
    contract = party.contract
    return contract.documents.filter(version=contract.version, kind=DocumentKind.FINAL).first()


def party_mail_copy(*, party_id: int) -> bool:
    """Mail one party the executed copy, once; False when there is nothing (more) to send."""
    with transaction.atomic():
        party = lock_party(party_id)
        if party is None or party.copy_mailed_at is not None:
            return False
        contract = party.contract
        final = _final(party)
        if contract.status != ContractStatus.EXECUTED or final is None:
            return False
        with final.file.open("rb") as fh:
            data = fh.read()
        if sha256(data) != final.sha256:
            return False  # never send bytes other than the ones hashed
        # Plain text has no markup to isolate a name or title: controls are shown as markers.
        message = EmailMessage(
            neutralise(f"{contract.production.title}: {contract.reference} is executed"),
            neutralise(
                f"Hello {party.person},\n\n“{contract.title}” ({contract.reference}) is signed by "
                f"every party and countersigned and sealed by the production office of "
                f"{contract.production.title}. Your copy is attached.\n\n"
                f"SHA-256 of the attached file: {final.sha256}\n"
                "Anyone can check its seal on the office's /verify/ page.\n"
            ),
            None,
            [party.email],
        )
        message.attach(f"{contract.reference}.pdf", data, "application/pdf")
        message.send()
        party.copy_mailed_at = timezone.now()
        party.save(update_fields=["copy_mailed_at"])
    return True


def contract_mail_copies(*, contract_id: int) -> int:
    """Mail the executed copy to every party of a contract still without it."""
    ids = ContractParty.objects.filter(
        contract_id=contract_id, copy_mailed_at__isnull=True
    ).values_list("pk", flat=True)
    return sum(party_mail_copy(party_id=pk) for pk in list(ids))
