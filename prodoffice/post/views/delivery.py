"""Deliveries: schedules per territory, what is late or missing, new schedules from templates."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from prodoffice.core.views import done, flash_form_errors, form_status, run_service
from prodoffice.post.choices import DELIVERABLE_TRANSITIONS
from prodoffice.post.forms import DeliverableFileForm, DeliverableStatusForm, ScheduleForm
from prodoffice.post.models import Deliverable
from prodoffice.post.permissions import can_manage_post
from prodoffice.post.selectors import outstanding_by_territory
from prodoffice.post.services import delivery
from prodoffice.post.views.common import require_manage, require_view
from prodoffice.productions.views.decorators import production_view


@production_view
def post_deliveries(request, production):
    """GET: late and missing items per territory; POST: a schedule from the template."""
    require_view(request, production)
    form = ScheduleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        require_manage(request, production)
        if form.is_valid():
            schedule = run_service(
                form,
                lambda: delivery.schedule_create(
                    actor=request.user, production=production, **form.cleaned_data
                ),
            )
            if schedule:
                messages.success(request, f"Delivery schedule for {schedule} added.")
                return done(request, reverse("web:post_deliveries", args=[production.code]))
    context = {
        "nav_active": "post_deliveries",
        "territories": outstanding_by_territory(request.user, production),
        "today": timezone.localdate(),
        "form": form,
        "can_manage": can_manage_post(request.user, production),
        "statuses": {k: sorted(v) for k, v in DELIVERABLE_TRANSITIONS.items()},
    }
    return render(request, "post/deliveries.html", context, status=form_status(request, form))


def _deliverable(request, production, pk, action="view") -> Deliverable:
    items = Deliverable.objects.for_user(request.user, action).filter(
        schedule__production=production
    )
    return get_object_or_404(items.select_related("schedule__production"), pk=pk)


@require_POST
@production_view
def post_deliverable_status(request, production, pk: int):
    """Move a deliverable along its transition table."""
    item = _deliverable(request, production, pk, "change")
    form = DeliverableStatusForm(request.POST)
    if form.is_valid():
        moved = run_service(
            form,
            lambda: delivery.deliverable_set_status(
                actor=request.user, deliverable=item, status=form.cleaned_data["status"]
            ),
        )
        if moved:
            messages.success(request, f"{moved} is now {moved.get_status_display().lower()}.")
    flash_form_errors(request, form)
    return done(request, reverse("web:post_deliveries", args=[production.code]))


@require_POST
@production_view
def post_deliverable_upload(request, production, pk: int):
    """Keep the delivered file (checked, with its SHA-256); the item becomes delivered."""
    item = _deliverable(request, production, pk, "change")
    form = DeliverableFileForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        saved = run_service(
            form,
            lambda: delivery.deliverable_attach(
                actor=request.user, deliverable=item, data=upload.read(), filename=upload.name
            ),
        )
        if saved:
            messages.success(request, f"{saved}: {saved.file_name} kept.")
    flash_form_errors(request, form)
    return done(request, reverse("web:post_deliveries", args=[production.code]))


@require_safe
@production_view
def post_deliverable_file(request, production, pk: int):
    """The delivered file, as an attachment with nosniff (never rendered inline)."""
    require_view(request, production)
    item = _deliverable(request, production, pk)
    return deliverable_response(item)


def deliverable_response(item: Deliverable) -> FileResponse:
    """The stored file of a deliverable as a download (web and API alike)."""
    if not item.file:
        raise Http404("No file has been delivered for this item.")
    response = FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.file_name or "deliverable.bin",
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
