"""Recording audit events; services call `record` inside their transaction."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.db import models

from prodoffice.audit.models import AuditEvent
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
    """Append one event; call inside the service's transaction so both commit or neither."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    production_id = getattr(production, "pk", production)
    return AuditEvent.objects.create(
        actor=user,
        actor_label=str(user) if user else context.source(),
        source=context.source(),
        request_id=context.request_id(),
        ip=context.client_ip() or None,
        action=action,
        production_id=production_id,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:255],
        changes=changes or {},
        message=message,
    )
