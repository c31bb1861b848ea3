"""Choices of the scheduling app: INT/EXT, day or night, revision colours and statuses."""

from __future__ import annotations

from django.db import models

from prodoffice.scheduling.engine import categories, revisions

#: Revision colours in issue order, four rounds deep (White ... Tan, Double White ... ).
REVISION_COLOURS = tuple(
    revisions.revision_colour(i) for i in range(len(revisions.REVISION_COLOURS) * 4)
)


class IntExt(models.TextChoices):
    INT = "INT", "INT"
    EXT = "EXT", "EXT"
    INT_EXT = "INT-EXT", "INT/EXT"
    NONE = "", "—"


class DayNight(models.TextChoices):
    DAY = "D", "Day"
    NIGHT = "N", "Night"


class ElementEventKind(models.TextChoices):
    """An element's own day on the DOOD, shown by its code (DOMAIN.md: TR, FT, R)."""

    TRAVEL = "TR", "Travel"
    FITTING = "FT", "Fitting"
    REHEARSAL = "R", "Rehearsal"


class SceneStatus(models.TextChoices):
    """How a scene came out of the last revision import (blank for a first draft)."""

    NEW = "", "First draft"
    UNCHANGED = revisions.UNCHANGED, "Unchanged"
    CHANGED = revisions.CHANGED, "Changed"
    ADDED = revisions.ADDED, "Added"
    OMITTED = revisions.OMITTED, "Omitted"


class SourceFormat(models.TextChoices):
    FOUNTAIN = "fountain", "Fountain"
    FDX = "fdx", "Final Draft"
    USS = "uss", "Universal Schedule Standard"


class CategoryKind(models.TextChoices):
    ELEMENT = categories.ELEMENT, "Element"
    SCENE_ATTRIBUTE = categories.SCENE_ATTRIBUTE, "Scene attribute"


REVISION_COLOUR_CHOICES = [(colour, colour) for colour in REVISION_COLOURS]


class RunStatus(models.TextChoices):
    """Where an optimizer run stands."""

    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"
    STOPPED = "stopped", "Stopped"


#: Allowed optimizer run transitions; done, failed and stopped are final.
RUN_TRANSITIONS: dict[str, frozenset[str]] = {
    RunStatus.QUEUED: frozenset({RunStatus.RUNNING, RunStatus.STOPPED, RunStatus.FAILED}),
    RunStatus.RUNNING: frozenset({RunStatus.DONE, RunStatus.FAILED, RunStatus.STOPPED}),
    RunStatus.DONE: frozenset(),
    RunStatus.FAILED: frozenset(),
    RunStatus.STOPPED: frozenset(),
}
