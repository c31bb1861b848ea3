"""Availability on the engagement page: the dates someone cannot work, added and removed in place.

The section is an HTMX fragment of the engagement page: GET renders it, a POST that fails
re-renders it with the errors next to the fields (422), a POST that succeeds answers with
HX-Location back to the engagement page (a redirect without HTMX).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from prodoffice.core.display import day_span
from prodoffice.core.views import done, run_service
from prodoffice.productions.forms import UnavailabilityForm
from prodoffice.productions.models import Engagement, Unavailability
from prodoffice.productions.permissions import can_edit_availability, can_view_availability_reason
from prodoffice.productions.services import availability
from prodoffice.productions.views.decorators import production_view


def _engagement(request, production, public_id) -> Engagement:
    qs = Engagement.objects.for_user(request.user).filter(production=production)
    return get_object_or_404(qs.select_related("person", "position"), public_id=public_id)


def availability_context(user, engagement, form=None) -> dict:
    """What the section shows: the ranges, the reasons where allowed, the form for editors."""
    can_edit = can_edit_availability(user, engagement)
    return {
        "e": engagement,
        "unavailabilities": Unavailability.objects.for_user(user).filter(engagement=engagement),
        "can_edit_availability": can_edit,
        "show_reason": can_view_availability_reason(user, engagement),
        "availability_form": (form or UnavailabilityForm(prefix="unavail")) if can_edit else None,
    }


def _render(request, engagement, form=None, status=200):
    context = availability_context(request.user, engagement, form)
    return render(request, "productions/availability/_section.html", context, status=status)


@production_view
def engagement_availability(request, production, public_id):
    """GET: the section; POST: add a range (the office, or the person themself)."""
    engagement = _engagement(request, production, public_id)
    if request.method != "POST":
        return _render(request, engagement)
    if not can_edit_availability(request.user, engagement):
        raise PermissionDenied("Only the office and the person themself change availability.")
    form = UnavailabilityForm(request.POST, prefix="unavail")
    if form.is_valid():
        values = form.cleaned_data
        item = run_service(
            form,
            lambda: availability.unavailability_add(
                actor=request.user, engagement=engagement, **values
            ),
        )
        if item:
            when = day_span(item.start_date, item.end_date)
            messages.success(
                request, f"{engagement.person} unavailable: {item.get_kind_display()}, {when}."
            )
            url = reverse("web:engagement", args=[production.code, engagement.public_id])
            return done(request, url)
    return _render(request, engagement, form, status=422 if request.htmx else 200)


@require_POST
@production_view
def engagement_availability_remove(request, production, public_id, pk: int):
    """Remove one range (the office, or the person themself)."""
    engagement = _engagement(request, production, public_id)
    item = get_object_or_404(
        Unavailability.objects.for_user(request.user, "change").filter(engagement=engagement),
        pk=pk,
    )
    availability.unavailability_remove(actor=request.user, unavailability=item)
    messages.success(
        request,
        f"{engagement.person} available again on {day_span(item.start_date, item.end_date)}.",
    )
    return done(request, reverse("web:engagement", args=[production.code, engagement.public_id]))
