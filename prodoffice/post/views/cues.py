"""ADR cues and VFX shots: the list of each (with conform flags) and the form that adds one."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse

from prodoffice.core.views import done, form_status, run_service
from prodoffice.post.forms import AdrCueForm, VfxShotForm
from prodoffice.post.models import AdrCue, VfxShot
from prodoffice.post.permissions import can_manage_post
from prodoffice.post.services import cues
from prodoffice.post.views.common import require_manage, require_view
from prodoffice.productions.views.decorators import production_view

KINDS = {
    "adr": (AdrCue, AdrCueForm, cues.cue_create, "ADR cues", "post_cues"),
    "vfx": (VfxShot, VfxShotForm, cues.shot_create, "VFX shots", "post_shots"),
}


def _page(request, production, kind: str):
    model, form_class, create, title, route = KINDS[kind]
    require_view(request, production)
    post = request.method == "POST"
    if post:
        require_manage(request, production)
    form = form_class(request.POST if post else None, production=production)
    if post and form.is_valid():
        item = run_service(
            form,
            lambda: create(actor=request.user, production=production, **form.service_values()),
        )
        if item:
            messages.success(request, f"{item} added.")
            return done(request, reverse(f"web:{route}", args=[production.code]))
    items = (
        model.objects.for_user(request.user)
        .in_production(production)
        .select_related("cut_version__cut", *(["engagement__person"] if kind == "adr" else []))
    )
    context = {
        "nav_active": "post_cues",
        "kind": kind,
        "title": title,
        "items": items,
        "form": form,
        "can_manage": can_manage_post(request.user, production),
    }
    return render(request, "post/cues.html", context, status=form_status(request, form))


@production_view
def post_cues(request, production):
    """ADR cues: cue id, character, performer, record range, status, conform flag."""
    return _page(request, production, "adr")


@production_view
def post_shots(request, production):
    """VFX shots: shot id, vendor, record range, status, conform flag."""
    return _page(request, production, "vfx")
