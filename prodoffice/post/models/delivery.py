"""Delivery schedules per territory or distributor, and the deliverables of each."""

from __future__ import annotations

import uuid

from django.db import models

from prodoffice.core.models import TimeStampedModel
from prodoffice.core.text import BidiRefusingModel
from prodoffice.people.validators import validate_language
from prodoffice.post.choices import DeliverableKind, DeliverableStatus
from prodoffice.post.querysets import DeliverableQuerySet, DeliveryScheduleQuerySet


def _deliverable_path(instance: Deliverable, filename: str) -> str:
    # A random key: the stored name reveals neither the production nor the territory.
    return f"post/deliverables/{uuid.uuid4().hex}.bin"


class DeliverySchedule(BidiRefusingModel, TimeStampedModel):
    """What a territory's distributor expects, and by when."""

    bidi_names = ("territory", "distributor")

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="delivery_schedules"
    )
    territory = models.CharField(max_length=80, help_text="A country or region: France, LATAM.")
    distributor = models.CharField(max_length=120, blank=True)
    due = models.DateField()

    objects = DeliveryScheduleQuerySet.as_manager()

    class Meta:
        ordering = ["production", "due", "territory"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "territory", "distributor"],
                name="post_deliveryschedule_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.territory} ({self.distributor})" if self.distributor else self.territory


class Deliverable(TimeStampedModel):
    """One item of a delivery schedule: a master, stems, subtitles in one language ..."""

    schedule = models.ForeignKey(
        DeliverySchedule, on_delete=models.CASCADE, related_name="deliverables"
    )
    kind = models.CharField(max_length=20, choices=DeliverableKind.choices)
    language = models.CharField(
        max_length=35,
        blank=True,
        validators=[validate_language],
        help_text="BCP 47 tag (fr-CA, es-419); blank when none.",
    )
    status = models.CharField(
        max_length=12, choices=DeliverableStatus.choices, default=DeliverableStatus.MISSING
    )
    due_date = models.DateField()
    task = models.ForeignKey(
        "post.PostTask",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliverables",
    )
    file = models.FileField(upload_to=_deliverable_path, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)

    objects = DeliverableQuerySet.as_manager()

    class Meta:
        ordering = ["schedule", "due_date", "kind", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "kind", "language"], name="post_deliverable_unique"
            )
        ]

    def __str__(self) -> str:
        label = self.get_kind_display()
        return f"{label} ({self.language})" if self.language else label
