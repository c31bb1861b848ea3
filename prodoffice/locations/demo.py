"""The demo production's locations and paperwork, so the readiness board shows every colour.

Called by `prodoffice demo` through `LocationsConfig.demo_extend`, after the scheduling demo has
built the working board. Written through the services: the production assistant (demo.assistant)
drafts and applies, the production manager (demo.manager) approves. Idempotent: a production
that already has locations is left alone.

Dates are relative to today and to the board's own dates, so a fresh demo always shows green
(everything approved), amber (the container terminal's permit applied for; the church's
agreement still needed) and red (the Avalon pier's permit denied; a prep day at the hotel that
its agreement, drawn up for the shoot dates, does not cover), and the due list always has
something expiring soon (the workers' compensation policy).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from prodoffice.accounts.choices import Role
from prodoffice.accounts.models import Membership
from prodoffice.locations import services as places
from prodoffice.locations.models import JurisdictionRule, Location, normalise_set_name
from prodoffice.locations.readiness import load_needs
from prodoffice.locations.services import days, paperwork
from prodoffice.scheduling.models import Scene

CITY, COUNTY = "City film office (example)", "County parks permits (example)"
#: name, type, latitude, longitude, permit office, the sets' first words, state of its permit.
PLACES = [
    (
        "Harbor Patrol Office",
        "practical",
        "33.736100",
        "-118.277000",
        CITY,
        "HARBOR PATROL OFFICE",
        "approved",
    ),
    (
        "Berth 90 Container Terminal",
        "practical",
        "33.755300",
        "-118.243100",
        CITY,
        "CONTAINER TERMINAL",
        "applied",
    ),
    (
        "San Pedro Waterfront",
        "practical",
        "33.739200",
        "-118.278600",
        CITY,
        "SAN PEDRO WATERFRONT",
        "approved",
    ),
    (
        "Nora's Apartment (Stage 4)",
        "stage",
        "33.740500",
        "-118.284100",
        None,
        "NORA'S APARTMENT",
        None,
    ),
    (
        "Saint Peter's Church",
        "practical",
        "33.745000",
        "-118.285000",
        CITY,
        "SAINT PETER'S CHURCH",
        "approved",
    ),
    (
        "Marsh Family House",
        "practical",
        "33.730000",
        "-118.300000",
        CITY,
        "MARSH FAMILY HOUSE",
        "approved",
    ),
    (
        "Pike's Boatyard",
        "practical",
        "33.727000",
        "-118.275000",
        CITY,
        "PIKE'S BOATYARD",
        "approved",
    ),
    ("Harbor Hotel", "practical", "33.741800", "-118.281300", CITY, "HARBOR HOTEL", "approved"),
    (
        "Avalon Harbor Pier",
        "practical",
        "33.345000",
        "-118.326000",
        COUNTY,
        "AVALON HARBOR",
        "denied",
    ),
]
WORDING = (
    "The City, its officers, agents and employees are named as additional insured. "
    "The County is named as additional insured."
)


def demo_locations(production) -> bool:
    """Locations, set mapping, paperwork in every state; False when the production has some."""
    if Location.objects.filter(production=production).exists():
        return False
    assistant = _member(production, Role.OFFICE_ASSISTANT) or _member(production, Role.COORDINATOR)
    manager = _member(production, Role.PRODUCTION_MANAGER)
    if assistant is None or manager is None:
        return False  # only the demo production has its office staffed
    locations = _places(production)
    _map_sets(production, locations)
    dates = _dates_by_location(production)
    first, last = _span(dates)
    coi, _comp = _insurance(production, assistant, manager, first, last)
    for name, _kind, _lat, _lng, _office, _sets, state in PLACES:
        location = locations[name]
        _agreement(production, assistant, manager, location, dates[location.pk], name)
        if state:
            _permit(production, assistant, manager, location, dates[location.pk], state, coi)
    _hotel_prep(production, assistant, locations["Harbor Hotel"])
    _candidates(production, locations)
    return True


def _member(production, role):
    """The first user holding `role` on the production."""
    found = Membership.objects.filter(production=production, role=role).order_by("pk").first()
    return found.user if found else None


def _places(production) -> dict[str, Location]:
    rules = {r.name: r for r in JurisdictionRule.objects.filter(production__isnull=True)}
    out = {}
    for name, kind, lat, lng, office, _sets, _state in PLACES:
        out[name] = places.location_create(
            actor=None,
            production=production,
            name=name,
            kind=kind,
            latitude=lat,
            longitude=lng,
            time_zone="America/Los_Angeles",
            access_start=datetime.time(6),
            access_end=datetime.time(22),
            scouting_status="confirmed",
            facilities=["power", "restrooms", "parking"],
            permit_office=rules.get(office),
            contact_name="Location owner",
        )
    return out


def _map_sets(production, locations) -> None:
    """Each set of the current draft whose name starts with a place's words goes there."""
    names = {
        normalise_set_name(s)
        for s in Scene.objects.filter(script__production=production, script__is_current=True)
        .exclude(set_name="")
        .values_list("set_name", flat=True)
    }
    for set_name in sorted(names):
        for name, *_rest, prefix, _state in PLACES:
            if set_name.startswith(prefix):
                places.set_location_assign(
                    actor=None, production=production, set_name=set_name, location=locations[name]
                )


