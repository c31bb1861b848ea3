"""ADR cues and VFX shots: downstream items with a record range against a cut version."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from prodoffice.core.models import TimeStampedModel
from prodoffice.core.text import BidiRefusingModel
from prodoffice.post.choices import CueStatus
from prodoffice.post.querysets import AdrCueQuerySet, VfxShotQuerySet


class _RangedItem(BidiRefusingModel, TimeStampedModel):
    """An item of a production covering record frames [record_in, record_out) of a cut version."""

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    cut_version = models.ForeignKey("post.CutVersion", on_delete=models.PROTECT, related_name="+")
    record_in = models.PositiveIntegerField(help_text="First frame, counted from the cut's start.")
    record_out = models.PositiveIntegerField(help_text="The frame after the last one.")
    status = models.CharField(max_length=12, choices=CueStatus.choices, default=CueStatus.OPEN)
    needs_conform = models.BooleanField(default=False)
    conform_note = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        abstract = True

    def covers(self, ranges) -> bool:
        """The item's range meets a changed range (an empty range (p, p) counts inside it)."""
        return any(
            (a < self.record_out and b > self.record_in)
            or (a == b and self.record_in <= a < self.record_out)
            for a, b in ranges
        )


class AdrCue(_RangedItem):
    """A line to re-record: cue id, character, the performer's engagement, the record range."""

    bidi_names = ("cue", "character")

    cue = models.CharField("Cue id", max_length=40)
    character = models.CharField(max_length=120)
    engagement = models.ForeignKey(
        "productions.Engagement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adr_cues",
    )
    line = models.TextField(blank=True)

    objects = AdrCueQuerySet.as_manager()

    class Meta:
        ordering = ["production", "record_in", "cue"]
        constraints = [
            models.UniqueConstraint(Lower("cue"), "production", name="post_adrcue_unique_id"),
            models.CheckConstraint(
                condition=Q(record_out__gt=F("record_in")), name="post_adrcue_range"
            ),
        ]

    def __str__(self) -> str:
        return f"ADR {self.cue} ({self.character})"


class VfxShot(_RangedItem):
    """A VFX shot: shot id, description, vendor, the record range it covers."""

    bidi_names = ("shot", "vendor")

    shot = models.CharField("Shot id", max_length=40)
    description = models.TextField(blank=True)
    vendor = models.CharField(max_length=120, blank=True)

    objects = VfxShotQuerySet.as_manager()

    class Meta:
        ordering = ["production", "record_in", "shot"]
        constraints = [
            models.UniqueConstraint(Lower("shot"), "production", name="post_vfxshot_unique_id"),
            models.CheckConstraint(
                condition=Q(record_out__gt=F("record_in")), name="post_vfxshot_range"
            ),
        ]

    def __str__(self) -> str:
        return f"VFX {self.shot}"
