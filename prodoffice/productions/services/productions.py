"""Opening a production, changing its details, moving it along its phases."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.accounts import permissions as perms
from prodoffice.accounts.choices import Role
from prodoffice.audit.services import record
from prodoffice.core.services import require, save_changes
from prodoffice.core.transitions import check_transition
from prodoffice.productions.choices import PHASE_TRANSITIONS
from prodoffice.productions.models import Production
from prodoffice.productions.services.meetings import kickoff_create
from prodoffice.productions.services.memberships import membership_set

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
    "crew_list_contacts",
)


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
    kickoff_create(actor=actor, production=production)
    if actor is not None and not actor.is_superuser:
        membership_set(actor=None, production=production, user=actor, role=Role.PRODUCTION_MANAGER)
        perms.forget_memberships(actor)
    return production


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