def _dates_by_location(production) -> dict[int, list[datetime.date]]:
    out: dict[int, list[datetime.date]] = defaultdict(list)
    for need in load_needs(production=production):
        out[need.location.pk].append(need.date)
    return out


def _span(dates) -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    every = [d for ds in dates.values() for d in ds] or [today + datetime.timedelta(days=120)]
    return min(min(every), today), max(every)


def _move(actor, document, *states) -> None:
    for state in states:
        paperwork.document_transition(actor=actor, document=document, status=state)


def _insurance(production, assistant, manager, first, last):
    """The production's certificate of insurance and workers' compensation policy (which
    expires in three weeks: the due list and the 30-day reminder show it)."""
    coi = paperwork.document_create(
        actor=assistant,
        production=production,
        kind="coi",
        title="General liability certificate",
        issuer="Pacific Marine Insurance",
        reference="GL-2027-0412",
        effective_date=first - datetime.timedelta(days=30),
        expiry_date=last + datetime.timedelta(days=365),
        insurance_limit=Decimal("2000000.00"),
        currency="USD",
        insured_wording=WORDING,
    )
    comp = paperwork.document_create(
        actor=assistant,
        production=production,
        kind="workers_comp",
        title="Workers' compensation policy",
        issuer="State Compensation Fund",
        effective_date=first - datetime.timedelta(days=30),
        expiry_date=timezone.localdate() + datetime.timedelta(days=21),
    )
    for document in (coi, comp):
        _move(assistant, document, "applied")
        paperwork.document_approve(actor=manager, document=document)
    return coi, comp


def _agreement(production, assistant, manager, location, dates, name) -> None:
    if not dates:
        return
    agreement = paperwork.document_create(
        actor=assistant,
        production=production,
        kind="location_agreement",
        title=f"Location agreement: {name}",
        location=location,
        effective_date=min(min(dates), timezone.localdate()) - datetime.timedelta(days=14),
        expiry_date=max(dates) + datetime.timedelta(days=14),
        covers_start=min(dates),
        covers_end=max(dates),
    )
    if name == "Saint Peter's Church":
        return  # still needed: the parish council meets next week
    _move(assistant, agreement, "applied")
    paperwork.document_approve(actor=manager, document=agreement)


def _permit(production, assistant, manager, location, dates, state, coi) -> None:
    if not dates:
        return
    permit = paperwork.document_create(
        actor=assistant,
        production=production,
        kind="film_permit",
        title=f"Film permit: {location.name}",
        issuer=str(location.permit_office or ""),
        location=location,
        effective_date=min(dates),
        expiry_date=max(dates),
        covers_start=min(dates),
        covers_end=max(dates),
        hours_start=datetime.time(6),
        hours_end=datetime.time(22),
        activities=["filming", "parking"],
        fee=Decimal("625.00"),
        currency="USD",
    )
    paperwork.document_depend(actor=assistant, document=permit, on=coi)
    _move(assistant, permit, "applied")
    if state == "approved":
        paperwork.document_approve(actor=manager, document=permit)
    elif state == "denied":
        _move(assistant, permit, "denied")


def _hotel_prep(production, assistant, hotel) -> None:
    """A prep day at the hotel (in two days, or on the first day of prep), whose parking permit
    is still needed: amber, and past its apply-by date once the production is under way."""
    day = timezone.localdate() + datetime.timedelta(days=2)
    if production.start_date and day < production.start_date:
        day = production.start_date
    days.location_day_set(
        actor=assistant, location=hotel, date=day, kind="prep", activities=["parking"],
        start_time=datetime.time(8), end_time=datetime.time(18),
    )  # fmt: skip
    paperwork.document_create(
        actor=assistant,
        production=production,
        kind="film_permit",
        title="Parking permit: Harbor Hotel prep",
        location=hotel,
        covers_start=day,
        covers_end=day,
        activities=["parking"],
    )


def _candidates(production, locations) -> None:
    """Two venues the scout compared for Nora's apartment."""
    for name, price, basis in (
        ("Nora's Apartment (Stage 4)", "4200.00", "flat"),
        ("Harbor Hotel", "1800.00", "per_day"),
    ):
        days.candidate_add(
            actor=None,
            production=production,
            set_name="NORA'S APARTMENT",
            location=locations[name],
            price=Decimal(price),
            basis=basis,
            currency="USD",
        )
