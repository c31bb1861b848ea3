"""Locations of a production, the dates they cannot be used, and which location plays which set;
its type, time zone, access hours, facilities and scouting status; candidate venues per set and
the days a location is used (prep, shoot, strike) with their hours and activities."""

from __future__ import annotations

from decimal import Decimal
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from prodoffice.core.models import PublicIdModel, TimeStampedModel
from prodoffice.core.text import BidiRefusingModel
from prodoffice.locations.choices import (
    Activity,
    DayKind,
    Facility,
    LocationType,
    PriceBasis,
    ScoutingStatus,
)
from prodoffice.locations.querysets import (
    CandidateVenueQuerySet,
    LocationDayQuerySet,
    LocationQuerySet,
    LocationUnavailabilityQuerySet,
    SetLocationQuerySet,
)
from prodoffice.people.validators import validate_currency


def validate_time_zone(value: str) -> None:
    """An IANA time zone name (Europe/Paris), or empty."""
    if value and value not in available_timezones():
        raise ValidationError(f"{value} is not a time zone name (e.g. Europe/Paris).")


def validate_facilities(value) -> None:
    """A list of facility codes without repeats."""
    if not isinstance(value, list) or any(v not in Facility.values for v in value):
        raise ValidationError(f"Facilities are a list of: {', '.join(Facility.values)}.")


def validate_activities(value) -> None:
    """A list of activity codes."""
    if not isinstance(value, list) or any(v not in Activity.values for v in value):
        raise ValidationError(f"Activities are a list of: {', '.join(Activity.values)}.")


def normalise_set_name(name: str) -> str:
    """Set names as the script writes them, compared without case or extra spaces."""
    return " ".join((name or "").split()).upper()


