"""Productions, the department and position catalogue, engagements (the crew list), meetings."""

from __future__ import annotations

import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q

from prodoffice.core.models import PublicIdModel, TimeStampedModel
from prodoffice.core.text import BidiRefusingModel
from prodoffice.people.validators import validate_currency, validate_language
from prodoffice.productions.choices import (
    AttendanceStatus,
    CrewListContacts,
    EngagementStatus,
    MeetingKind,
    MeetingStatus,
    Phase,
    ProductionType,
    RateUnit,
    UnavailabilityKind,
)
from prodoffice.productions.querysets import (
    CatalogueQuerySet,
    EngagementQuerySet,
    MeetingQuerySet,
    ProductionQuerySet,
    UnavailabilityQuerySet,
)


def validate_time_zone(value: str) -> None:
    """An IANA time zone name."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            f"“{value}” is not a time zone (e.g. Europe/London).", code="invalid_tz"
        )


code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9-]{1,19}$",
    "Use 2 to 20 capital letters, digits or dashes (e.g. NIGHTJAR).",
    code="invalid_code",
)


class Production(BidiRefusingModel, PublicIdModel):
    """A film, series, commercial or short, run by its production office."""

    bidi_names = ("title",)
    bidi_identifiers = ("code",)

    title = models.CharField(max_length=200)
    code = models.CharField(max_length=20, unique=True, validators=[code_validator])
    kind = models.CharField("Type", max_length=16, choices=ProductionType.choices)
    phase = models.CharField(max_length=20, choices=Phase.choices, default=Phase.DEVELOPMENT)
    start_date = models.DateField(null=True, blank=True, help_text="First day of prep.")
    shoot_start = models.DateField(null=True, blank=True)
    shoot_end = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True, help_text="Delivery or wrap of post.")
    original_language = models.CharField(
        max_length=12, default="en", validators=[validate_language]
    )
    studio = models.ForeignKey(
        "people.Company", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    production_company = models.ForeignKey(
        "people.Company", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    office_address = models.TextField(blank=True)
    office_phone = models.CharField(max_length=20, blank=True)
    office_email = models.EmailField(blank=True)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    currency = models.CharField(max_length=3, default="USD", validators=[validate_currency])
    use_24h_clock = models.BooleanField(default=True)
    crew_list_contacts = models.CharField(
        "Contacts on the printed crew list",
        max_length=8,
        choices=CrewListContacts.choices,
        default=CrewListContacts.ALL,
        help_text="The privacy rule of the crew list the office prints and distributes.",
    )

    objects = ProductionQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="productions_production_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(shoot_end__isnull=True)
                | Q(shoot_start__isnull=True)
                | Q(shoot_end__gte=F("shoot_start")),
                name="productions_production_shoot_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date is before the start date."})
        if self.shoot_start and self.shoot_end and self.shoot_end < self.shoot_start:
            raise ValidationError({"shoot_end": "The last shoot day is before the first."})


class Department(BidiRefusingModel, TimeStampedModel):
    """A department of the catalogue (Camera, Sound, Editorial ...): shared by every production,
    or local to one production (`production` set) and seen only there."""

    bidi_names = ("name",)

    production = models.ForeignKey(
        Production,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="local_departments",
        help_text="Empty: the shared catalogue (site administrators). Set: local to a production.",
    )
    name = models.CharField(max_length=80)
    # Unique across the site: local slugs carry the production code, so lookups stay unambiguous.
    slug = models.SlugField(max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(default=100)
    is_cast = models.BooleanField(default=False, help_text="The cast, numbered on the board.")

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(production__isnull=True),
                name="productions_department_unique_shared_name",
            ),
            models.UniqueConstraint(
                fields=["production", "name"],
                condition=Q(production__isnull=False),
                name="productions_department_unique_local_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Position(BidiRefusingModel, TimeStampedModel):
    """A position of the catalogue with its responsibilities and default reporting line; shared,
    or local to one production (`production` set), in a shared or that production's department."""

    bidi_names = ("title",)

    production = models.ForeignKey(
        Production,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="local_positions",
        help_text="Empty: the shared catalogue (site administrators). Set: local to a production.",
    )
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(max_length=80)
    responsibilities = models.TextField(blank=True)
    is_key = models.BooleanField(
        "Key position", default=False, help_text="Usually held by someone with long experience."
    )
    min_years_experience = models.PositiveSmallIntegerField(default=0)
    reports_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aliases = models.CharField(
        max_length=300, blank=True, help_text="Other titles, comma-separated, for imports."
    )
    order = models.PositiveSmallIntegerField(default=100)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["department__order", "order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "title"],
                condition=Q(production__isnull=True),
                name="productions_position_unique",
            ),
            models.UniqueConstraint(
                fields=["production", "department", "title"],
                condition=Q(production__isnull=False),
                name="productions_position_unique_local",
            ),
            models.CheckConstraint(
                condition=~Q(reports_to=F("id")), name="productions_position_not_own_superior"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Engagement(BidiRefusingModel, PublicIdModel):
    """A person on a production in a position: one line of the crew or cast list."""

    bidi_names = ("character",)

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="engagements")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="engagements"
    )
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="engagements")
    status = models.CharField(
        max_length=12, choices=EngagementStatus.choices, default=EngagementStatus.PROSPECT
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    reports_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    cast_number = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)], help_text="Board ID, by billing."
    )
    character = models.CharField(max_length=120, blank=True)
    rate = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    rate_unit = models.CharField(max_length=8, choices=RateUnit.choices, blank=True)
    currency = models.CharField(max_length=3, blank=True, validators=[validate_currency])
    notes = models.TextField(blank=True)
    experience_warning = models.CharField(max_length=300, blank=True, editable=False)

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["position__department__order", "position__order", "person__last_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "person", "position"], name="productions_engagement_unique"
            ),
            models.UniqueConstraint(
                fields=["production", "cast_number"],
                condition=Q(cast_number__isnull=False),
                name="productions_engagement_unique_cast_number",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="productions_engagement_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(rate__isnull=True) | (~Q(currency="") & ~Q(rate_unit="")),
                name="productions_engagement_rate_has_currency_and_unit",
            ),
            models.CheckConstraint(
                condition=Q(rate__isnull=True) | Q(rate__gte=0),
                name="productions_engagement_rate_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(reports_to=F("id")), name="productions_engagement_not_own_superior"
            ),
        ]
        indexes = [models.Index(fields=["production", "status"], name="prod_engagement_status_idx")]

    def __str__(self) -> str:
        return f"{self.person} – {self.position}"

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The end date is before the start date."
        if self.rate is not None and not self.currency:
            errors["currency"] = "A rate needs a currency (ISO 4217, e.g. USD)."
        if self.rate is not None and not self.rate_unit:
            errors["rate_unit"] = "A rate needs a unit (hour, day, week, flat, episode)."
        if self.position_id and self.position.production_id not in (None, self.production_id):
            # Another production's local position: answered like an unknown one.
            errors["position"] = "Unknown position: choose one of this production's catalogue."
        if errors:
            raise ValidationError(errors)


