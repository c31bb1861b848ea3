"""Locations: list, detail, create, edit, unavailable dates (the set mapping page: scheduling)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from prodoffice.core.display import day_span
from prodoffice.core.views import done, form_status, object_history, run_service
from prodoffice.locations import services
from prodoffice.locations.forms import LocationDayForm, LocationForm, LocationUnavailabilityForm
from prodoffice.locations.models import (
    Document,
    Location,
    LocationUnavailability,
)
from prodoffice.locations.permissions import (
    can_manage_locations,
    can_view_location_money,
    can_view_locations,
)
from prodoffice.locations.services import days
from prodoffice.productions.views.decorators import production_view


def map_points(user, production, exclude=None) -> list[dict]:
    """The production's located locations as map dots (name, lat, lon), read as the user may."""
    rows = (
        Location.objects.for_user(user)
        .in_production(production)
        .filter(latitude__isnull=False, longitude__isnull=False)
    )
    if exclude is not None and exclude.pk:
        rows = rows.exclude(pk=exclude.pk)
    return [
        {"name": r.name, "lat": float(r.latitude), "lon": float(r.longitude)}
        for r in rows.only("name", "latitude", "longitude")
    ]


def require_view(request, production) -> None:
    """Refuse (403) whoever may not read the production's locations."""
    if not can_view_locations(request.user, production):
        raise PermissionDenied("Locations are read by the office, department heads and executives.")


def require_manage(request, production) -> None:
    """Refuse (403) whoever may not change the production's locations."""
    if not can_manage_locations(request.user, production):
        raise PermissionDenied("Only the production office manages locations.")


def _location(request, production, public_id, action: str = "view") -> Location:
    qs = Location.objects.for_user(request.user, action).in_production(production)
    return get_object_or_404(qs, public_id=public_id)


@production_view
def location_list(request, production):
    """Every location of the production, with its sets and its next unavailable dates."""
    require_view(request, production)
    today = timezone.localdate()
    upcoming = LocationUnavailability.objects.filter(end_date__gte=today)
    rows = (
        Location.objects.for_user(request.user)
        .in_production(production)
        .annotate(set_count=Count("sets", distinct=True))
        .prefetch_related(Prefetch("unavailable", upcoming, to_attr="upcoming"))
    )
    context = {
        "nav_active": "locations",
        "rows": rows,
        "can_add": can_manage_locations(request.user, production),
        "map_points": map_points(request.user, production),
    }
    return render(request, "locations/list.html", context)


def _detail_context(request, production, location, form=None) -> dict:
    can_edit = can_manage_locations(request.user, production)
    return {
        "nav_active": "locations",
        "location": location,
        "backups": location.backups.all(),
        "backup_for": location.backup_for.all(),
        "sets": location.sets.all(),
        "unavailable": location.unavailable.all(),
        "can_edit": can_edit,
        "show_money": can_view_location_money(request.user, production),
        "unavailability_form": (form or LocationUnavailabilityForm(prefix="unavail"))
        if can_edit
        else None,
        "history": object_history(request.user, location),
        "documents": Document.objects.for_user(request.user).filter(location=location),
        "location_days": location.days.all(),
        "candidates": location.candidacies.all(),
        "photo_count": location.photos.count(),
        "day_form": LocationDayForm(prefix="day") if can_edit else None,
    }


@production_view
def location_detail(request, production, public_id):
    """A location's record, backups, sets shot there, unavailable dates and history."""
    location = _location(request, production, public_id)
    return render(request, "locations/detail.html", _detail_context(request, production, location))


def _location_form(request, production, location=None):
    data = request.POST if request.method == "POST" else None
    initial = {"currency": production.currency} if location is None else None
    return LocationForm(data, instance=location, production=production, initial=initial)


def _render_form(request, form, location=None):
    context = {
        "nav_active": "locations",
        "form": form,
        "location": location,
        "map_points": map_points(request.user, form.production, exclude=location),
    }
    return render(request, "locations/form.html", context, status=form_status(request, form))


@production_view
def location_create(request, production):
    """Add a location (office staff)."""
    require_manage(request, production)
    form = _location_form(request, production)
    if request.method == "POST" and form.is_valid():
        values, backups = form.service_values()
        location = run_service(
            form,
            lambda: services.location_create(
                actor=request.user, production=production, backups=backups, **values
            ),
        )
        if location:
            messages.success(request, f"{location} added.")
            return done(
                request, reverse("web:location", args=[production.code, location.public_id])
            )
    return _render_form(request, form)


@production_view
def location_edit(request, production, public_id):
    """Change a location's record (office staff)."""
    location = _location(request, production, public_id, "change")
    form = _location_form(request, production, location)
    if request.method == "POST" and form.is_valid():
        values, backups = form.service_values()
        saved = run_service(
            form,
            lambda: services.location_update(
                actor=request.user, location=location, backups=backups, **values
            ),
        )
        if saved:
            messages.success(request, f"{saved} saved.")
            return done(request, reverse("web:location", args=[production.code, saved.public_id]))
    return _render_form(request, form, location)


@production_view
def location_availability(request, production, public_id):
    """GET: the unavailable-dates section; POST: add a range (office staff)."""
    location = _location(request, production, public_id)
    if request.method != "POST":
        context = _detail_context(request, production, location)
        return render(request, "locations/detail.html#location-availability", context)
    require_manage(request, production)
    form = LocationUnavailabilityForm(request.POST, prefix="unavail")
    if form.is_valid():
        values = form.cleaned_data
        item = run_service(
            form,
            lambda: services.location_unavailability_add(
                actor=request.user, location=location, **values
            ),
        )
        if item:
            messages.success(
                request, f"{location} unavailable {day_span(item.start_date, item.end_date)}."
            )
            url = reverse("web:location", args=[production.code, location.public_id])
            return done(request, url)
    context = _detail_context(request, production, location, form)
    template = "locations/detail.html" + ("#location-availability" if request.htmx else "")
    return render(request, template, context, status=422 if request.htmx else 200)


@require_POST
@production_view
def location_availability_remove(request, production, public_id, pk: int):
    """Remove one unavailable range (office staff)."""
    location = _location(request, production, public_id, "change")
    item = get_object_or_404(location.unavailable.all(), pk=pk)
    services.location_unavailability_remove(actor=request.user, unavailability=item)
    messages.success(
        request, f"{location} available again on {day_span(item.start_date, item.end_date)}."
    )
    return done(request, reverse("web:location", args=[production.code, location.public_id]))


@require_POST
@production_view
def location_day_add(request, production, public_id):
    """Record a prep, shoot or strike day with its hours and activities (office staff)."""
    location = _location(request, production, public_id, "change")
    form = LocationDayForm(request.POST, prefix="day")
    if form.is_valid():
        day = run_service(
            form,
            lambda: days.location_day_set(
                actor=request.user, location=location, **form.cleaned_data
            ),
        )
        if day:
            messages.success(request, f"{day} recorded.")
            return done(
                request, reverse("web:location", args=[production.code, location.public_id])
            )
    context = _detail_context(request, production, location)
    context["day_form"] = form
    return render(request, "locations/detail.html", context, status=422)


@require_POST
@production_view
def location_day_remove(request, production, public_id, pk: int):
    """Forget a recorded day (office staff)."""
    location = _location(request, production, public_id, "change")
    day = get_object_or_404(location.days.all(), pk=pk)
    days.location_day_remove(actor=request.user, day=day)
    messages.success(request, f"{day} removed.")
    return done(request, reverse("web:location", args=[production.code, location.public_id]))
