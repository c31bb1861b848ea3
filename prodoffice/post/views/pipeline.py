"""The post pipeline page (timeline), its template and status actions, and "my post work"."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from prodoffice.core.views import done, flash_form_errors, form_status, run_service
from prodoffice.post.choices import TASK_TRANSITIONS
from prodoffice.post.forms import DependencyForm, TaskForm, TaskStatusForm, TemplateForm
from prodoffice.post.models import Booking, PostTask
from prodoffice.post.permissions import can_manage_post
from prodoffice.post.selectors import timeline
from prodoffice.post.services import pipeline
from prodoffice.post.views.common import require_manage, require_view
from prodoffice.productions.views.decorators import production_view


@production_view
def post_pipeline(request, production):
    """The post schedule as a timeline, with slips, dependencies and conform flags."""
    require_view(request, production)
    context = {
        "nav_active": "post",
        **timeline(request.user, production),
        "transitions": {k: sorted(v) for k, v in TASK_TRANSITIONS.items()},
        "can_manage": can_manage_post(request.user, production),
        "template_form": TemplateForm(),
    }
    return render(request, "post/pipeline.html", context)


@require_POST
@production_view
def post_template(request, production):
    """Create the pipeline from a template and the picture-lock date."""
    require_manage(request, production)
    form = TemplateForm(request.POST)
    if form.is_valid():
        tasks = run_service(
            form,
            lambda: pipeline.pipeline_apply_template(
                actor=request.user, production=production, **form.cleaned_data
            ),
        )
        if tasks:
            messages.success(request, f"{len(tasks)} post tasks created.")
    flash_form_errors(request, form)
    return done(request, reverse("web:post", args=[production.code]))


@require_POST
@production_view
def post_task_status(request, production, pk: int):
    """Move one task along the transition table."""
    task = get_object_or_404(
        PostTask.objects.for_user(request.user, "change").in_production(production), pk=pk
    )
    form = TaskStatusForm(request.POST)
    if form.is_valid():
        moved = run_service(
            form,
            lambda: pipeline.task_set_status(
                actor=request.user, task=task, status=form.cleaned_data["status"]
            ),
        )
        if moved:
            messages.success(request, f"{moved} is now {moved.get_status_display().lower()}.")
    flash_form_errors(request, form)
    return done(request, reverse("web:post", args=[production.code]))


@production_view
def post_mine(request, production):
    """My post tasks and bookings (editors, mixers, cast called to ADR)."""
    now = timezone.now()
    mine = {"production": production}
    tasks = PostTask.objects.for_user(request.user).filter(
        **mine, assignee__person__user=request.user
    )
    bookings = (
        Booking.objects.for_user(request.user)
        .filter(**mine, engagements__person__user=request.user)
        .filter(end__gte=now)
        .select_related("room__facility", "task")
        .distinct()
    )
    context = {"nav_active": "post_mine", "tasks": tasks, "bookings": bookings}
    return render(request, "post/mine.html", context)


def _task(request, production, pk, action="change") -> PostTask:
    tasks = PostTask.objects.for_user(request.user, action).in_production(production)
    return get_object_or_404(tasks, pk=pk)


def _slip_message(task) -> str:
    moved = getattr(task, "slipped", {})
    return f" {len(moved)} dependent task(s) slipped." if moved else ""


@production_view
def post_task_new(request, production):
    """Add a task to the pipeline."""
    require_manage(request, production)
    form = TaskForm(request.POST or None, production=production)
    if request.method == "POST" and form.is_valid():
        task = run_service(
            form,
            lambda: pipeline.task_create(
                actor=request.user, production=production, **form.cleaned_data
            ),
        )
        if task:
            messages.success(request, f"{task} added.")
            return done(request, reverse("web:post", args=[production.code]))
    context = {"nav_active": "post", "form": form, "task": None}
    return render(request, "post/task_form.html", context, status=form_status(request, form))


@production_view
def post_task_edit(request, production, pk: int):
    """Edit a task (new dates slip the tasks that wait for it), its dependencies, or delete it."""
    require_manage(request, production)
    task = _task(request, production, pk)
    form = TaskForm(request.POST or None, instance=task, production=production)
    if request.method == "POST":
        # The form edits a copy: the service reads the task afresh and applies the changes.
        values = form.cleaned_data if form.is_valid() else None
        task.refresh_from_db()
        if values is not None:
            saved = run_service(
                form,
                lambda: pipeline.task_update(actor=request.user, task=task, **values),
            )
            if saved:
                messages.success(request, f"{saved} saved.{_slip_message(saved)}")
                return done(request, reverse("web:post", args=[production.code]))
    context = {
        "nav_active": "post",
        "form": form,
        "task": task,
        "depend_form": DependencyForm(task=task),
        "waits_for": task.depends_on.all(),
    }
    return render(request, "post/task_form.html", context, status=form_status(request, form))


@require_POST
@production_view
def post_task_delete(request, production, pk: int):
    """Delete a task."""
    task = _task(request, production, pk)
    name = str(task)
    pipeline.task_delete(actor=request.user, task=task)
    messages.success(request, f"{name} deleted.")
    return done(request, reverse("web:post", args=[production.code]))


@require_POST
@production_view
def post_task_depend(request, production, pk: int):
    """Add (or, with remove=1, remove) a task this one waits for; cycles are refused by name."""
    task = _task(request, production, pk)
    form = DependencyForm(request.POST, task=task)
    remove = request.POST.get("remove") == "1"
    if form.is_valid():
        other = form.cleaned_data["depends_on"]
        service = pipeline.task_remove_dependency if remove else pipeline.task_add_dependency
        changed = run_service(
            form, lambda: service(actor=request.user, task=task, depends_on=other)
        )
        if changed:
            verb = "no longer waits for" if remove else "now waits for"
            messages.success(request, f"{task} {verb} {other}.{_slip_message(changed)}")
    flash_form_errors(request, form)
    return done(request, reverse("web:post_task_edit", args=[production.code, task.pk]))
