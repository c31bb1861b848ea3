"""Ending a contract before it is executed: the office voids it, the sweep expires it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from prodoffice.contracts import permissions as cperms
from prodoffice.contracts.choices import OUTSTANDING, ContractStatus, EventAction
from prodoffice.contracts.models import Contract, SigningLink
from prodoffice.contracts.services.common import audit, lock, move
from prodoffice.contracts.services.events import event_append
from prodoffice.core.services import require

S = ContractStatus


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
    event_append(contract, EventAction.VOIDED, actor=actor, data={"from": old, "reason": reason})
    audit(actor, "void", contract, changes={"status": [old, S.VOIDED]}, message=reason)
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
            event_append(contract, EventAction.EXPIRED, data={"from": old})
            audit(None, "expire", contract, changes={"status": [old, S.EXPIRED]})
            count += 1
    return count
