"""Recording audit events; services call `record` inside their transaction."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from prodoffice.audit.chain import GENESIS, GLOBAL_CHAIN, event_hash, plain_data
from prodoffice.audit.models import AuditChainHead, AuditEvent
from prodoffice.core import context

#: Fields whose values are never written into the log, only the fact that they changed; a model
#: adds its own with an `AUDIT_REDACTED` attribute (people.Person: its private fields).
REDACTED_FIELDS = frozenset({"password", "rate"})


def redacted_fields(obj: models.Model) -> frozenset[str]:
    """The fields of this object whose values the log must not hold."""
    return REDACTED_FIELDS | frozenset(getattr(type(obj), "AUDIT_REDACTED", ()))


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of the named fields, for a later `diff`."""
    return {f: _plain(obj.serializable_value(f)) for f in fields}


def diff(before: dict[str, Any], obj: models.Model) -> dict[str, list[Any]]:
    """Field changes since `snapshot`, as {field: [old, new]}, with sensitive values redacted."""
    out: dict[str, list[Any]] = {}
    hidden = redacted_fields(obj)
    for field, old in before.items():
        new = _plain(obj.serializable_value(field))
        if new != old:
            out[field] = ["***", "***"] if field in hidden else [old, new]
    return out


def record(
    *,
    actor,
    action: str,
    target: models.Model,
    production=None,
    changes: dict[str, Any] | None = None,
    message: str = "",
) -> AuditEvent:
    """Append one event to its production's chain; call inside the service's transaction so both
    commit or neither."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    ip_field = AuditEvent._meta.get_field("ip")
    event = AuditEvent(
        actor=user,
        actor_label=str(user) if user else context.source(),
        source=context.source(),
        request_id=context.request_id(),
        # Stored as the column gives it back (IPv6 normalised), so the hash recomputes.
        ip=ip_field.get_prep_value(context.client_ip() or None),
        action=action,
        production_id=getattr(production, "pk", production),
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:255],
        changes=plain_data(changes),
        message=message,
    )
    return _append(event)


def _append(event: AuditEvent) -> AuditEvent:
    """Link the event to its chain's head and insert it, under the head's row lock.

    The lock (`select_for_update` on PostgreSQL; SQLite's IMMEDIATE transactions serialise
    writers anyway) is held until the caller's transaction commits, so two writers cannot take
    the same seq; the unique (production, seq) constraint refuses it should they ever try.
    """
    with transaction.atomic():
        head = _locked_head(event.production_id)
        event.seq, event.prev_hash = head.seq + 1, head.hash
        event.created_at = timezone.now()
        event.hash = event_hash(event)
        event.save(force_insert=True)
        AuditChainHead.objects.filter(pk=head.pk).update(seq=event.seq, hash=event.hash)
    return event


def _locked_head(production_id: int | None) -> AuditChainHead:
    """The head row of a chain, locked; created (race-free) on the chain's first event."""
    key = GLOBAL_CHAIN if production_id is None else production_id
    head = AuditChainHead.objects.select_for_update().filter(chain=key).first()
    if head is None:
        AuditChainHead.objects.bulk_create(
            [AuditChainHead(chain=key, seq=0, hash=GENESIS)], ignore_conflicts=True
        )
        head = AuditChainHead.objects.select_for_update().get(chain=key)
    return head
