"""Conform after a new cut: flag the downstream items whose record range a change covers, the
tasks they belong to, and open one conform task per department that has something to conform.
Subtitles are flagged by the languages app itself from `changelist.changed_ranges`.

Coverage is decided per item, in the frames of the version the item was recorded against:
- an ADR cue or VFX shot on the NEW version is flagged when its range meets a changed range of
  the new cut (`changed_ranges`: added, trimmed and moved shots, and the joins removed shots left);
- one on the OLD version (or an earlier version of the same cut) is flagged when its range meets
  the old range of a removed, trimmed or moved shot (`old_ranges`), measured on the old version;
- items on other cuts are left alone.
Tasks: an open ADR task is flagged when an ADR cue was flagged, an open VFX task when a VFX shot
was; when the production has no cues (or no shots), those tasks are taken to cover the whole cut
(flagged on any change). Dialogue, effects, Foley, mix, music and colour tasks cover the whole cut:
flagged on any change. A department gets a conform task only when something of it was flagged.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from prodoffice.audit.services import record
from prodoffice.core.services import require
from prodoffice.post.changelist import changed_ranges
from prodoffice.post.choices import (
    CONFORM_DEPARTMENTS,
    CONFORMABLE_CUE_STATUSES,
    OPEN_TASK_STATUSES,
    TaskKind,
)
from prodoffice.post.models import AdrCue, CutVersion, PostTask, VfxShot
from prodoffice.post.permissions import can_manage_post
from prodoffice.post.reader import timecode
from prodoffice.post.selectors import version_change_list

_REFUSED = "Only the production office and post supervisors send a cut to conform."


@dataclass
class ConformResult:
    """What a new cut caused: the changed ranges, the flagged tasks, the conform tasks."""

    ranges: list[tuple[int, int]] = field(default_factory=list)
    flagged: list[PostTask] = field(default_factory=list)
    created: list[PostTask] = field(default_factory=list)
    cues: list[AdrCue] = field(default_factory=list)
    shots: list[VfxShot] = field(default_factory=list)


def old_ranges(change_list) -> list[tuple[int, int]]:
    """Record ranges of the OLD cut that changed: removed, trimmed and moved shots, merged."""
    ranges = sorted(
        (c.old_record_in, c.old_record_out)
        for name in ("removed", "trimmed", "moved")
        for c in getattr(change_list, name)
        if c.old_record_in is not None
    )
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _flag_items(model, production, old, new, new_ranges, before, note) -> list:
    """Items of the cut whose range meets a change, in their own version's frames."""
    items = model.objects.filter(
        production=production,
        cut_version__cut=new.cut,
        cut_version__number__lte=new.number,
        status__in=CONFORMABLE_CUE_STATUSES,
    ).select_related("cut_version")
    flagged = []
    for item in items:
        ranges = new_ranges if item.cut_version_id == new.pk else before
        if item.cut_version.number > old.number and item.cut_version_id != new.pk:
            continue  # between the two versions: neither side's frames describe it
        if item.covers(ranges):
            item.needs_conform, item.conform_note = True, note
            flagged.append(item)
    model.objects.bulk_update(flagged, ["needs_conform", "conform_note"])
    return flagged


def _note(new: CutVersion, ranges) -> str:
    spans = ", ".join(f"{timecode(a, new.fps)}–{timecode(b, new.fps)}" for a, b in ranges[:20])
    more = f" and {len(ranges) - 20} more" if len(ranges) > 20 else ""
    return f"Conform to {new.reference}: {len(ranges)} changed range(s) {spans}{more}."


def _flag(production, kinds, note: str) -> list[PostTask]:
    tasks = list(
        PostTask.objects.filter(
            production=production, kind__in=kinds, status__in=OPEN_TASK_STATUSES
        ).exclude(kind=TaskKind.CONFORM)
    )
    for task in tasks:
        task.needs_conform, task.conform_note = True, note
    PostTask.objects.bulk_update(tasks, ["needs_conform", "conform_note"])
    return tasks


@transaction.atomic
def cut_send_to_conform(*, actor, old: CutVersion, new: CutVersion) -> ConformResult:
    """Flag downstream tasks for conform and open a conform task per department."""
    production = new.cut.production
    require(can_manage_post(actor, production), _REFUSED)
    change_list = version_change_list(old, new)
    ranges = changed_ranges(change_list)
    result = ConformResult(ranges=ranges)
    if not ranges:
        return result
    note, today = _note(new, ranges), timezone.localdate()
    before = old_ranges(change_list)
    result.cues = _flag_items(AdrCue, production, old, new, ranges, before, note)
    result.shots = _flag_items(VfxShot, production, old, new, ranges, before, note)
    has_cues = AdrCue.objects.filter(production=production).exists()
    has_shots = VfxShot.objects.filter(production=production).exists()
    for department, kinds in CONFORM_DEPARTMENTS.items():
        kinds = set(kinds)
        if has_cues and not result.cues:
            kinds.discard(TaskKind.ADR)  # no cue of the changed ranges: the ADR work stands
        if has_shots and not result.shots:
            kinds.discard(TaskKind.VFX)
        tasks = _flag(production, kinds, note) if kinds else []
        items = (result.cues if department == "Sound" else []) + (
            result.shots if department == "VFX" else []
        )
        result.flagged += tasks
        if not tasks and not items:
            continue
        result.created.append(
            PostTask.objects.create(
                production=production,
                kind=TaskKind.CONFORM,
                department=department,
                name=f"Conform {department.lower()} to {new}",
                start_date=today,
                end_date=today + datetime.timedelta(days=4),
                planned_start=today,
                planned_end=today + datetime.timedelta(days=4),
                needs_conform=True,
                conform_note=note,
            )
        )
    record(actor=actor, action="cut.conform", target=new, production=production, message=note)
    return result
