"""Choices of the locations app and the transition table of each kind of document."""

from __future__ import annotations

from django.db import models


class LocationType(models.TextChoices):
    PRACTICAL = "practical", "Practical"
    STAGE = "stage", "Stage"
    BACKLOT = "backlot", "Backlot"


class ScoutingStatus(models.TextChoices):
    IDEA = "idea", "Idea"
    SCOUTED = "scouted", "Scouted"
    ON_HOLD = "on_hold", "On hold"
    CONFIRMED = "confirmed", "Confirmed"
    RELEASED = "released", "Released"


class Facility(models.TextChoices):
    POWER = "power", "Power"
    WATER = "water", "Water"
    RESTROOMS = "restrooms", "Restrooms"
    PARKING = "parking", "Parking"
    TRUCK_ACCESS = "truck_access", "Truck access"
    BASE_CAMP = "base_camp", "Base camp"
    HOLDING = "holding", "Holding"


class PriceBasis(models.TextChoices):
    FLAT = "flat", "Flat"
    PER_DAY = "per_day", "Per day"


class DayKind(models.TextChoices):
    PREP = "prep", "Prep"
    SHOOT = "shoot", "Shoot"
    STRIKE = "strike", "Strike"


class Activity(models.TextChoices):
    FILMING = "filming", "Filming"
    PARKING = "parking", "Parking"
    STREET_CLOSURE = "street_closure", "Street closure"
    DRONE = "drone", "Drone"
    PYROTECHNICS = "pyrotechnics", "Pyrotechnics"
    FIREARMS = "firearms", "Firearms"
    ANIMALS = "animals", "Animals"
    MINORS = "minors", "Minors"


class DocumentKind(models.TextChoices):
    LOCATION_AGREEMENT = "location_agreement", "Location agreement"
    FILM_PERMIT = "film_permit", "Film permit"
    COI = "coi", "Certificate of insurance"
    RELEASE = "release", "Talent or appearance release"
    MINOR_PERMIT = "minor_permit", "Minor's work permit"
    CLEARANCE = "clearance", "Clearance"
    WORKERS_COMP = "workers_comp", "Workers' compensation policy"


class DocumentStatus(models.TextChoices):
    NEEDED = "needed", "Needed"
    APPLIED = "applied", "Applied"
    APPROVED = "approved", "Approved"
    DENIED = "denied", "Denied"
    EXPIRED = "expired", "Expired"
    WITHDRAWN = "withdrawn", "Withdrawn"


K, S = DocumentKind, DocumentStatus

#: Issued by an office that can say no: permits and minors' permits can be denied.
_ISSUED = {
    S.NEEDED: frozenset({S.APPLIED, S.WITHDRAWN}),
    S.APPLIED: frozenset({S.APPROVED, S.DENIED, S.WITHDRAWN}),
    S.APPROVED: frozenset({S.EXPIRED, S.WITHDRAWN}),
    S.DENIED: frozenset({S.APPLIED, S.WITHDRAWN}),
    S.EXPIRED: frozenset({S.APPLIED, S.WITHDRAWN}),
    S.WITHDRAWN: frozenset({S.NEEDED}),
}
#: Obtained from a party (owner, insurer, performer): requested, then received and approved.
_OBTAINED = {
    S.NEEDED: frozenset({S.APPLIED, S.WITHDRAWN}),
    S.APPLIED: frozenset({S.APPROVED, S.WITHDRAWN}),
    S.APPROVED: frozenset({S.EXPIRED, S.WITHDRAWN}),
    S.EXPIRED: frozenset({S.APPLIED, S.WITHDRAWN}),
    S.WITHDRAWN: frozenset({S.NEEDED}),
    S.DENIED: frozenset({S.WITHDRAWN}),
}
#: Each kind's allowed moves; `document_transition` checks against it.
TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    K.LOCATION_AGREEMENT: _OBTAINED,
    K.FILM_PERMIT: _ISSUED,
    K.COI: _OBTAINED,
    K.RELEASE: _OBTAINED,
    K.MINOR_PERMIT: _ISSUED,
    K.CLEARANCE: _ISSUED,
    K.WORKERS_COMP: _OBTAINED,
}
#: A document of the key kind is not valid without a valid document of each kind listed.
REQUIRED_DEPENDENCIES: dict[str, tuple[str, ...]] = {
    K.FILM_PERMIT: (K.COI,),
    K.MINOR_PERMIT: (K.WORKERS_COMP,),
}
#: Private to the office and the person named: never shown to department heads or other crew.
PERSONAL_KINDS = frozenset({K.RELEASE, K.MINOR_PERMIT})
#: Reminder thresholds, in days before expiry.
REMINDER_DAYS = (90, 60, 30, 7)
