"""Conform after a new cut: flag the open downstream tasks and open one conform task per
department (sound, music, VFX, colour). Subtitles are flagged by the languages app itself from
`changelist.changed_ranges`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from prodoffice.audit.services import record
from prodoffice.core.services import require
from prodoffice.post.changelist import changed_ranges
from prodoffice.post.choices import CONFORM_DEPARTMENTS, OPEN_TASK_STATUSES, TaskKind
from prodoffice.post.models import CutVersion, PostTask
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
    ranges = changed_ranges(version_change_list(old, new))
    result = ConformResult(ranges=ranges)
    if not ranges:
        return result
    note, today = _note(new, ranges), timezone.localdate()
    for department, kinds in CONFORM_DEPARTMENTS.items():
        result.flagged += _flag(production, kinds, note)
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
