"""Availability of the people engaged: the dates they cannot work (add and remove, audited)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.audit.services import record
from prodoffice.core.services import check_date_range, integrity_as_validation, require, validate
from prodoffice.productions.choices import UnavailabilityKind
from prodoffice.productions.models import Engagement, Unavailability
from prodoffice.productions.permissions import can_edit_availability


@transaction.atomic
def unavailability_add(
    *,
    actor,
    engagement: Engagement,
    start_date: datetime.date,
    end_date: datetime.date,
    kind: str = UnavailabilityKind.OTHER,
    reason: str = "",
) -> Unavailability:
    """Record dates (inclusive) on which someone engaged cannot work."""
    require(
        can_edit_availability(actor, engagement),
        "Only the production office and the person themself change their availability.",
    )
    check_date_range(start_date, end_date, unavailable="they cannot work")
    if kind not in UnavailabilityKind.values:
        raise ValidationError({"kind": f"Unknown kind {kind!r}."})
    item = Unavailability(
        engagement=engagement,
        start_date=start_date,
        end_date=end_date,
        kind=kind,
        reason=(reason or "").strip(),
    )
    validate(item)
    with integrity_as_validation():
        item.save()
    record(
        actor=actor,
        action="unavailability.add",
        target=engagement,
        production=engagement.production_id,
        changes={"unavailable": [None, f"{start_date.isoformat()}..{end_date.isoformat()}"]},
        message=f"{item.get_kind_display()} {item}",
    )
    return item


@transaction.atomic
def unavailability_remove(*, actor, unavailability: Unavailability) -> None:
    """Take an unavailability range away (the person can work those days again)."""
    engagement = unavailability.engagement
    require(
        can_edit_availability(actor, engagement),
        "Only the production office and the person themself change their availability.",
    )
    span = f"{unavailability.start_date.isoformat()}..{unavailability.end_date.isoformat()}"
    record(
        actor=actor,
        action="unavailability.remove",
        target=engagement,
        production=engagement.production_id,
        changes={"unavailable": [span, None]},
    )
    unavailability.delete()
