"""Which location each set of the script is shot at: the set-to-location page.

It lives in scheduling, not locations: it counts the script's scenes per set, and scheduling
builds on locations (never the reverse, STYLE.md import direction).
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse

from prodoffice.core.views import done, form_status, run_service
from prodoffice.locations import services
from prodoffice.locations.forms import SetLocationForm
from prodoffice.locations.models import Location, SetLocation, normalise_set_name
from prodoffice.locations.permissions import can_manage_locations
from prodoffice.locations.views import require_manage, require_view
from prodoffice.productions.views.decorators import production_view
from prodoffice.scheduling.models import Scene


def _set_rows(request, production) -> list[dict]:
    """The sets of the current draft (and any mapped before), each with its location."""
    scenes = Scene.objects.for_user(request.user).in_production(production).in_play()
    names = scenes.filter(script__is_current=True).exclude(set_name="")
    counts: dict[str, int] = {}
    for name in names.values_list("set_name", flat=True):
        key = normalise_set_name(name)
        counts[key] = counts.get(key, 0) + 1
    mapped = {
        m.set_name: m.location
        for m in SetLocation.objects.for_user(request.user)
        .in_production(production)
        .select_related("location")
    }
    return [
        {"set_name": name, "scenes": counts.get(name, 0), "location": mapped.get(name)}
        for name in sorted(set(counts) | set(mapped))
    ]


@production_view
def set_mapping(request, production):
    """Which location each set of the script is shot at; the office changes it here."""
    require_view(request, production)
    form = None
    if request.method == "POST":
        require_manage(request, production)
        form = SetLocationForm(request.POST, production=production)
        if form.is_valid():
            values = form.cleaned_data
            ok = run_service(
                form,
                lambda: (
                    services.set_location_assign(
                        actor=request.user, production=production, **values
                    )
                    or True
                ),
            )
            if ok:
                where = values["location"] or "no location"
                messages.success(request, f"{normalise_set_name(values['set_name'])}: {where}.")
                return done(request, reverse("web:location_sets", args=[production.code]))
    can_edit = can_manage_locations(request.user, production)
    context = {
        "nav_active": "location_sets",
        "rows": _set_rows(request, production),
        "can_edit": can_edit,
        "locations": Location.objects.for_user(request.user).in_production(production),
        "form": form,
    }
    return render(
        request,
        "scheduling/set_locations.html",
        context,
        status=form_status(request, form) if form else 200,
    )
