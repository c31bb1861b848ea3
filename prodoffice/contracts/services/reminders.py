"""Reminders: parties who have not signed an outstanding contract get a fresh link and code.

`contract_remind` is the office's button (web, API, CLI); `contracts_remind_due` the daily
sweep for parties still unsigned `PRODOFFICE_CONTRACT_REMINDER_DAYS` days after the send (at most
one reminder per party in that many days). The e-mails leave in the `mail_links` task, which
issues the fresh link when it runs and revokes the party's older unused links once it has left.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from prodoffice.contracts import permissions as cperms
from prodoffice.contracts.choices import OUTSTANDING, ContractStatus, PartyStatus
from prodoffice.contracts.errors import Conflict
from prodoffice.contracts.models import Contract, ContractParty
from prodoffice.contracts.services.common import audit, lock
from prodoffice.contracts.services.links import links_mail_later
from prodoffice.core.services import require

S = ContractStatus
WAITING = (PartyStatus.PENDING, PartyStatus.VIEWED)


def reminder_days() -> int:
    """Days after the send (and between two reminders of a party) before the sweep reminds."""
    return max(1, int(getattr(settings, "PRODOFFICE_CONTRACT_REMINDER_DAYS", 3)))


def contract_remind(*, actor, contract: Contract) -> list[ContractParty]:
    """Remind every party of an outstanding contract who has not signed (office only): each
    gets a fresh link and access code by e-mail; an audit entry names them. Returns them."""
    require(
        actor is not None and cperms.can_manage_contract(actor, contract),
        "Only the office sends reminders.",
    )
    with transaction.atomic():
        contract = lock(contract)
        if contract.status not in OUTSTANDING:
            raise Conflict(
                "status",
                f"A {contract.get_status_display().lower()} contract is not waiting for "
                "signatures: there is nobody to remind.",
                "not_outstanding",
            )
        parties = list(contract.parties.filter(status__in=WAITING).order_by("order", "id"))
        _remind(actor, contract, parties, timezone.now())
    return parties


def _remind(actor, contract: Contract, parties: list[ContractParty], now) -> None:
    ContractParty.objects.filter(pk__in=[p.pk for p in parties]).update(
        link_requested_at=now, reminded_at=now
    )
    names = ", ".join(f"{p} <{p.email}>" for p in parties)
    audit(actor, "remind", contract, message=f"reminded {names}")
    links_mail_later(contract)


def contracts_remind_due(*, now=None, production=None) -> int:
    """Remind parties still unsigned N days after the send, at most once per N days each;
    returns how many parties were reminded."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=reminder_days())
    contracts = Contract.objects.filter(status__in=OUTSTANDING, sent_at__lte=cutoff)
    if production is not None:
        contracts = contracts.filter(production=production)
    count = 0
    for pk in contracts.values_list("pk", flat=True):
        with transaction.atomic():
            contract = lock(Contract(pk=pk))
            if contract.status not in OUTSTANDING:
                continue
            parties = list(
                contract.parties.filter(status__in=WAITING)
                .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=cutoff))
                .order_by("order", "id")
            )
            if parties:
                _remind(None, contract, parties, now)
                count += len(parties)
    return count
