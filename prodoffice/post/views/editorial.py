"""Cuts: versions and runtime over time, import, the change list (page, CSV, XLSX, PDF)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from prodoffice.core.views import done, flash_form_errors, form_status, run_service
from prodoffice.post.exports import change_list_file, change_rows
from prodoffice.post.forms import CompareForm, CutImportForm
from prodoffice.post.models import CutVersion
from prodoffice.post.permissions import can_manage_post
from prodoffice.post.selectors import cuts_with_versions, runtime_points, version_change_list
from prodoffice.post.services import conform, editorial
from prodoffice.post.views.common import require_manage, require_view
from prodoffice.productions.views.decorators import production_view


def _versions(request, production):
    return (
        CutVersion.objects.for_user(request.user)
        .filter(cut__production=production)
        .select_related("cut__production")
        .order_by("cut__name", "number")
    )


def _cuts_page(request, production, form=None, status=200):
    cuts = cuts_with_versions(request.user, production)
    for cut in cuts:
        cut.chart = runtime_points(cut)
    context = {
        "nav_active": "post_cuts",
        "cuts": cuts,
        "can_manage": can_manage_post(request.user, production),
        "form": form or CutImportForm(),
        "compare_form": CompareForm(versions=_versions(request, production)),
    }
    return render(request, "post/cuts.html", context, status=status)


@production_view
def post_cuts(request, production):
    """GET: every cut with its versions and runtime chart; POST: import a cut file."""
    require_view(request, production)
    if request.method != "POST":
        return _cuts_page(request, production)
    require_manage(request, production)
    form = CutImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        version = run_service(
            form,
            lambda: editorial.cut_import(
                actor=request.user, production=production, data=upload.read(),
                filename=upload.name, fps=form.cleaned_data["fps"], name=form.cleaned_data["name"],
            ),
        )  # fmt: skip
        if version:
            messages.success(
                request, f"{version} imported: {version.clip_count} clips, {version.duration}."
            )
            return done(request, reverse("web:post_cuts", args=[production.code]))
    return _cuts_page(request, production, form, status=form_status(request, form, 400))


@production_view
def post_changes(request, production):
    """The change list between two versions (?old=&new=), as a page or ?format=csv|xlsx|pdf."""
    require_view(request, production)
    form = CompareForm(request.GET or None, versions=_versions(request, production))
    context = {"nav_active": "post_cuts", "form": form, "changes": None}
    if not form.is_valid():
        return render(request, "post/changes.html", context, status=400 if request.GET else 200)
    old, new = form.cleaned_data["old"], form.cleaned_data["new"]
    changes = version_change_list(old, new)
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "xlsx", "pdf"):
        data, kind, name = change_list_file(fmt, changes, old, new)
        response = HttpResponse(data, content_type=kind)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    context |= {
        "old": old,
        "new": new,
        "changes": changes,
        "rows": change_rows(changes, old.fps, new.fps),
        "can_manage": can_manage_post(request.user, production),
        "query": request.GET.urlencode(),
    }
    return render(request, "post/changes.html", context)


@require_POST
@production_view
def post_conform(request, production):
    """Send a new version to conform: flag downstream tasks, open conform tasks."""
    require_manage(request, production)
    form = CompareForm(request.POST, versions=_versions(request, production))
    if form.is_valid():
        result = run_service(
            form,
            lambda: conform.cut_send_to_conform(
                actor=request.user, old=form.cleaned_data["old"], new=form.cleaned_data["new"]
            ),
        )
        if result is not None:
            messages.success(
                request,
                f"{len(result.ranges)} changed range(s): {len(result.flagged)} task(s) flagged, "
                f"{len(result.created)} conform task(s) opened.",
            )
    flash_form_errors(request, form)
    return done(request, reverse("web:post", args=[production.code]))
