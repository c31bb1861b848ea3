"""Legal paperwork of a production: permit offices' rules, documents with their dependencies,
their stored versions (SHA-256, random names, kept five years), reminders and scouting photos."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q

from prodoffice.core.models import PublicIdModel, TimeStampedModel
from prodoffice.core.text import BidiRefusingModel
from prodoffice.locations.choices import PERSONAL_KINDS, DocumentKind, DocumentStatus
from prodoffice.locations.models.places import Location, validate_activities
from prodoffice.locations.querysets import (
    DocumentFileQuerySet,
    DocumentQuerySet,
    JurisdictionRuleQuerySet,
    LocationPhotoQuerySet,
)
from prodoffice.people.validators import validate_currency


def _stored_name(instance, filename: str) -> str:
    # A random key: the stored name says nothing of the production, the place or the person.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"paperwork/{uuid.uuid4().hex}.{extension}"


class JurisdictionRule(BidiRefusingModel, TimeStampedModel):
    """A permit office's rules: lead time in business days, how far ahead, insurance required."""

    bidi_names = ("name",)

    production = models.ForeignKey(
        "productions.Production",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jurisdiction_rules",
        help_text="Empty: a shared example every production can use.",
    )
    name = models.CharField("Permit office", max_length=120)
    jurisdiction = models.CharField(max_length=120, blank=True)
    lead_business_days = models.PositiveSmallIntegerField(
        default=3, help_text="Apply at least this many business days before the first date."
    )
    max_days_ahead = models.PositiveSmallIntegerField(
        default=30, help_text="Apply at most this many days before the first date."
    )
    required_limit = models.DecimalField(
        "Required insurance limit",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(max_length=3, blank=True, validators=[validate_currency])
    required_wording = models.TextField(
        "Additional-insured wording", blank=True, help_text="Must appear on the certificate."
    )
    holidays = models.JSONField(default=list, blank=True, help_text="Dates the office is closed.")

    objects = JurisdictionRuleQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(required_limit__isnull=True) | ~Q(currency=""),
                name="locations_rule_limit_has_currency",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.required_limit is not None and not self.currency:
            errors["currency"] = "An insurance limit needs a currency (ISO 4217, e.g. USD)."
        if self.lead_business_days and self.max_days_ahead < self.lead_business_days:
            errors["max_days_ahead"] = "The latest application is before the lead time."
        if not isinstance(self.holidays, list) or not all(
            isinstance(d, str) and len(d) == 10 for d in self.holidays
        ):
            errors["holidays"] = "Holidays are a list of dates (YYYY-MM-DD)."
        if errors:
            raise ValidationError(errors)


class Document(BidiRefusingModel, PublicIdModel):
    """One piece of legal paperwork: kind, status, dates, what it covers and whom it concerns."""

    bidi_names = ("title", "reference")

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="legal_documents"
    )
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    status = models.CharField(
        max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.NEEDED
    )
    title = models.CharField(max_length=200)
    issuer = models.CharField(max_length=200, blank=True)
    reference = models.CharField("Reference number", max_length=80, blank=True)
    effective_date = models.DateField(null=True, blank=True)
    expiry_date = models.DateField(null=True, blank=True)
    covers_start = models.DateField("Covers from", null=True, blank=True)
    covers_end = models.DateField("Covers until", null=True, blank=True)
    hours_start = models.TimeField(null=True, blank=True, help_text="Empty: all day.")
    hours_end = models.TimeField(null=True, blank=True)
    activities = models.JSONField(default=list, blank=True, validators=[validate_activities])
    fee = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(max_length=3, blank=True, validators=[validate_currency])
    insurance_limit = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    insured_wording = models.TextField("Additional-insured wording", blank=True)
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    company = models.ForeignKey(
        "people.Company", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    department = models.ForeignKey(
        "productions.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The department it concerns (its head reads it).",
    )
    contract = models.ForeignKey(
        "contracts.Contract",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The contract desk's agreement, when there is one.",
    )
    rule = models.ForeignKey(
        JurisdictionRule, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    apply_from = models.DateField(null=True, blank=True, editable=False)
    apply_by = models.DateField(null=True, blank=True, editable=False)
    depends_on = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="dependants"
    )
    approved_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["production", "kind", "title"]
        indexes = [
            models.Index(fields=["production", "status"], name="locations_doc_prod_status"),
            models.Index(fields=["production", "expiry_date"], name="locations_doc_prod_expiry"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expiry_date__isnull=True)
                | Q(effective_date__isnull=True)
                | Q(expiry_date__gte=F("effective_date")),
                name="locations_doc_expiry_after_effective",
            ),
            models.CheckConstraint(
                condition=Q(covers_end__isnull=True)
                | Q(covers_start__isnull=True)
                | Q(covers_end__gte=F("covers_start")),
                name="locations_doc_cover_end_after_start",
            ),
            models.CheckConstraint(
                condition=(Q(fee__isnull=True) & Q(insurance_limit__isnull=True)) | ~Q(currency=""),
                name="locations_doc_money_has_currency",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.effective_date and self.expiry_date and self.expiry_date < self.effective_date:
            errors["expiry_date"] = "The expiry date is before the effective date."
        if self.covers_start and self.covers_end and self.covers_end < self.covers_start:
            errors["covers_end"] = "The covered dates end before they start."
        if (self.hours_start is None) != (self.hours_end is None):
            errors["hours_end"] = "Give both covered hours, or neither (all day)."
        elif self.hours_start and self.hours_end <= self.hours_start:
            errors["hours_end"] = "The covered hours end before they start."
        if (self.fee is not None or self.insurance_limit is not None) and not self.currency:
            errors["currency"] = "An amount needs a currency (ISO 4217, e.g. USD)."
        for name in ("location", "department", "rule", "contract"):
            other = getattr(self, name) if getattr(self, f"{name}_id") else None
            owner = getattr(other, "production_id", self.production_id)
            if other is not None and owner not in (None, self.production_id):
                errors[name] = f"This {name} belongs to another production."
        if errors:
            raise ValidationError(errors)

    @property
    def is_personal(self) -> bool:
        """Releases and minors' permits: the office and the person only."""
        return self.kind in PERSONAL_KINDS


class DocumentFile(TimeStampedModel):
    """One stored version of a document's file: random name, SHA-256, kept five years."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="files")
    version = models.PositiveSmallIntegerField()
    file = models.FileField(upload_to=_stored_name, max_length=200)
    filename = models.CharField("Uploaded name", max_length=200)
    content_type = models.CharField(max_length=40)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    keep_until = models.DateField(help_text="Not deleted before this date (five years).")

    objects = DocumentFileQuerySet.as_manager()

    class Meta:
        ordering = ["document", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "version"], name="locations_docfile_unique_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.version}"


class DocumentReminder(models.Model):
    """A reminder sent for one document, threshold and expiry date (never twice)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    expiry_date = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "-days_before"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "days_before", "expiry_date"],
                name="locations_reminder_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document}: {self.days_before} days before {self.expiry_date}"


class LocationPhoto(TimeStampedModel):
    """A scouting photo of a location, stored under a random name."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=_stored_name, max_length=200)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    caption = models.CharField(max_length=200, blank=True)

    objects = LocationPhotoQuerySet.as_manager()

    class Meta:
        ordering = ["location", "created_at"]

    def __str__(self) -> str:
        return self.caption or self.filename