class Unavailability(TimeStampedModel):
    """Dates (inclusive) on which someone engaged cannot work: another job, travel, personal."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="unavailabilities"
    )
    start_date = models.DateField()
    end_date = models.DateField(help_text="Inclusive: the last day they cannot work.")
    kind = models.CharField(
        max_length=12, choices=UnavailabilityKind.choices, default=UnavailabilityKind.OTHER
    )
    reason = models.CharField(
        max_length=200, blank=True, help_text="Seen only by the office and the person."
    )

    objects = UnavailabilityQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "start_date", "id"]
        verbose_name_plural = "unavailabilities"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="productions_unavailability_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["engagement", "start_date"], name="prod_unavail_start_idx"),
        ]

    def __str__(self) -> str:
        span = self.start_date.isoformat()
        if self.end_date != self.start_date:
            span += f" to {self.end_date.isoformat()}"
        return f"{self.get_kind_display()} {span}"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date is before the start date."})

    def covers(self, day) -> bool:
        """True when the date falls inside the range (both ends included)."""
        return self.start_date <= day <= self.end_date


class Meeting(BidiRefusingModel, PublicIdModel):
    """The kickoff or a production meeting at the office."""

    bidi_names = ("title", "location")

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(max_length=12, choices=MeetingKind.choices)
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField(null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    location = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    invited_departments = models.ManyToManyField(Department, blank=True, related_name="+")
    minutes = models.TextField(blank=True, help_text="Free-form notes taken during the meeting.")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["production", "starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["production"],
                condition=Q(kind=MeetingKind.KICKOFF),
                name="productions_meeting_one_kickoff",
            )
        ]

    def __str__(self) -> str:
        return self.title


class AgendaItem(BidiRefusingModel, TimeStampedModel):
    """One point on a meeting's agenda."""

    bidi_names = ("title",)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    notes = models.TextField(blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return self.title


class Attendance(TimeStampedModel):
    """Who was invited to a meeting and whether they came."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(
        max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.INVITED
    )

    class Meta:
        ordering = ["meeting", "engagement__position__department__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "engagement"], name="productions_attendance_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.engagement.person} at {self.meeting}"


class Decision(TimeStampedModel):
    """A decision taken in a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField()

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class ActionItem(TimeStampedModel):
    """A task from a meeting, assigned to someone on the production, with a due date."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    text = models.TextField()
    assignee = models.ForeignKey(
        Engagement, on_delete=models.PROTECT, related_name="action_items", null=True, blank=True
    )
    due_date = models.DateField(null=True, blank=True)
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["meeting", "done", "due_date", "id"]

    def __str__(self) -> str:
        return self.text[:60]
