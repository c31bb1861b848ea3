"""The audit hash chains: how an audit event is hashed, and recomputing every chain.

Events are appended by `services.record`, one chain per production and one global chain for
events without a production (ADR 0013).

Each event's hash is SHA-256 over the canonical JSON (sorted keys, no spaces, UTF-8) of its
fields and the previous event's hash; the first event chains from 64 zeros. Changing, removing
or reordering a row breaks the chain from that row on, which `verify_audit_chains` reports by
production, sequence number and event id. The chain head (`AuditChainHead`) records the last
seq, so rows removed from the end of a chain are reported too.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps

from prodoffice.audit.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64
#: `AuditChainHead.chain` of the chain of events that belong to no production.
GLOBAL_CHAIN = 0


def plain_data(data: dict[str, Any] | None) -> dict[str, Any]:
    """The data as the JSON column gives it back (dates and decimals as strings)."""
    return json.loads(json.dumps(data or {}, default=str))


def canonical(event) -> bytes:
    """The exact bytes an event's hash covers (any object with AuditEvent's attributes)."""
    row = {
        "production": event.production_id,
        "seq": event.seq,
        "at": event.created_at.astimezone(datetime.UTC).isoformat(),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "source": event.source,
        "request_id": event.request_id,
        "ip": event.ip or None,
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "target_label": event.target_label,
        "changes": event.changes,
        "message": event.message,
        "prev_hash": event.prev_hash,
    }
    return json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(event) -> str:
    """SHA-256 of the event's canonical JSON."""
    return hashlib.sha256(canonical(event)).hexdigest()


@dataclass(frozen=True)
class AuditChain:
    """One audit chain: a production's (by id and code) or the global one (id None)."""

    production_id: int | None
    production: str

    @classmethod
    def of(cls, production_id: int | None, codes: dict[int, str]) -> AuditChain:
        if production_id is None:
            return cls(None, "(global)")
        return cls(production_id, codes.get(production_id, f"#{production_id} (deleted)"))


@dataclass(frozen=True)
class Break:
    """Where an audit chain stops verifying: the production, the seq and the event's id."""

    production: str
    production_id: int | None
    seq: int
    event_id: int | None
    reason: str

    def __str__(self) -> str:
        event = f"event {self.event_id}" if self.event_id else "no event"
        return f"audit chain {self.production}: seq {self.seq} ({event}): {self.reason}"


def verify_events(
    chain: AuditChain, events: Iterable[AuditEvent], head_seq: int = 0
) -> Break | None:
    """The first break in one chain, or None when every link recomputes and the chain reaches
    the seq its head records."""
    where = {"production": chain.production, "production_id": chain.production_id}
    prev, expected_seq = GENESIS, 1
    for event in events:
        at = {**where, "seq": event.seq, "event_id": event.pk}
        if event.seq != expected_seq:
            return Break(**at, reason=f"expected seq {expected_seq} (gap)")
        if event.prev_hash != prev:
            return Break(**at, reason="prev_hash does not match")
        if event_hash(event) != event.hash:
            return Break(**at, reason="hash does not match the row (altered)")
        prev, expected_seq = event.hash, expected_seq + 1
    if head_seq >= expected_seq:
        return Break(
            **where,
            seq=expected_seq,
            event_id=None,
            reason=f"missing: the chain head records seq {head_seq} (rows removed at the end)",
        )
    return None


def _chains() -> tuple[list[int | None], dict[int | None, int]]:
    """Every chain that has events or a head, and the seq each head records."""
    heads = {
        (None if key == GLOBAL_CHAIN else key): seq
        for key, seq in AuditChainHead.objects.values_list("chain", "seq")
    }
    with_events = set(
        AuditEvent.objects.order_by().values_list("production_id", flat=True).distinct()
    )
    ids = with_events | set(heads)
    return sorted(ids, key=lambda i: (i is not None, i or 0)), heads


def verify_audit_chains() -> Iterator[tuple[AuditChain, int, Break | None]]:
    """Recompute every audit chain: (chain, events checked, first break or None)."""
    ids, heads = _chains()
    # Looked up by label: audit sits below productions in the import direction.
    production_model = apps.get_model("productions", "Production")
    codes = dict(production_model.objects.filter(pk__in=ids).values_list("pk", "code"))
    for production_id in ids:
        chain = AuditChain.of(production_id, codes)
        # `production_id=None` is `IS NULL`: the global chain.
        events = AuditEvent.objects.filter(production_id=production_id).order_by("seq")
        broken = verify_events(chain, events.iterator(chunk_size=2000), heads.get(production_id, 0))
        yield chain, events.count(), broken


@dataclass
class ChainReport:
    """What `prodoffice audit verify` prints for one kind of chain (audit, contract ...).

    An app that keeps hash chains of its own gives its AppConfig a `chain_report()` returning
    one; the command collects them, so audit never imports the apps above it.
    """

    kind: str
    chains: int = 0
    events: int = 0
    breaks: list[Any] = field(default_factory=list)

    @classmethod
    def collect(cls, kind: str, results: Iterable[tuple[Any, int, Any]]) -> ChainReport:
        report = cls(kind)
        for _chain, count, broken in results:
            report.chains, report.events = report.chains + 1, report.events + count
            if broken:
                report.breaks.append(broken)
        return report


def audit_chain_report() -> ChainReport:
    """The audit chains, verified."""
    return ChainReport.collect("audit", verify_audit_chains())


def audit_chain_problems() -> list[str]:
    """Every audit chain recomputes

    One of `PRODOFFICE_RESTORE_CHECKS`: `prodoffice restore` runs it after a restore."""
    return [str(broken) for _chain, _count, broken in verify_audit_chains() if broken]
