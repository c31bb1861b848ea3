"""Every write of the post pipeline: tasks, status moves, dependencies, slips, templates."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.audit.services import record
from prodoffice.core.services import require, save_changes
from prodoffice.core.transitions import check_transition
from prodoffice.post.choices import TASK_TRANSITIONS
from prodoffice.post.models import PostTask
from prodoffice.post.permissions import can_manage_post
from prodoffice.post.templates_catalogue import PIPELINE_TEMPLATES

_REFUSED = "Only the production office and post supervisors manage the post pipeline."
TASK_FIELDS = (
    "kind",
    "name",
    "department",
    "assignee",
    "start_date",
    "end_date",
    "max_nc",
    "notes",
)


def _check_assignee(production, values) -> None:
    assignee = values.get("assignee")
    if assignee is not None and assignee.production_id != production.pk:
        raise ValidationError({"assignee": "The assignee is engaged on another production."})


@transaction.atomic
def task_create(*, actor, production, **values: Any) -> PostTask:
    """Add a task to the pipeline; its first dates are kept as the plan."""
    require(can_manage_post(actor, production), _REFUSED)
    _check_assignee(production, values)
    task = PostTask(
        production=production,
        planned_start=values.get("start_date"),
        planned_end=values.get("end_date"),
    )
    save_changes(task, values, TASK_FIELDS)
    record(actor=actor, action="task.create", target=task, production=production)
    return task


@transaction.atomic
def task_set_status(*, actor, task: PostTask, status: str) -> PostTask:
    """Move a task along the transition table."""
    require(can_manage_post(actor, task.production), _REFUSED)
    task = PostTask.objects.select_for_update().get(pk=task.pk)
    check_transition(TASK_TRANSITIONS, task.status, status)
    old, task.status = task.status, status
    task.save(update_fields=["status", "updated_at"])
    record(
        actor=actor,
        action="task.status",
        target=task,
        production=task.production,
        changes={"status": [old, status]},
    )
    return task


def _path(start: PostTask, goal: PostTask) -> list[int] | None:
    """The chain of waits from `start` to `goal` (pks, both ends included), or None.

    One query for the production's edges, then a breadth-first walk in memory (shortest chain).
    """
    edges = PostTask.depends_on.through.objects.filter(
        from_posttask__production_id=start.production_id
    ).values_list("from_posttask_id", "to_posttask_id")
    graph: dict[int, list[int]] = {}
    for a, b in edges:
        graph.setdefault(a, []).append(b)
    came_from: dict[int, int | None] = {start.pk: None}
    queue = [start.pk]
    while queue:
        pk = queue.pop(0)
        if pk == goal.pk:
            chain = [pk]
            while came_from[chain[-1]] is not None:
                chain.append(came_from[chain[-1]])
            return chain[::-1]
        for nxt in sorted(graph.get(pk, ())):
            if nxt not in came_from:
                came_from[nxt] = pk
                queue.append(nxt)
    return None


def _reaches(start: PostTask, goal: PostTask) -> bool:
    """`goal` is among the tasks `start` depends on, directly or not."""
    return _path(start, goal) is not None


@transaction.atomic
def task_add_dependency(*, actor, task: PostTask, depends_on: PostTask) -> PostTask:
    """`task` waits for `depends_on` (the mix waits for picture lock); cycles are refused."""
    require(can_manage_post(actor, task.production), _REFUSED)
    if depends_on.production_id != task.production_id:
        raise ValidationError({"depends_on": "That task belongs to another production."})
    if depends_on.pk == task.pk:
        raise ValidationError({"depends_on": f"{task} cannot depend on itself."})
    chain = _path(depends_on, task)
    if chain is not None:
        names = dict(PostTask.objects.filter(pk__in=chain).values_list("pk", "name"))
        cycle = " → ".join([names[pk] for pk in [task.pk, *chain]])
        raise ValidationError(
            {
                "depends_on": f"{depends_on} already waits for {task}: that would be a cycle "
                f"({cycle}, where → reads 'waits for')."
            }
        )
    if task.depends_on.filter(pk=depends_on.pk).exists():
        raise ValidationError({"depends_on": f"{task} already waits for {depends_on}."})
    task.depends_on.add(depends_on)
    # The new wait applies at once: a task now starting before what it waits for ends slips.
    moved: dict[int, int] = {}
    _propagate(depends_on, moved)
    task.slipped = moved
    record(
        actor=actor,
        action="task.depend",
        target=task,
        production=task.production,
        changes={"depends_on": [None, str(depends_on)]},
        message=f"{len(moved)} dependent task(s) slipped" if moved else "",
    )
    return task


@transaction.atomic
def task_remove_dependency(*, actor, task: PostTask, depends_on: PostTask) -> PostTask:
    """`task` no longer waits for `depends_on` (its dates stay where they are)."""
    require(can_manage_post(actor, task.production), _REFUSED)
    if not task.depends_on.filter(pk=depends_on.pk).exists():
        raise ValidationError({"depends_on": f"{task} does not wait for {depends_on}."})
    task.depends_on.remove(depends_on)
    record(
        actor=actor,
        action="task.undepend",
        target=task,
        production=task.production,
        changes={"depends_on": [str(depends_on), None]},
    )
    return task


@transaction.atomic
def task_delete(*, actor, task: PostTask) -> None:
    """Remove a task; the tasks that waited for it no longer do, its bookings and deliverables
    keep their place without a task (the audit log keeps it)."""
    require(can_manage_post(actor, task.production), _REFUSED)
    task = PostTask.objects.select_for_update().get(pk=task.pk)
    waiting = list(task.dependants.values_list("name", flat=True)[:5])
    record(
        actor=actor,
        action="task.delete",
        target=task,
        production=task.production,
        message=f"{task}; no longer waited for by: {', '.join(waiting)}" if waiting else str(task),
    )
    task.delete()


def _propagate(task: PostTask, moved: dict[int, int]) -> None:
    """Push dependants that now start before `task` ends, keeping their lengths (depth first)."""
    for dependant in task.dependants.all():
        earliest = task.end_date + datetime.timedelta(days=1)
        if dependant.start_date >= earliest:
            continue
        shift = earliest - dependant.start_date
        dependant.start_date += shift
        dependant.end_date += shift
        dependant.save(update_fields=["start_date", "end_date", "updated_at"])
        moved[dependant.pk] = moved.get(dependant.pk, 0) + shift.days
        _propagate(dependant, moved)


@transaction.atomic
def task_reschedule(*, actor, task: PostTask, start_date, end_date) -> dict[int, int]:
    """New dates for a task; dependants that would start too early slip with it.

    Returns {task pk: days moved} of every dependant that slipped.
    """
    require(can_manage_post(actor, task.production), _REFUSED)
    task = PostTask.objects.select_for_update().get(pk=task.pk)
    save_changes(task, {"start_date": start_date, "end_date": end_date}, TASK_FIELDS)
    moved: dict[int, int] = {}
    _propagate(task, moved)
    record(
        actor=actor,
        action="task.reschedule",
        target=task,
        production=task.production,
        changes={"end_date": [str(task.planned_end), str(end_date)]},
        message=f"{len(moved)} dependent task(s) slipped",
    )
    return moved


@transaction.atomic
def pipeline_apply_template(*, actor, production, template: str, picture_lock) -> list[PostTask]:
    """Create a small or large production's tasks, dated from the picture-lock date."""
    require(can_manage_post(actor, production), _REFUSED)
    if template not in PIPELINE_TEMPLATES:
        raise ValidationError({"template": "Use small or large."})
    if not isinstance(picture_lock, datetime.date):
        raise ValidationError({"picture_lock": "Give the picture-lock date (YYYY-MM-DD)."})
    if PostTask.objects.filter(production=production).exists():
        raise ValidationError({"template": "The production already has post tasks."})
    by_kind: dict[str, PostTask] = {}
    for kind, name, dept, offset, length, _deps, max_nc in PIPELINE_TEMPLATES[template]:
        start = picture_lock + datetime.timedelta(days=offset)
        end = start + datetime.timedelta(days=length - 1)
        by_kind[kind] = PostTask.objects.create(
            production=production,
            kind=kind,
            name=name,
            department=dept,
            start_date=start,
            end_date=end,
            planned_start=start,
            planned_end=end,
            max_nc=max_nc,
        )
    for kind, *_rest, deps, _nc in PIPELINE_TEMPLATES[template]:
        by_kind[kind].depends_on.add(*(by_kind[d] for d in deps))
    record(
        actor=actor,
        action="pipeline.template",
        target=production,
        production=production,
        message=f"{template} template from picture lock {picture_lock.isoformat()}",
    )
    return list(by_kind.values())


@transaction.atomic
def task_update(*, actor, task: PostTask, **values: Any) -> PostTask:
    """Change a task's kind, name, department, assignee, acoustic class, notes and dates.

    New dates slip the dependants as `task_reschedule` does; `task.slipped` holds
    {task pk: days moved} of those that moved.
    """
    require(can_manage_post(actor, task.production), _REFUSED)
    _check_assignee(task.production, values)
    task = PostTask.objects.select_for_update().get(pk=task.pk)
    changes = save_changes(task, values, TASK_FIELDS)
    moved: dict[int, int] = {}
    if "start_date" in changes or "end_date" in changes:
        _propagate(task, moved)
    if changes:
        record(actor=actor, action="task.update", target=task, production=task.production,
               changes=changes,
               message=f"{len(moved)} dependent task(s) slipped" if moved else "")  # fmt: skip
    task.slipped = moved
    return task
