"""Editorial: cuts, their versions (every import kept) and the events of each version."""

from __future__ import annotations

import uuid
from fractions import Fraction

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from prodoffice.core.models import PublicIdModel, TimeStampedModel
from prodoffice.core.text import BidiRefusingModel
from prodoffice.post.choices import CutFormat, EventKind
from prodoffice.post.querysets import CutEventQuerySet, CutQuerySet, CutVersionQuerySet


def _cut_path(instance: CutVersion, filename: str) -> str:
    # A random key: the stored name carries nothing of the uploader's file name.
    return f"post/cuts/{uuid.uuid4().hex}.bin"


class Cut(BidiRefusingModel, PublicIdModel):
    """A named cut of a production (the feature, a trailer, reel 3) whose versions are kept."""

    bidi_names = ("name",)

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="cuts"
    )
    name = models.CharField(max_length=120)

    objects = CutQuerySet.as_manager()

    class Meta:
        ordering = ["production", "name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "production", name="post_cut_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class CutVersion(TimeStampedModel):
    """One imported version of a cut: frame rate as an exact fraction, duration, source file."""

    cut = models.ForeignKey(Cut, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    fps_numerator = models.PositiveIntegerField()
    fps_denominator = models.PositiveIntegerField(default=1)
    duration_frames = models.PositiveIntegerField()
    start_frame = models.IntegerField(
        default=0, help_text="Record timecode of the first frame, in frames (the timeline start)."
    )
    source_format = models.CharField(max_length=12, choices=CutFormat.choices)
    source_name = models.CharField(max_length=200)
    source_file = models.FileField(upload_to=_cut_path)
    sha256 = models.CharField(max_length=64)
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    clip_count = models.PositiveIntegerField(default=0)
    gap_count = models.PositiveIntegerField(default=0)
    transition_count = models.PositiveIntegerField(default=0)
    track_count = models.PositiveSmallIntegerField(default=0)

    objects = CutVersionQuerySet.as_manager()

    class Meta:
        ordering = ["cut", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cut", "number"], name="post_cutversion_unique_number"),
            models.CheckConstraint(
                condition=Q(fps_numerator__gt=0) & Q(fps_denominator__gt=0),
                name="post_cutversion_rate_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cut.name} v{self.number}"

    @property
    def fps(self) -> Fraction:
        """The frame rate, exactly (24000/1001 for 23.976)."""
        return Fraction(self.fps_numerator, self.fps_denominator)

    @property
    def fps_label(self) -> str:
        """The rate as people write it: 24, 25, 23.976."""
        fps = self.fps
        return str(fps.numerator) if fps.denominator == 1 else f"{float(fps):.3f}".rstrip("0")

    @property
    def duration(self) -> str:
        """Duration as HH:MM:SS:FF."""
        from prodoffice.post.reader import timecode

        return timecode(self.duration_frames, self.fps)

    @property
    def runtime_seconds(self) -> float:
        """Running time in seconds at the exact rate."""
        return float(self.duration_frames / self.fps)

    @property
    def reference(self) -> str:
        """`CODE:NAME:vN`, the name `compare-cuts` accepts."""
        return f"{self.cut.production.code}:{self.cut.name}:v{self.number}"


class CutEvent(models.Model):
    """One item of a track of a cut version (clip, gap or transition), in frames.

    Record frames count from the first frame of the cut (record in 0), half-open.
    """

    version = models.ForeignKey(CutVersion, on_delete=models.CASCADE, related_name="events")
    index = models.PositiveIntegerField(help_text="Position in its track, from 0.")
    track = models.CharField(max_length=16)
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    clip_name = models.CharField(max_length=255, blank=True)
    reel = models.CharField(max_length=64, blank=True)
    source_in = models.IntegerField(default=0)
    source_out = models.IntegerField(default=0)
    record_in = models.IntegerField()
    record_out = models.IntegerField()

    objects = CutEventQuerySet.as_manager()

    class Meta:
        ordering = ["version", "track", "index"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "track", "index"], name="post_cutevent_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(record_out__gte=F("record_in")), name="post_cutevent_record_order"
            ),
            models.CheckConstraint(
                condition=Q(source_out__gte=F("source_in")), name="post_cutevent_source_order"
            ),
        ]
        indexes = [models.Index(fields=["version", "record_in"], name="post_cutevent_record")]

    def __str__(self) -> str:
        return f"{self.track} #{self.index} {self.clip_name or self.kind}"