class Location(BidiRefusingModel, PublicIdModel):
    """A place the production shoots at, with what the crew needs to know to get there and work."""

    bidi_names = ("name", "contact_name", "hospital_name")

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(max_length=120)
    address = models.TextField(blank=True)
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    contact_name = models.CharField("Owner or manager", max_length=120, blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    contact_email = models.EmailField(blank=True)
    restrictions = models.TextField(blank=True, help_text="Noise, hours, no-go areas ...")
    power_water = models.TextField("Power and water", blank=True)
    parking = models.TextField(blank=True)
    truck_access = models.TextField(blank=True)
    base_camp = models.TextField(blank=True)
    restrooms = models.TextField(blank=True)
    fee = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    deposit = models.DecimalField(
        "Security deposit",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(max_length=3, blank=True, validators=[validate_currency])
    hospital_name = models.CharField("Nearest hospital", max_length=120, blank=True)
    hospital_address = models.TextField(blank=True)
    hospital_phone = models.CharField(max_length=30, blank=True)
    backups = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="backup_for"
    )
    notes = models.TextField(blank=True)
    kind = models.CharField(
        "Type", max_length=10, choices=LocationType.choices, default=LocationType.PRACTICAL
    )
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text="Empty: the production's.",
    )
    access_start = models.TimeField("Access from", null=True, blank=True)
    access_end = models.TimeField("Access until", null=True, blank=True)
    noise = models.TextField("Noise restrictions", blank=True)
    neighbours = models.TextField(blank=True, help_text="Notices, agreements, who to call.")
    facilities = models.JSONField(default=list, blank=True, validators=[validate_facilities])
    holding = models.TextField(blank=True)
    scouting_status = models.CharField(
        max_length=10, choices=ScoutingStatus.choices, default=ScoutingStatus.IDEA
    )
    permit_office = models.ForeignKey(
        "locations.JurisdictionRule",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
        help_text="The office that issues film permits here; its rules set apply-by dates.",
    )

    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["production", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "production", name="locations_location_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="locations_location_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="locations_location_longitude_range",
            ),
            models.CheckConstraint(
                condition=(Q(fee__isnull=True) | Q(fee__gte=0))
                & (Q(deposit__isnull=True) | Q(deposit__gte=0)),
                name="locations_location_money_not_negative",
            ),
            models.CheckConstraint(
                condition=(Q(fee__isnull=True) & Q(deposit__isnull=True)) | ~Q(currency=""),
                name="locations_location_money_has_currency",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            field = "longitude" if self.longitude is None else "latitude"
            errors[field] = "Give both latitude and longitude, or neither."
        if (self.fee is not None or self.deposit is not None) and not self.currency:
            errors["currency"] = "A fee or deposit needs a currency (ISO 4217, e.g. USD)."
        if self.access_start and self.access_end and self.access_end <= self.access_start:
            errors["access_end"] = "Access ends before it starts."
        if errors:
            raise ValidationError(errors)

    @property
    def coordinates(self) -> str:
        """Latitude, longitude as decimal degrees, or an empty string."""
        if self.latitude is None or self.longitude is None:
            return ""
        return f"{self.latitude}, {self.longitude}"


class LocationUnavailability(TimeStampedModel):
    """Dates (inclusive) on which a location cannot be used."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="unavailable")
    start_date = models.DateField()
    end_date = models.DateField(help_text="Inclusive.")
    reason = models.CharField(max_length=200, blank=True)

    objects = LocationUnavailabilityQuerySet.as_manager()

    class Meta:
        ordering = ["location", "start_date", "id"]
        verbose_name_plural = "location unavailabilities"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="locations_unavailability_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        span = self.start_date.isoformat()
        if self.end_date != self.start_date:
            span += f" to {self.end_date.isoformat()}"
        return f"{self.location} unavailable {span}"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date is before the start date."})


class SetLocation(BidiRefusingModel, TimeStampedModel):
    """A set of the script (by name, since scene rows change between drafts) shot at a location."""

    bidi_names = ("set_name",)

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="set_locations"
    )
    set_name = models.CharField("Set", max_length=200, help_text="Stored in capitals.")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="sets")

    objects = SetLocationQuerySet.as_manager()

    class Meta:
        ordering = ["production", "set_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "set_name"], name="locations_set_location_unique_set"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.set_name} at {self.location}"

    def clean(self) -> None:
        if self.location_id and self.location.production_id != self.production_id:
            raise ValidationError({"location": "This location belongs to another production."})


class CandidateVenue(TimeStampedModel):
    """A location considered for a set, with its price, so the scout can compare."""

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="candidate_venues"
    )
    set_name = models.CharField("Set", max_length=200, help_text="Stored in capitals.")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="candidacies")
    price = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    basis = models.CharField(max_length=8, choices=PriceBasis.choices, default=PriceBasis.PER_DAY)
    currency = models.CharField(max_length=3, blank=True, validators=[validate_currency])
    notes = models.TextField(blank=True)

    objects = CandidateVenueQuerySet.as_manager()

    class Meta:
        ordering = ["production", "set_name", "price"]
        constraints = [
            models.UniqueConstraint(
                fields=["set_name", "location"], name="locations_candidate_unique"
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | ~Q(currency=""),
                name="locations_candidate_price_has_currency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.location} for {self.set_name}"

    def clean(self) -> None:
        if self.price is not None and not self.currency:
            raise ValidationError({"currency": "A price needs a currency (ISO 4217, e.g. USD)."})


class LocationDay(TimeStampedModel):
    """A day a location is used (prep, shoot or strike) with its hours and activities."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="days")
    date = models.DateField()
    kind = models.CharField(max_length=6, choices=DayKind.choices, default=DayKind.SHOOT)
    start_time = models.TimeField(null=True, blank=True, help_text="Local wall-clock time.")
    end_time = models.TimeField(null=True, blank=True, help_text="Local wall-clock time.")
    activities = models.JSONField(default=list, blank=True, validators=[validate_activities])

    objects = LocationDayQuerySet.as_manager()

    class Meta:
        ordering = ["location", "date"]
        constraints = [
            models.UniqueConstraint(fields=["location", "date"], name="locations_day_unique"),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_time__gt=F("start_time")),
                name="locations_day_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.location} {self.get_kind_display().lower()} {self.date.isoformat()}"

    def clean(self) -> None:
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": "The end time is before the start time."})
