"""Call sheets: versions of one shoot day's sheet, the calls on them, recipients, settings.

A sheet is a draft until published; a published version is frozen (its content is kept as the
snapshot it was published with) and bound to the board and the board's state it came from. A
change after publishing is a new draft with the next version number; the rows of the draft
(department and personal calls) carry the office's manual edits from version to version.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from prodoffice.callsheets.choices import DeliveryState, RowKind, SheetStatus
from prodoffice.callsheets.querysets import (
    CallRowQuerySet,
    CallSheetQuerySet,
    RecipientQuerySet,
)
from prodoffice.core.models import PublicIdModel, TimeStampedModel
from prodoffice.core.text import BidiRefusingModel
from prodoffice.productions.models import validate_time_zone

#: Offsets from general call by department slug (minutes): hair and make-up first, then the
#: departments that light and dress the set; the rest at general call.
DEFAULT_DEPARTMENT_OFFSETS = {
    "transport": -120,
    "locations": -120,
    "hair-makeup": -90,
    "costume": -60,
    "lighting-grip": -60,
    "production": -60,
    "camera": -30,
    "art": -30,
    "direction": 0,
    "sound": 0,
    "stunts": 0,
}

_OFFSET = [MinValueValidator(-24 * 60), MaxValueValidator(24 * 60)]


def default_offsets() -> dict[str, int]:
    """A fresh copy of the conventional department offsets."""
    return dict(DEFAULT_DEPARTMENT_OFFSETS)


class CallSettings(TimeStampedModel):
    """A production's call sheet rules: offsets, cutoff, rest periods, alarm, confirmations."""

    production = models.OneToOneField(
        "productions.Production", on_delete=models.CASCADE, related_name="call_settings"
    )
    department_offsets = models.JSONField(
        default=default_offsets, help_text="Minutes from general call by department slug."
    )
    cutoff_time = models.TimeField(
        default=datetime.time(20, 0),
        help_text="Changing a call after this time the evening before warns and is recorded.",
    )
    rest_hours = models.PositiveSmallIntegerField(
        default=12, validators=[MaxValueValidator(48)], help_text="Wrap to next call, at least."
    )
    union_rest_hours = models.JSONField(
        default=dict, blank=True, help_text='Per union, e.g. {"IATSE": 10}.'
    )
    alarm_hours = models.PositiveSmallIntegerField(
        default=12, help_text="Warn when the sheet is not published this long before general call."
    )
    minutes_per_page = models.PositiveSmallIntegerField(
        default=150, validators=[MinValueValidator(1)]
    )
    hmu_minutes = models.PositiveSmallIntegerField("Hair and make-up minutes", default=90)
    wardrobe_minutes = models.PositiveSmallIntegerField(default=15)
    pickup_minutes = models.PositiveSmallIntegerField(
        default=30, help_text="Pick-up this long before a performer's call."
    )
    hide_cast_names = models.BooleanField(
        default=False, help_text="Personal slips show cast numbers instead of performers' names."
    )
    confirm_to = models.ManyToManyField(
        "productions.Engagement",
        blank=True,
        related_name="+",
        help_text="Who receives confirmations and alarms (2nd AD, coordinator ...).",
    )

    def __str__(self) -> str:
        return f"Call sheet settings of {self.production}"


