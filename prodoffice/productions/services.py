"""Every write to productions, engagements and memberships; meetings live in meetings.py."""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.accounts import permissions as perms
from prodoffice.accounts.choices import OFFICE_ROLES, Role
from prodoffice.accounts.models import Membership
from prodoffice.audit.services import record
from prodoffice.core.services import integrity_as_validation, require, save_changes, validate
from prodoffice.core.transitions import check_transition
from prodoffice.productions.choices import (
    ENGAGEMENT_TRANSITIONS,
    PHASE_TRANSITIONS,
    EngagementStatus,
    MeetingKind,
    MeetingStatus,
)
from prodoffice.productions.models import Department, Engagement, Meeting, Position, Production

PRODUCTION_FIELDS = (
    "title",
    "code",
    "kind",
    "start_date",
    "shoot_start",
    "shoot_end",
    "end_date",
    "original_language",
    "studio",
    "production_company",
    "office_address",
    "office_phone",
    "office_email",
    "time_zone",
    "currency",
    "use_24h_clock",
)
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


# --- productions -----------------------------------------------------------------------------


@transaction.atomic
def production_create(*, actor, **values: Any) -> Production:
    """Open a production: its record, its kickoff meeting, and the creator's office membership."""
    if actor is not None:
        require(
            actor.is_superuser or perms.is_office_anywhere(actor),
            "Only office staff open productions.",
        )
    if values.get("code"):
        values["code"] = values["code"].strip().upper()
    if values.get("code") and Production.objects.filter(code=values["code"]).exists():
        message = f"The code {values['code']} is already used."
        raise ValidationError({"code": ValidationError(message, code="duplicate_code")})
    production = Production()
    save_changes(production, values, PRODUCTION_FIELDS)
    record(actor=actor, action="production.create", target=production, production=production)
    _kickoff_create(actor, production)
    if actor is not None and not actor.is_superuser:
        membership_set(actor=None, production=production, user=actor, role=Role.PRODUCTION_MANAGER)
        perms.forget_memberships(actor)
    return production


def _kickoff_create(actor, production: Production) -> Meeting:
    """The kickoff: every department with confirmed people meets at the office."""
    starts_at = None
    if production.start_date:
        tz = zoneinfo.ZoneInfo(production.time_zone)
        starts_at = datetime.datetime.combine(
            production.start_date, datetime.time(10, 0), tzinfo=tz
        )
    kickoff = Meeting.objects.create(
        production=production,
        kind=MeetingKind.KICKOFF,
        title=f"Kickoff – {production.title}",
        starts_at=starts_at,
        duration_minutes=120,
        location=production.office_address.splitlines()[0]
        if production.office_address
        else "Production office",
    )
    record(actor=actor, action="meeting.create", target=kickoff, production=production)
    kickoff_sync_invitations(production)
    return kickoff


def kickoff_sync_invitations(production: Production) -> int:
    """Invite every confirmed person (and their department) to a kickoff not yet held."""
    from prodoffice.productions.models import Attendance

    kickoff = (
        Meeting.objects.filter(
            production=production, kind=MeetingKind.KICKOFF, status=MeetingStatus.SCHEDULED
        )
        .select_for_update()
        .first()
    )
    if kickoff is None:
        return 0
    confirmed = Engagement.objects.filter(production=production, status=EngagementStatus.CONFIRMED)
    dept_ids = set(confirmed.values_list("position__department_id", flat=True))
    kickoff.invited_departments.add(*dept_ids)
    already = set(kickoff.attendances.values_list("engagement_id", flat=True))
    new = [
        Attendance(meeting=kickoff, engagement_id=e)
        for e in confirmed.values_list("id", flat=True)
        if e not in already
    ]
    Attendance.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def production_update(*, actor, production: Production, **values: Any) -> Production:
    """Change a production's details (office staff)."""
    if actor is not None:
        require(perms.can_manage_production(actor, production))
    production = Production.objects.select_for_update().get(pk=production.pk)
    if values.get("code"):
        values["code"] = values["code"].strip().upper()
    changes = save_changes(production, values, PRODUCTION_FIELDS)
    if changes:
        record(
            actor=actor,
            action="production.update",
            target=production,
            production=production,
            changes=changes,
        )
    return production


