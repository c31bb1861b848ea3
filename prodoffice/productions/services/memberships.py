"""Who has which role in a production: memberships given and taken away by the office."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.accounts import permissions as perms
from prodoffice.accounts.choices import OFFICE_ROLES, Role
from prodoffice.accounts.models import Membership
from prodoffice.audit.services import record
from prodoffice.core.services import require, validate
from prodoffice.productions.models import Production


def _locked_memberships(production: Production, actor=None):
    """The production's memberships, locked in pk order: two office members removing each other
    at the same time queue here, so the second one sees the first removal and is refused.

    The actor's right to manage is decided again under the lock, from the database and not from
    the memberships cached on the user: an office member removed a moment ago while this call
    waited is refused here, not only at the earlier, unlocked check."""
    rows = Membership.objects.select_for_update().filter(production=production).order_by("pk")
    list(rows.values_list("pk", flat=True))  # takes the locks (SQLite: BEGIN IMMEDIATE already)
    if actor is not None:
        perms.forget_memberships(actor)
        require(perms.can_manage_production(actor, production))
    return rows


def _require_another_manager(membership: Membership, field: str | None) -> None:
    """Refuse to take away the last active office role (who alone can manage memberships)."""
    if membership.role not in OFFICE_ROLES or not membership.user.is_active:
        return
    others = (
        Membership.objects.filter(
            production_id=membership.production_id, role__in=OFFICE_ROLES, user__is_active=True
        )
        .exclude(pk=membership.pk)
        .exists()
    )
    if not others:
        message = (
            f"{membership.user} is the last office member of this production who can manage "
            "access: give someone else an office role first."
        )
        error = ValidationError(message, code="last_office_member")
        raise ValidationError({field: error}) if field else error


@transaction.atomic
def membership_set(
    *,
    actor,
    production: Production,
    user,
    role: str,
    department=None,
    can_countersign: bool | None = None,
) -> Membership:
    """Give a user a role in a production (office staff manage memberships). The countersign
    right is kept when not given (and dropped with a role outside the office)."""
    if actor is not None:
        require(perms.can_manage_production(actor, production))
    if role not in Role.values:
        raise ValidationError({"role": f"Unknown role {role!r}."})
    if role == Role.DEPARTMENT_HEAD and department is None:
        raise ValidationError({"department": "A department head needs the department they run."})
    m = _locked_memberships(production, actor).filter(user=user).first()
    if m is not None and role not in OFFICE_ROLES:
        _require_another_manager(m, "role")
    if department is not None and department.production_id not in (None, production.pk):
        raise ValidationError({"department": "Unknown department."})
    if can_countersign and role not in OFFICE_ROLES:
        raise ValidationError({"can_countersign": "Only office staff can countersign."})
    # Validate before the first save: a head without a department must not reach the database.
    if can_countersign is None:
        can_countersign = bool(m and m.can_countersign) and role in OFFICE_ROLES
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
    membership = _locked_memberships(membership.production, actor).get(pk=membership.pk)
    _require_another_manager(membership, None)
    record(
        actor=actor,
        action="membership.remove",
        target=membership,
        production=membership.production_id,
        changes={"role": [membership.role, None]},
    )
    membership.delete()


@transaction.atomic
def membership_countersign_set(*, actor, membership: Membership, allowed: bool) -> Membership:
    """Switch an office member's right to countersign contracts on or off (audited)."""
    production = membership.production
    if actor is not None:
        require(
            perms.can_manage_production(actor, production),
            "Only the production office grants the countersign right.",
        )
    m = Membership.objects.select_for_update().get(pk=membership.pk)
    if allowed and m.role not in OFFICE_ROLES:
        role = m.get_role_display().lower()
        raise ValidationError(
            {"can_countersign": f"Only office staff can countersign; {m.user} is {role}."}
        )
    if m.can_countersign == allowed:
        return m
    m.can_countersign = allowed
    m.save(update_fields=["can_countersign", "updated_at"])
    perms.forget_memberships(m.user)
    record(
        actor=actor,
        action="membership.countersign",
        target=m,
        production=production,
        changes={"can_countersign": [not allowed, allowed]},
        message=f"{m.user} {'may' if allowed else 'may no longer'} countersign contracts",
    )
    return m
