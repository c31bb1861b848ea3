"""Every write to engagements (the crew list): create, change terms, move along statuses."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.accounts import permissions as perms
from prodoffice.audit.services import record
from prodoffice.core.services import integrity_as_validation, require, save_changes, validate
from prodoffice.core.transitions import check_transition
from prodoffice.productions.choices import ENGAGEMENT_TRANSITIONS, EngagementStatus
from prodoffice.productions.models import Engagement, Position, Production
from prodoffice.productions.services.meetings import kickoff_sync_invitations

ENGAGEMENT_FIELDS = (
    "position",
    "start_date",
    "end_date",
    "reports_to",
    "cast_number",
    "character",
    "rate",
    "rate_unit",
    "currency",
    "notes",
)
RATE_FIELDS = frozenset({"rate", "rate_unit", "currency"})


def _default_superior(production: Production, position: Position) -> Engagement | None:
    """The default reporting line: whoever holds the position's superior position here."""
    if position.reports_to_id is None:
        return None
    return (
        Engagement.objects.filter(production=production, position_id=position.reports_to_id)
        .exclude(status=EngagementStatus.RELEASED)
        .order_by("id")
        .first()
    )


def _check_reporting(engagement: Engagement) -> None:
    """The superior is on the same production and the chain never comes back to this person."""
    boss = engagement.reports_to
    if boss is None:
        return
    if boss.production_id != engagement.production_id:
        raise ValidationError({"reports_to": "The superior must be on the same production."})
    seen = {engagement.pk} if engagement.pk else set()
    node = boss
    while node is not None:
        if node.pk in seen or node.pk == engagement.pk:
            message = (
                f"{boss.person} already reports (directly or not) to {engagement.person}: "
                "that would make a cycle."
            )
            raise ValidationError({"reports_to": ValidationError(message, code="cycle")})
        seen.add(node.pk)
        node = node.reports_to


def _experience_warning(engagement: Engagement) -> str:
    position, person = engagement.position, engagement.person
    if position.is_key and person.years_experience < position.min_years_experience:
        return (
            f"{position.title} is a key position usually held by someone with at least "
            f"{position.min_years_experience} years' experience; "
            f"{person} has {person.years_experience}."
        )
    return ""


def _check_rate_rights(actor, production, values: dict[str, Any]) -> None:
    touched = RATE_FIELDS & {k for k, v in values.items() if v not in (None, "")}
    if actor is not None and touched and not perms.can_set_rates(actor, production):
        message = "Only the production office sets pay."
        raise ValidationError(
            {f: ValidationError(message, code="forbidden_field") for f in touched}
        )


def _normalise_rate(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    if out.get("currency"):
        out["currency"] = out["currency"].strip().upper()
    if out.get("rate") not in (None, "") and not isinstance(out["rate"], Decimal):
        try:
            out["rate"] = Decimal(str(out["rate"]))
        except ArithmeticError as exc:
            raise ValidationError({"rate": "Enter a number, e.g. 450.00."}) from exc
    return out


def _after_engagement_write(actor, engagement: Engagement, action: str, changes: dict) -> None:
    warning = _experience_warning(engagement)
    if warning != engagement.experience_warning:
        engagement.experience_warning = warning
        engagement.save(update_fields=["experience_warning"])
        if warning:
            record(
                actor=actor,
                action="engagement.experience_warning",
                target=engagement,
                production=engagement.production_id,
                message=warning,
            )
    record(
        actor=actor,
        action=action,
        target=engagement,
        production=engagement.production_id,
        changes=changes,
    )
    if engagement.status == EngagementStatus.CONFIRMED:
        kickoff_sync_invitations(engagement.production)


@transaction.atomic
def engagement_create(
    *,
    actor,
    production: Production,
    person,
    position: Position,
    status: str = EngagementStatus.PROSPECT,
    **values: Any,
) -> Engagement:
    """Put a person on a production in a position; warn (audited) below a key's experience."""
    if actor is not None:
        require(perms.can_create_engagement(actor, production, position))
    if status not in EngagementStatus.values:
        raise ValidationError({"status": f"Unknown status {status!r}."})
    values = _normalise_rate(values)
    _check_rate_rights(actor, production, values)
    engagement = Engagement(production=production, person=person, position=position, status=status)
    if Engagement.objects.filter(production=production, person=person, position=position).exists():
        message = f"{person} is already engaged as {position} on this production."
        raise ValidationError({"position": ValidationError(message, code="duplicate")})
    values.setdefault("reports_to", None)
    if values["reports_to"] is None:
        values["reports_to"] = _default_superior(production, position)
    save_changes(engagement, values, ENGAGEMENT_FIELDS)
    if engagement.pk is None:
        validate(engagement)
        with integrity_as_validation():
            engagement.save()
    _check_reporting(engagement)
    _after_engagement_write(actor, engagement, "engagement.create", {"status": [None, status]})
    return engagement


@transaction.atomic
def engagement_update(*, actor, engagement: Engagement, **values: Any) -> Engagement:
    """Change an engagement's terms, dates or reporting line."""
    if actor is not None:
        require(perms.can_edit_engagement(actor, engagement))
    engagement = (
        Engagement.objects.select_for_update()
        .select_related("person", "position")
        .get(pk=engagement.pk)
    )
    values = _normalise_rate(values)
    _check_rate_rights(
        actor,
        engagement.production,
        {k: v for k, v in values.items() if v != getattr(engagement, k, None)},
    )
    if "position" in values and actor is not None:
        require(perms.can_create_engagement(actor, engagement.production, values["position"]))
    changes = save_changes(engagement, values, ENGAGEMENT_FIELDS, fresh=True)
    if "reports_to" in changes:  # the chain above is walked only when it moved
        _check_reporting(engagement)
    if changes:
        _after_engagement_write(actor, engagement, "engagement.update", changes)
    return engagement


@transaction.atomic
def engagement_set_status(*, actor, engagement: Engagement, status: str) -> Engagement:
    """Move an engagement along its statuses (offer, confirm, wrap, release) by the table."""
    if actor is not None:
        require(perms.can_edit_engagement(actor, engagement))
    engagement = (
        Engagement.objects.select_for_update()
        .select_related("person", "position")
        .get(pk=engagement.pk)
    )
    check_transition(ENGAGEMENT_TRANSITIONS, engagement.status, status)
    old = engagement.status
    engagement.status = status
    engagement.save(update_fields=["status", "updated_at"])
    _after_engagement_write(actor, engagement, "engagement.status", {"status": [old, status]})
    return engagement
