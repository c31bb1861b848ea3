"""The scout's pages: a location's photos (upload, gallery, serve, delete) and the candidate
venues of each set (add, change, remove, compare). Reads go through the app's `for_user()`
querysets; writes call the services the API calls."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from prodoffice.core.views import done, form_status, run_service
from prodoffice.locations.forms import CandidateForm, PhotoForm
from prodoffice.locations.models import CandidateVenue, LocationPhoto
from prodoffice.locations.permissions import can_manage_locations, can_view_location_money
from prodoffice.locations.selectors import candidate_comparison
from prodoffice.locations.services import days, store
from prodoffice.locations.uploads import max_bytes
from prodoffice.locations.views import _location, require_manage, require_view
from prodoffice.productions.views.decorators import production_view

NAV = "locations"


def _photo(request, production, public_id, pk: int, action: str = "view") -> LocationPhoto:
    location = _location(request, production, public_id, action)
    return get_object_or_404(LocationPhoto.objects.filter(location=location), pk=pk)


@production_view
def location_photos(request, production, public_id):
    """GET: the location's gallery; POST: add a photo (office)."""
    location = _location(request, production, public_id)
    can_edit = can_manage_locations(request.user, production)
    form = PhotoForm()
    status = 200
    if request.method == "POST":
        require_manage(request, production)
        form = PhotoForm(request.POST, request.FILES)
        if form.is_valid() and form.cleaned_data["file"].size > max_bytes():
            form.add_error("file", f"The file is larger than the {max_bytes() // 2**20} MB limit.")
        if form.is_valid():
            upload = form.cleaned_data["file"]
            photo = run_service(
                form,
                lambda: store.photo_add(
                    actor=request.user,
                    location=location,
                    filename=upload.name,
                    data=upload.read(),
                    caption=form.cleaned_data["caption"],
                ),
            )
            if photo:
                messages.success(request, f"{photo.filename} added to {location}.")
                url = reverse("web:location_photos", args=[production.code, location.public_id])
                return done(request, url)
        status = 422 if form.errors else 200
    context = {
        "nav_active": NAV,
        "location": location,
        "photos": location.photos.all(),
        "can_edit": can_edit,
        "form": form if can_edit else None,
    }
    return render(request, "locations/photos.html", context, status=status)


@production_view
def location_photo_file(request, production, public_id, pk: int):
    """A photo's bytes (PNG or JPEG checked by content), shown inline in the gallery, with
    nosniff and a sandbox; `?download=1` as an attachment."""
    photo = _photo(request, production, public_id, pk)
    response = FileResponse(
        photo.file.open("rb"),
        as_attachment=bool(request.GET.get("download")),
        filename=photo.filename,
        content_type=photo.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox; frame-ancestors 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@production_view
def location_photo_remove(request, production, public_id, pk: int):
    """Delete a photo (office)."""
    photo = _photo(request, production, public_id, pk, "change")
    location = photo.location
    store.photo_remove(actor=request.user, photo=photo)
    messages.success(request, f"{photo.filename} removed.")
    return done(request, reverse("web:location_photos", args=[production.code, location.public_id]))


@production_view
def candidate_compare(request, production):
    """Per set, the candidate venues side by side (price, total for its shoot days, status,
    facilities)."""
    require_view(request, production)
    sets = candidate_comparison(
        user=request.user, production=production, set_name=request.GET.get("set") or None
    )
    context = {
        "nav_active": NAV,
        "sets": sets,
        "show_money": can_view_location_money(request.user, production),
        "can_edit": can_manage_locations(request.user, production),
    }
    return render(request, "locations/candidates.html", context)


def _candidate_form_page(request, production, form, candidate=None):
    context = {"nav_active": NAV, "form": form, "candidate": candidate}
    return render(
        request, "locations/candidate_form.html", context, status=form_status(request, form)
    )


def _back_to_compare(request, production):
    return done(request, reverse("web:location_candidates", args=[production.code]))


@production_view
def candidate_add(request, production):
    """Consider a location for a set, at a price (office)."""
    require_manage(request, production)
    data = request.POST if request.method == "POST" else None
    initial = {"currency": production.currency, "set_name": request.GET.get("set", "")}
    if request.GET.get("location"):
        initial["location"] = request.GET["location"]
    form = CandidateForm(data, production=production, initial=initial)
    if data is not None and form.is_valid():
        values = dict(form.cleaned_data)
        candidate = run_service(
            form,
            lambda: days.candidate_add(actor=request.user, production=production, **values),
        )
        if candidate:
            messages.success(request, f"{candidate} added.")
            return _back_to_compare(request, production)
    return _candidate_form_page(request, production, form)


def _candidate(request, production, pk: int) -> CandidateVenue:
    qs = CandidateVenue.objects.for_user(request.user, "change").in_production(production)
    return get_object_or_404(qs.select_related("location"), pk=pk)


@production_view
def candidate_edit(request, production, pk: int):
    """Change a candidate's price, basis, currency or notes (office)."""
    candidate = _candidate(request, production, pk)
    data = request.POST if request.method == "POST" else None
    initial = {f: getattr(candidate, f) for f in ("price", "basis", "currency", "notes")}
    form = CandidateForm(data, production=production, candidate=candidate, initial=initial)
    if data is not None and form.is_valid():
        saved = run_service(
            form,
            lambda: days.candidate_update(
                actor=request.user, candidate=candidate, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, f"{saved} saved.")
            return _back_to_compare(request, production)
    return _candidate_form_page(request, production, form, candidate)


@require_POST
@production_view
def candidate_remove(request, production, pk: int):
    """No longer consider a location for a set (office)."""
    candidate = _candidate(request, production, pk)
    days.candidate_remove(actor=request.user, candidate=candidate)
    messages.success(request, f"{candidate} removed.")
    return _back_to_compare(request, production)
