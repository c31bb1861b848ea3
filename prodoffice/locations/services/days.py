"""Writes of the scout and the office around a location's use: the days it is used (prep, shoot,
strike) with their hours and activities, and the candidate venues of a set with their prices."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.audit.services import record
from prodoffice.core.services import assign, integrity_as_validation, require, validate
from prodoffice.locations.models import CandidateVenue, Location, LocationDay, normalise_set_name
from prodoffice.locations.permissions import can_manage_locations

_REFUSED = "Only the production office manages locations."
DAY_FIELDS = ("date", "kind", "start_time", "end_time", "activities")
CANDIDATE_FIELDS = ("price", "basis", "currency", "notes")


@transaction.atomic
def location_day_set(*, actor, location: Location, **values: Any) -> LocationDay:
    """Record (or replace) the use of a location on a date: kind, hours and activities."""
    require(can_manage_locations(actor, location.production), _REFUSED)
    date = values.get("date")
    day = LocationDay.objects.select_for_update().filter(location=location, date=date).first()
    old = str(day) if day else None
    day = day or LocationDay(location=location)
    values["activities"] = sorted(set(values.get("activities") or []))
    assign(day, values, DAY_FIELDS)
    validate(day, exclude=["location"])
    with integrity_as_validation("This location already has a day on that date."):
        day.save()
    record(
        actor=actor,
        action="location.day_set",
        target=location,
        production=location.production_id,
        changes={"day": [old, str(day)]},
    )
    return day


@transaction.atomic
def location_day_remove(*, actor, day: LocationDay) -> None:
    """Forget a recorded day of a location."""
    location = day.location
    require(can_manage_locations(actor, location.production), _REFUSED)
    record(
        actor=actor,
        action="location.day_remove",
        target=location,
        production=location.production_id,
        changes={"day": [str(day), None]},
    )
    day.delete()


@transaction.atomic
def candidate_add(
    *, actor, production, set_name: str, location: Location, **values
) -> CandidateVenue:
    """Consider a location for a set, at a price (flat or per day)."""
    require(can_manage_locations(actor, production), _REFUSED)
    name = normalise_set_name(set_name)
    if not name:
        raise ValidationError({"set_name": "Name the set (as the scene headings write it)."})
    if location.production_id != production.pk:
        raise ValidationError({"location": "This location belongs to another production."})
    if values.get("currency"):
        values["currency"] = values["currency"].strip().upper()
    if CandidateVenue.objects.filter(set_name=name, location=location).exists():
        raise ValidationError(
            {"location": f"{location} is already a candidate for {name}; change its price instead."}
        )
    candidate = CandidateVenue(production=production, set_name=name, location=location)
    assign(candidate, values, CANDIDATE_FIELDS)
    validate(candidate)
    with integrity_as_validation(f"{location} is already a candidate for {name}."):
        candidate.save()
    record(
        actor=actor,
        action="location.candidate_add",
        target=location,
        production=production,
        changes={name: [None, _price_words(candidate)]},
    )
    return candidate


def _price_words(candidate: CandidateVenue) -> str:
    """ "1800.00 USD per day", in the audit log's words (never the stored code)."""
    if candidate.price is None:
        return "no price yet"
    return f"{candidate.price} {candidate.currency} {candidate.get_basis_display().lower()}"


@transaction.atomic
def candidate_remove(*, actor, candidate: CandidateVenue) -> None:
    """No longer consider a location for a set."""
    require(can_manage_locations(actor, candidate.production), _REFUSED)
    record(
        actor=actor,
        action="location.candidate_remove",
        target=candidate.location,
        production=candidate.production_id,
        changes={candidate.set_name: [str(candidate.location), None]},
    )
    candidate.delete()


@transaction.atomic
def candidate_update(*, actor, candidate: CandidateVenue, **values) -> CandidateVenue:
    """Change a candidate venue's price, basis, currency or notes."""
    require(can_manage_locations(actor, candidate.production), _REFUSED)
    candidate = CandidateVenue.objects.select_for_update().get(pk=candidate.pk)
    if values.get("currency"):
        values["currency"] = values["currency"].strip().upper()
    before = _price_words(candidate)
    assign(candidate, values, CANDIDATE_FIELDS)
    validate(candidate)
    candidate.save()
    after = _price_words(candidate)
    if before != after:
        record(
            actor=actor,
            action="location.candidate_update",
            target=candidate.location,
            production=candidate.production_id,
            changes={candidate.set_name: [before, after]},
        )
    return candidate
