"""The production's call sheet rules (offsets, cutoff, rest periods, alarm, confirmations)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.audit.services import record
from prodoffice.callsheets.models import CallSettings
from prodoffice.callsheets.permissions import can_edit_callsheets
from prodoffice.core.services import require, save_changes

SETTINGS_FIELDS = (
    "department_offsets",
    "cutoff_time",
    "rest_hours",
    "union_rest_hours",
    "alarm_hours",
    "minutes_per_page",
    "hmu_minutes",
    "wardrobe_minutes",
    "pickup_minutes",
    "hide_cast_names",
)


def _check_offsets(values: dict) -> None:
    offsets = values.get("department_offsets")
    if offsets is None:
        return
    if not isinstance(offsets, dict) or not all(
        isinstance(v, int) and -1440 <= v <= 1440 for v in offsets.values()
    ):
        raise ValidationError(
            {
                "department_offsets": "Give minutes from general call per department slug, "
                "at most 1440 either way."
            }
        )


def _check_unions(values: dict) -> None:
    unions = values.get("union_rest_hours")
    if unions is None:
        return
    if not isinstance(unions, dict) or not all(
        isinstance(k, str) and k.strip() and isinstance(v, int) and 0 <= v <= 48
        for k, v in unions.items()
    ):
        raise ValidationError(
            {"union_rest_hours": "Give whole hours from 0 to 48 per union name, e.g. IATSE=10."}
        )


def rest_hours_for(rules, union: str) -> int:
    """The rest period of a person's union (case-insensitive), else the production's."""
    wanted = (union or "").strip().casefold()
    for name, hours in (rules.union_rest_hours or {}).items():
        if name.strip().casefold() == wanted and wanted:
            return int(hours)
    return rules.rest_hours


@transaction.atomic
def settings_update(*, actor, production, values: dict, confirm_to=None) -> CallSettings:
    """Create or change the production's call sheet rules."""
    require(can_edit_callsheets(actor, production), "Only the office sets call sheet rules.")
    _check_offsets(values)
    _check_unions(values)
    rules, created = CallSettings.objects.select_for_update().get_or_create(production=production)
    changes = save_changes(rules, values, SETTINGS_FIELDS)
    if confirm_to is not None:
        foreign = [e for e in confirm_to if e.production_id != production.pk]
        if foreign:
            raise ValidationError({"confirm_to": "Choose people engaged on this production."})
        rules.confirm_to.set(confirm_to)
        changes["confirm_to"] = [None, [str(e.person) for e in confirm_to]]
    if created or changes:
        record(
            actor=actor,
            action="callsheet.settings",
            target=rules,
            production=production,
            changes=changes,
        )
    return rules
