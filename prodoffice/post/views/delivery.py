"""Deliveries: schedules per territory, what is late or missing, new schedules from templates."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from prodoffice.core.views import done, form_status, run_service
from prodoffice.post.forms import ScheduleForm
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
    }
    return render(request, "post/deliveries.html", context, status=form_status(request, form))
