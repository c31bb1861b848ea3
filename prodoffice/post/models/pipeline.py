"""The post pipeline: tasks by type with assignee, dates, status and dependencies."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from prodoffice.core.models import TimeStampedModel
from prodoffice.core.text import BidiRefusingModel
from prodoffice.post.choices import TaskKind, TaskStatus
from prodoffice.post.querysets import PostTaskQuerySet


class PostTask(BidiRefusingModel, TimeStampedModel):
    """One piece of post work (the dialogue edit, the mix) with its dates and dependencies."""

    bidi_names = ("name",)

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="post_tasks"
    )
    kind = models.CharField(max_length=16, choices=TaskKind.choices)
    name = models.CharField(max_length=160)
    department = models.CharField(max_length=40, blank=True, help_text="Sound, Music, VFX ...")
    assignee = models.ForeignKey(
        "productions.Engagement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="post_tasks",
    )
    start_date = models.DateField()
    end_date = models.DateField(help_text="Inclusive.")
    planned_start = models.DateField(help_text="The start first planned, to show slips.")
    planned_end = models.DateField()
    status = models.CharField(max_length=12, choices=TaskStatus.choices, default="planned")
    max_nc = models.PositiveSmallIntegerField(
        "Room quieter than (NC)",
        null=True,
        blank=True,
        help_text="An ADR or mix task needs NC-25 or better, say. Blank: any room.",
    )
    depends_on = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="dependants"
    )
    needs_conform = models.BooleanField(default=False)
    conform_note = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    objects = PostTaskQuerySet.as_manager()

    class Meta:
        ordering = ["production", "start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="post_task_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date is before the start date."})

    @property
    def slip_days(self) -> int:
        """Days the end moved past the first plan (negative: ahead)."""
        return (self.end_date - self.planned_end).days
