"""Choices of the post app: event kinds, cut formats, and (below) the post office's statuses."""

from __future__ import annotations

from django.db import models


class EventKind(models.TextChoices):
    CLIP = "clip", "Clip"
    GAP = "gap", "Gap"
    TRANSITION = "transition", "Transition"


class CutFormat(models.TextChoices):
    CMX_3600 = "cmx_3600", "CMX 3600 EDL"
    FCP_XML = "fcp_xml", "Final Cut Pro 7 XML"
    FCPX_XML = "fcpx_xml", "FCPXML"
    OTIO = "otio_json", "OpenTimelineIO"


class ChangeKind(models.TextChoices):
    ADDED = "added", "Added"
    REMOVED = "removed", "Removed"
    TRIMMED = "trimmed", "Trimmed"
    MOVED = "moved", "Moved"
