"""Facilities (in-house or vendors), their rooms with acoustic data, and bookings of rooms."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from prodoffice.core.models import TimeStampedModel
from prodoffice.core.text import BidiRefusingModel
from prodoffice.post.choices import BookingLevel, FacilityKind, Monitoring, RoomKind
from prodoffice.post.querysets import (
    BookingQuerySet,
    FacilityQuerySet,
    RoomFeedQuerySet,
    RoomQuerySet,
)
from prodoffice.productions.models import validate_time_zone


class Facility(BidiRefusingModel, TimeStampedModel):
    """A place with rooms: the production's own or a vendor company's."""

    bidi_names = ("name",)

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="facilities"
    )
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=FacilityKind.choices)
    company = models.ForeignKey(
        "people.Company", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    address = models.TextField(blank=True)
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text="IANA name (Europe/London); blank: the production's.",
    )

    objects = FacilityQuerySet.as_manager()

    class Meta:
        ordering = ["production", "name"]
        verbose_name_plural = "facilities"
        constraints = [
            models.UniqueConstraint(Lower("name"), "production", name="post_facility_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Room(BidiRefusingModel, TimeStampedModel):
    """A bookable room of a facility, with its acoustic properties and opening hours."""

    bidi_names = ("name",)

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=16, choices=RoomKind.choices)
    nc_rating = models.PositiveSmallIntegerField(
        "Noise criterion (NC)",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(70)],
        help_text="NC-15 is a quiet stage, NC-35 an office; lower is quieter. Blank: not rated.",
    )
    isolation_db = models.PositiveSmallIntegerField(
        "Isolation (STC, dB)", null=True, blank=True, validators=[MaxValueValidator(90)]
    )
    treated = models.BooleanField("Acoustically treated", default=False)
    monitoring = models.CharField(max_length=8, choices=Monitoring.choices, default="none")
    equipment = models.TextField(blank=True)
    opens_at = models.TimeField(default=datetime.time(8, 0))
    closes_at = models.TimeField(default=datetime.time(22, 0))
    in_maintenance = models.BooleanField(default=False)

    objects = RoomQuerySet.as_manager()

    class Meta:
        ordering = ["facility", "name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "facility", name="post_room_unique_name"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="post_room_hours_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.facility.name})"

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "The room closes before it opens."})

    @property
    def nc_label(self) -> str:
        """NC-25, or "not rated"."""
        return f"NC-{self.nc_rating}" if self.nc_rating is not None else "not rated"

    def meets(self, max_nc: int | None) -> bool:
        """The room is at least as quiet as a task needs (NC rating at or below `max_nc`)."""
        return max_nc is None or (self.nc_rating is not None and self.nc_rating <= max_nc)


class Booking(BidiRefusingModel, TimeStampedModel):
    """A room (and the people in it) held for a time at pencil, preliminary or confirmed level."""

    bidi_names = ("title",)

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="post_bookings"
    )
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="bookings")
    task = models.ForeignKey(
        "post.PostTask", on_delete=models.SET_NULL, null=True, blank=True, related_name="bookings"
    )
    level = models.CharField(max_length=12, choices=BookingLevel.choices)
    start = models.DateTimeField()
    end = models.DateTimeField()
    title = models.CharField(max_length=200, blank=True)
    engagements = models.ManyToManyField(
        "productions.Engagement", blank=True, related_name="post_bookings"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["start", "room"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="post_booking_end_after")
        ]
        indexes = [models.Index(fields=["room", "start"], name="post_booking_room_start")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.room.name} {self.start:%Y-%m-%d %H:%M} ({self.level})"

    @property
    def label(self) -> str:
        """What the booking is for: its title, else its task's name."""
        return self.title or (self.task.name if self.task_id else "")


class RoomFeed(TimeStampedModel):
    """The secret iCalendar link of a room (one active per room; rotating revokes the old one).

    As the personal calendar feeds (scheduling.FeedToken): only the SHA-256 of the secret is kept,
    the link is shown once when it is made.
    """

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="feeds")
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = RoomFeedQuerySet.as_manager()

    class Meta:
        ordering = ["room", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["room"],
                condition=Q(revoked_at__isnull=True),
                name="post_roomfeed_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"Calendar link of {self.room.name}"
