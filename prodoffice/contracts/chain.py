"""The per-contract hash chain: how an event is hashed, and recomputing every chain.

Events are appended by `services.events.event_append`.

Each event's hash is SHA-256 over the canonical JSON (sorted keys, no spaces, UTF-8) of its
fields and the previous event's hash; the first event chains from 64 zeros. Changing, removing or
reordering a row breaks the chain from that row on, which `verify_chains` reports by contract
and sequence number.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from prodoffice.contracts.models import Contract, ContractEvent

GENESIS = "0" * 64


def plain_data(data: dict[str, Any]) -> dict[str, Any]:
    """The data as the JSON column gives it back (dates and decimals as strings)."""
    return json.loads(json.dumps(data or {}, default=str))


def canonical(event: ContractEvent, contract_public_id) -> bytes:
    """The exact bytes an event's hash covers."""
    row = {
        "contract": str(contract_public_id),
        "seq": event.seq,
        "action": event.action,
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "party": str(event.party_ref) if event.party_ref else None,
        "at": event.at.astimezone(datetime.UTC).isoformat(),
        "ip": event.ip or None,
        "user_agent": event.user_agent,
        "data": event.data,
        "prev_hash": event.prev_hash,
    }
    return json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(event: ContractEvent, contract_public_id) -> str:
    """SHA-256 of the event's canonical JSON."""
    return hashlib.sha256(canonical(event, contract_public_id)).hexdigest()


@dataclass(frozen=True)
class Break:
    """Where a chain stops verifying."""

    contract: str
    contract_id: str
    seq: int
    reason: str

    def __str__(self) -> str:
        return f"contract {self.contract} ({self.contract_id}): seq {self.seq}: {self.reason}"


def verify_events(contract: Contract, events: Iterable[ContractEvent]) -> Break | None:
    """The first break in one contract's chain, or None when every link recomputes."""
    prev, expected_seq = GENESIS, 1
    for event in events:
        where = {"contract": contract.reference, "contract_id": str(contract.public_id)}
        if event.seq != expected_seq:
            return Break(**where, seq=event.seq, reason=f"expected seq {expected_seq} (gap)")
        if event.prev_hash != prev:
            return Break(**where, seq=event.seq, reason="prev_hash does not match")
        if event_hash(event, contract.public_id) != event.hash:
            return Break(**where, seq=event.seq, reason="hash does not match the row (altered)")
        prev, expected_seq = event.hash, expected_seq + 1
    return None


def verify_chains(contracts=None) -> Iterator[tuple[Contract, int, Break | None]]:
    """Recompute every contract's chain: (contract, events checked, first break or None)."""
    contracts = contracts if contracts is not None else Contract.objects.all()
    for contract in contracts.select_related("production").order_by("pk").iterator():
        events = list(contract.events.order_by("seq"))
        yield contract, len(events), verify_events(contract, events)
