"""Appending an event to a contract's hash chain (the hashing and verification are in
`contracts.chain`)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from prodoffice.contracts.chain import GENESIS, event_hash, plain_data
from prodoffice.contracts.models import Contract, ContractEvent
from prodoffice.core import context


def event_append(
    contract: Contract,
    action: str,
    *,
    actor=None,
    party=None,
    data: dict[str, Any] | None = None,
    user_agent: str = "",
    ip: str | None = None,
) -> ContractEvent:
    """Append one event; the caller holds the contract's row lock (select_for_update)."""
    last = contract.events.order_by("-seq").values_list("seq", "hash").first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    user = actor if getattr(actor, "is_authenticated", False) else None
    event = ContractEvent(
        contract=contract,
        seq=seq,
        action=action,
        actor=user,
        actor_label=str(user) if user else (str(party) if party else context.source()),
        party_ref=getattr(party, "public_id", None),
        at=timezone.now().astimezone(datetime.UTC),
        ip=ip or context.client_ip() or None,
        user_agent=(user_agent or "")[:512],
        data=plain_data(data or {}),
        prev_hash=prev,
    )
    event.hash = event_hash(event, contract.public_id)
    event.save()
    return event
