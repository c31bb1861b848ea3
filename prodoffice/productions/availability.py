"""Availability of the people engaged: the dates they cannot work (add and remove, audited)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.audit.services import record
from prodoffice.core.services import integrity_as_validation, require, validate
from prodoffice.productions.choices import UnavailabilityKind
from prodoffice.productions.models import Engagement, Unavailability
from prodoffice.productions.permissions import can_edit_availability


def _check_dates(start_date, end_date) -> None:
    """Both dates given, the end not before the start; errors name the field."""
    errors = {}
    if not isinstance(start_date, datetime.date):
        errors["start_date"] = "Give the first day they cannot work (YYYY-MM-DD)."
    if not isinstance(end_date, datetime.date):
        errors["end_date"] = "Give the last day they cannot work (YYYY-MM-DD)."
    if not errors and end_date < start_date:
        errors["end_date"] = "The end date is before the start date."
    if errors:
        raise ValidationError(errors)


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
    _check_dates(start_date, end_date)
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
