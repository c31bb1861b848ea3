"""Writes of the locations app: locations, their unavailable dates and the set mapping (the
places); paperwork, its files, location days, candidate venues and reminders live in the
sibling modules of this package (callers import the area module)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.audit.services import record
from prodoffice.core.services import (
    check_date_range,
    integrity_as_validation,
    require,
    save_changes,
    validate,
)
from prodoffice.locations.models import (
    Location,
    LocationUnavailability,
    SetLocation,
    normalise_set_name,
)
from prodoffice.locations.permissions import can_manage_locations

LOCATION_FIELDS = (
    "name",
    "address",
    "latitude",
    "longitude",
    "contact_name",
    "contact_phone",
    "contact_email",
    "restrictions",
    "power_water",
    "parking",
    "truck_access",
    "base_camp",
    "restrooms",
    "fee",
    "deposit",
    "currency",
    "hospital_name",
    "hospital_address",
    "hospital_phone",
    "notes",
    "kind",
    "time_zone",
    "access_start",
    "access_end",
    "noise",
    "neighbours",
    "facilities",
    "holding",
    "scouting_status",
    "permit_office",
)
_REFUSED = "Only the production office manages locations."


def _normalise(values: dict[str, Any], production_id: int) -> dict[str, Any]:
    out = dict(values)
    if out.get("currency"):
        out["currency"] = out["currency"].strip().upper()
    if "name" in out:
        out["name"] = (out["name"] or "").strip()
    office = out.get("permit_office")
    if office is not None and office.production_id not in (None, production_id):
        raise ValidationError(
            {"permit_office": "This permit office belongs to another production."}
        )
    for field in ("fee", "deposit", "latitude", "longitude"):
        value = out.get(field)
        if field not in out or value is None or isinstance(value, Decimal):
            continue
        if value == "":
            out[field] = None
            continue
        try:
            out[field] = Decimal(str(value))
        except InvalidOperation as exc:
            raise ValidationError({field: "Enter a number."}) from exc
    return out


def _check_unique_name(production, name: str, exclude_pk=None) -> None:
    clash = Location.objects.filter(production=production, name__iexact=name)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if name and clash.exists():
        message = f"There is already a location called {name} on this production."
        raise ValidationError({"name": ValidationError(message, code="duplicate")})


def _set_backups(location: Location, backups) -> list[str] | None:
    """Backup locations: others of the same production; returns their ids for the log."""
    if backups is None:
        return None
    backups = list(backups)
    for backup in backups:
        if backup.production_id != location.production_id:
            raise ValidationError({"backups": f"{backup} belongs to another production."})
        if backup.pk == location.pk:
            raise ValidationError({"backups": "A location cannot be its own backup."})
    before = sorted(str(b.public_id) for b in location.backups.all())
    location.backups.set(backups)
    after = sorted(str(b.public_id) for b in backups)
    return None if before == after else [before, after]


@transaction.atomic
def location_create(*, actor, production, backups=None, **values: Any) -> Location:
    """Add a location to the production (office staff)."""
    require(can_manage_locations(actor, production), _REFUSED)
    values = _normalise(values, production.pk)
    _check_unique_name(production, values.get("name", ""))
    location = Location(production=production)
    save_changes(location, values, LOCATION_FIELDS)
    if location.pk is None:
        validate(location)
        with integrity_as_validation():
            location.save()
    _set_backups(location, backups)
    record(actor=actor, action="location.create", target=location, production=production)
    return location


@transaction.atomic
def location_update(*, actor, location: Location, backups=None, **values: Any) -> Location:
    """Change a location's details and backups (office staff)."""
    require(can_manage_locations(actor, location.production), _REFUSED)
    location = Location.objects.select_for_update().get(pk=location.pk)
    values = _normalise(values, location.production_id)
    if "name" in values:
        _check_unique_name(location.production_id, values["name"], exclude_pk=location.pk)
    changes = save_changes(location, values, LOCATION_FIELDS)
    backup_change = _set_backups(location, backups)
    if backup_change:
        changes["backups"] = backup_change
    if changes:
        record(
            actor=actor,
            action="location.update",
            target=location,
            production=location.production_id,
            changes=changes,
        )
    return location


@transaction.atomic
def location_unavailability_add(
    *, actor, location: Location, start_date, end_date, reason: str = ""
) -> LocationUnavailability:
    """Record dates (inclusive) on which the location cannot be used."""
    require(can_manage_locations(actor, location.production), _REFUSED)
    check_date_range(start_date, end_date, unavailable="the location cannot be used")
    item = LocationUnavailability(
        location=location, start_date=start_date, end_date=end_date, reason=(reason or "").strip()
    )
    validate(item)
    item.save()
    record(
        actor=actor,
        action="location.unavailability_add",
        target=location,
        production=location.production_id,
        changes={"unavailable": [None, f"{start_date.isoformat()}..{end_date.isoformat()}"]},
        message=item.reason,
    )
    return item


@transaction.atomic
def location_unavailability_remove(*, actor, unavailability: LocationUnavailability) -> None:
    """The location can be used on those dates again."""
    location = unavailability.location
    require(can_manage_locations(actor, location.production), _REFUSED)
    span = f"{unavailability.start_date.isoformat()}..{unavailability.end_date.isoformat()}"
    record(
        actor=actor,
        action="location.unavailability_remove",
        target=location,
        production=location.production_id,
        changes={"unavailable": [span, None]},
    )
    unavailability.delete()


@transaction.atomic
def set_location_assign(
    *, actor, production, set_name: str, location: Location | None
) -> SetLocation | None:
    """Shoot a set of the script at a location (None: the set has no location yet)."""
    require(can_manage_locations(actor, production), _REFUSED)
    name = normalise_set_name(set_name)
    if not name:
        raise ValidationError({"set_name": "Name the set (as the scene headings write it)."})
    if location is not None and location.production_id != production.pk:
        raise ValidationError({"location": "This location belongs to another production."})
    mapping = (
        SetLocation.objects.select_for_update()
        .select_related("location")
        .filter(production=production, set_name=name)
        .first()
    )
    old = mapping.location if mapping else None
    if old == location:
        return mapping
    # The event targets the location the set moves to (or leaves), so its History shows it.
    record(
        actor=actor,
        action="location.set_assign",
        target=location or old,
        production=production,
        changes={name: [str(old) if old else None, str(location) if location else None]},
    )
    if location is None:
        mapping.delete()
        return None
    mapping = mapping or SetLocation(production=production, set_name=name)
    mapping.location = location
    validate(mapping)
    with integrity_as_validation():
        mapping.save()
    return mapping
