"""ADR cues and VFX shots: the list of each (with conform flags), the form that adds one, and
per item its status, edit page and delete."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from prodoffice.core.views import done, flash_form_errors, form_status, run_service
from prodoffice.post.choices import CueStatus
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
        "statuses": CueStatus.choices,
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


class CueStatusForm(forms.Form):
    """A cue's or shot's new status."""

    status = forms.ChoiceField(choices=CueStatus.choices)


def _item(request, production, kind: str, pk: int):
    model = KINDS[kind][0]
    require_manage(request, production)
    items = model.objects.for_user(request.user, "change").in_production(production)
    return get_object_or_404(items.select_related("production"), pk=pk)


def _edit(request, production, kind: str, pk: int):
    _model, form_class, _create, title, route = KINDS[kind]
    item = _item(request, production, kind, pk)
    post = request.method == "POST"
    form = form_class(request.POST if post else None, instance=item, production=production)
    if post and form.is_valid():
        values = form.service_values()
        # The form assigned its values to the instance already; the service re-reads it.
        item.refresh_from_db()
        saved = run_service(form, lambda: cues.item_update(actor=request.user, item=item, **values))
        if saved:
            messages.success(request, f"{saved} saved.")
            return done(request, reverse(f"web:{route}", args=[production.code]))
    item.refresh_from_db()
    context = {"nav_active": "post_cues", "kind": kind, "title": title, "item": item,
               "form": form, "list_route": route}  # fmt: skip
    return render(request, "post/cue_form.html", context, status=form_status(request, form))


def _status(request, production, kind: str, pk: int):
    item = _item(request, production, kind, pk)
    form = CueStatusForm(request.POST)
    if form.is_valid():
        moved = run_service(
            form,
            lambda: cues.item_set_status(
                actor=request.user, item=item, status=form.cleaned_data["status"]
            ),
        )
        if moved:
            messages.success(request, f"{moved} is now {moved.get_status_display().lower()}.")
    flash_form_errors(request, form)
    return done(request, reverse(f"web:{KINDS[kind][4]}", args=[production.code]))


def _delete(request, production, kind: str, pk: int):
    item = _item(request, production, kind, pk)
    label = str(item)
    try:
        cues.item_delete(actor=request.user, item=item)
        messages.success(request, f"{label} deleted.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return done(request, reverse(f"web:{KINDS[kind][4]}", args=[production.code]))


@production_view
def post_cue_edit(request, production, pk: int):
    """GET: an ADR cue's form; POST: save it (the range is checked against its cut version)."""
    return _edit(request, production, "adr", pk)


@production_view
def post_shot_edit(request, production, pk: int):
    """GET: a VFX shot's form; POST: save it."""
    return _edit(request, production, "vfx", pk)


@require_POST
@production_view
def post_cue_status(request, production, pk: int):
    """Move an ADR cue to another status (done clears its conform flag)."""
    return _status(request, production, "adr", pk)


@require_POST
@production_view
def post_shot_status(request, production, pk: int):
    """Move a VFX shot to another status (done clears its conform flag)."""
    return _status(request, production, "vfx", pk)


@require_POST
@production_view
def post_cue_delete(request, production, pk: int):
    """Delete an ADR cue."""
    return _delete(request, production, "adr", pk)


@require_POST
@production_view
def post_shot_delete(request, production, pk: int):
    """Delete a VFX shot."""
    return _delete(request, production, "vfx", pk)
