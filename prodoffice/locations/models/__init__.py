"""The locations app's models: places (models.places) and paperwork (models.paperwork)."""

from prodoffice.locations.models.paperwork import (
    Document,
    DocumentFile,
    DocumentReminder,
    JurisdictionRule,
    LocationPhoto,
)
from prodoffice.locations.models.places import (
    CandidateVenue,
    Location,
    LocationDay,
    LocationUnavailability,
    SetLocation,
    normalise_set_name,
    validate_activities,
)

__all__ = [
    "CandidateVenue",
    "Document",
    "DocumentFile",
    "DocumentReminder",
    "JurisdictionRule",
    "Location",
    "LocationDay",
    "LocationPhoto",
    "LocationUnavailability",
    "SetLocation",
    "normalise_set_name",
    "validate_activities",
]