class CallSheet(BidiRefusingModel, PublicIdModel):
    """One version of a shoot day's call sheet: a draft, published (frozen) or superseded."""

    bidi_names = ("weather",)

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="call_sheets"
    )
    board = models.ForeignKey(
        "scheduling.Board", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    board_fingerprint = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of the board's day as it was read."
    )
    date = models.DateField()
    shoot_day = models.PositiveSmallIntegerField()
    shoot_days = models.PositiveSmallIntegerField()
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        max_length=12, choices=SheetStatus.choices, default=SheetStatus.DRAFT, editable=False
    )
    time_zone = models.CharField(max_length=64, validators=[validate_time_zone])
    general_call = models.TimeField(default=datetime.time(7, 0))
    shooting_call = models.TimeField(null=True, blank=True)
    breakfast = models.TimeField(null=True, blank=True)
    lunch = models.TimeField(null=True, blank=True)
    lunch_minutes = models.PositiveSmallIntegerField(default=60)
    estimated_wrap = models.TimeField(null=True, blank=True)
    weather = models.CharField(max_length=200, blank=True, help_text="As entered by the office.")
    safety_notes = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    background = models.TextField(
        blank=True, help_text="Background: one group a line, `count, description, time`."
    )
    snapshot = models.JSONField(default=dict, blank=True, editable=False)
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    override_reason = models.TextField(blank=True, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CallSheetQuerySet.as_manager()

    class Meta:
        ordering = ["production", "date", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "date", "version"], name="callsheets_sheet_unique_version"
            ),
            models.UniqueConstraint(
                fields=["production", "date"],
                condition=Q(status=SheetStatus.DRAFT),
                name="callsheets_sheet_one_draft_per_day",
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="callsheets_sheet_version_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Call sheet {self.date.isoformat()} v{self.version} ({self.get_status_display()})"

    @property
    def is_frozen(self) -> bool:
        """Published and superseded versions never change."""
        return self.status != SheetStatus.DRAFT


class DepartmentCall(models.Model):
    """A department's call on one sheet, as minutes from general call."""

    sheet = models.ForeignKey(CallSheet, on_delete=models.CASCADE, related_name="departments")
    department = models.ForeignKey(
        "productions.Department", on_delete=models.PROTECT, related_name="+"
    )
    offset = models.SmallIntegerField(default=0, validators=_OFFSET)
    manual = models.BooleanField(default=False, help_text="Set by hand: re-reading keeps it.")

    objects = CallRowQuerySet.as_manager()

    class Meta:
        ordering = ["sheet", "department__order", "department__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "department"], name="callsheets_department_once_per_sheet"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.offset:+d} min"


class PersonCall(models.Model):
    """One person's call on a sheet: crew by department offset, cast from their first scene;
    a manual override is kept through re-reads and versions."""

    sheet = models.ForeignKey(CallSheet, on_delete=models.CASCADE, related_name="calls")
    engagement = models.ForeignKey(
        "productions.Engagement", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=4, choices=RowKind.choices)
    offset = models.SmallIntegerField(validators=_OFFSET, help_text="Minutes from general call.")
    manual = models.BooleanField(default=False)
    #: Cast only: minutes from general call of pick-up, hair and make-up, wardrobe, on set.
    pickup = models.SmallIntegerField(null=True, blank=True, validators=_OFFSET)
    makeup = models.SmallIntegerField(null=True, blank=True, validators=_OFFSET)
    wardrobe = models.SmallIntegerField(null=True, blank=True, validators=_OFFSET)
    on_set = models.SmallIntegerField(null=True, blank=True, validators=_OFFSET)
    note = models.CharField(max_length=200, blank=True)
    #: When the person is dismissed, in minutes from general call: a performer's last scene's
    #: end as computed, or set by hand (`wrap_manual`); empty for the general wrap.
    wrap = models.SmallIntegerField(null=True, blank=True, validators=_OFFSET)
    wrap_manual = models.BooleanField(default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(null=True, blank=True)
    after_cutoff = models.BooleanField(default=False, help_text="Last changed after the cutoff.")

    objects = CallRowQuerySet.as_manager()

    class Meta:
        ordering = ["sheet", "kind", "offset", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "engagement"], name="callsheets_call_once_per_sheet"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.engagement_id} {self.offset:+d} min"


class Recipient(TimeStampedModel):
    """A person a published version went to: delivery state, personal link, confirmation."""

    sheet = models.ForeignKey(CallSheet, on_delete=models.CASCADE, related_name="recipients")
    engagement = models.ForeignKey(
        "productions.Engagement", on_delete=models.PROTECT, related_name="+"
    )
    email = models.EmailField(blank=True)
    state = models.CharField(
        max_length=14, choices=DeliveryState.choices, default=DeliveryState.QUEUED
    )
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    changes = models.JSONField(default=list, blank=True, help_text="What changed for them.")
    queued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    bounced_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True, help_text="Unreliable.")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    message_id = models.CharField(
        max_length=200, blank=True, db_index=True, help_text="Message-ID of the last mail sent."
    )

    objects = RecipientQuerySet.as_manager()

    class Meta:
        ordering = ["sheet", "engagement__position__department__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "engagement"], name="callsheets_recipient_once_per_sheet"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.engagement_id} on {self.sheet_id}: {self.state}"