@transaction.atomic
def production_set_phase(*, actor, production: Production, phase: str) -> Production:
    """Move a production along its phases by the transition table."""
    if actor is not None:
        require(perms.can_manage_production(actor, production))
    production = Production.objects.select_for_update().get(pk=production.pk)
    check_transition(PHASE_TRANSITIONS, production.phase, phase, field="phase")
    old = production.phase
    production.phase = phase
    production.save(update_fields=["phase", "updated_at"])
    record(
        actor=actor,
        action="production.phase",
        target=production,
        production=production,
        changes={"phase": [old, phase]},
    )
    return production


# --- memberships -----------------------------------------------------------------------------


@transaction.atomic
def membership_set(
    *,
    actor,
    production: Production,
    user,
    role: str,
    department=None,
    can_countersign: bool = False,
) -> Membership:
    """Give a user a role in a production (office staff manage memberships)."""
    if actor is not None:
        require(perms.can_manage_production(actor, production))
    if role not in Role.values:
        raise ValidationError({"role": f"Unknown role {role!r}."})
    if role == Role.DEPARTMENT_HEAD and department is None:
        raise ValidationError({"department": "A department head needs the department they run."})
    if can_countersign and role not in OFFICE_ROLES:
        raise ValidationError({"can_countersign": "Only office staff can countersign."})
    # Validate before the first save: a head without a department must not reach the database.
    m = Membership.objects.select_for_update().filter(user=user, production=production).first()
    old = m.role if m else None
    m = m or Membership(user=user, production=production)
    m.role, m.department, m.can_countersign = role, department, can_countersign
    validate(m)
    m.save()
    perms.forget_memberships(user)
    record(
        actor=actor,
        action="membership.set",
        target=m,
        production=production,
        changes={"role": [old, role]},
    )
    return m


@transaction.atomic
def membership_remove(*, actor, membership: Membership) -> None:
    """Take a user's role in a production away."""
    if actor is not None:
        require(perms.can_manage_production(actor, membership.production))
    record(
        actor=actor,
        action="membership.remove",
        target=membership,
        production=membership.production_id,
        changes={"role": [membership.role, None]},
    )
    membership.delete()


# --- engagements -----------------------------------------------------------------------------


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
    changes = save_changes(engagement, values, ENGAGEMENT_FIELDS)
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


# --- the department and position catalogue ---------------------------------------------------

DEPARTMENT_FIELDS = ("name", "slug", "order")
POSITION_FIELDS = (
    "department",
    "title",
    "responsibilities",
    "is_key",
    "min_years_experience",
    "reports_to",
    "aliases",
    "order",
)


def _require_catalogue_editor(actor) -> None:
    """The catalogue is shared by every production: office staff and site admins edit it."""
    if actor is not None:
        require(
            actor.is_superuser or perms.is_office_anywhere(actor),
            "Only production office staff edit the department and position catalogue.",
        )


@transaction.atomic
def department_create(*, actor, **values: Any) -> Department:
    """Add a department to the catalogue."""
    _require_catalogue_editor(actor)
    department = Department()
    save_changes(department, values, DEPARTMENT_FIELDS)
    record(actor=actor, action="department.create", target=department)
    return department


@transaction.atomic
def department_update(*, actor, department: Department, **values: Any) -> Department:
    """Rename or reorder a department (its positions and engagements follow)."""
    _require_catalogue_editor(actor)
    changes = save_changes(department, values, DEPARTMENT_FIELDS)
    if changes:
        record(actor=actor, action="department.update", target=department, changes=changes)
    return department


def _check_position_chain(position: Position) -> None:
    """A position's default superior chain never comes back to the position."""
    node, seen = position.reports_to, {position.pk}
    while node is not None:
        if node.pk in seen:
            message = f"{position.reports_to} already reports to {position}: that makes a cycle."
            raise ValidationError({"reports_to": ValidationError(message, code="cycle")})
        seen.add(node.pk)
        node = node.reports_to


@transaction.atomic
def position_create(*, actor, **values: Any) -> Position:
    """Add a position with its responsibilities, key flag, experience and default superior."""
    _require_catalogue_editor(actor)
    position = Position()
    save_changes(position, values, POSITION_FIELDS)
    record(actor=actor, action="position.create", target=position)
    return position


@transaction.atomic
def position_update(*, actor, position: Position, **values: Any) -> Position:
    """Change a position of the catalogue (titles may change; engagements keep their position)."""
    _require_catalogue_editor(actor)
    position = Position.objects.select_for_update().get(pk=position.pk)
    changes = save_changes(position, values, POSITION_FIELDS)
    _check_position_chain(position)
    if changes:
        record(actor=actor, action="position.update", target=position, changes=changes)
    return position
