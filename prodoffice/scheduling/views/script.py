"""The script: the current draft and its scenes; import with a preview before anything is saved.

Between the preview and the confirmation the uploaded bytes stay in the server-side session,
keyed by their SHA-256: the confirmation only names the draft, so nothing the browser sends
back can change what gets imported.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse

from prodoffice.core.uploads import UploadStash, import_step
from prodoffice.core.views import done, form_status, run_service
from prodoffice.productions.views.decorators import production_view
from prodoffice.scheduling.engine.eighths import format_eighths
from prodoffice.scheduling.forms import ScriptUploadForm, safe_filename
from prodoffice.scheduling.models import Script
from prodoffice.scheduling.permissions import can_import_script, can_view_schedule
from prodoffice.scheduling.selectors.script import script_scenes
from prodoffice.scheduling.services.script import script_import

#: The previewed draft waits here until the office confirms the import.
DRAFTS = UploadStash("script_drafts")


def _readable_script(request, production) -> Script | None:
    """The current draft as the scheduling querysets let this user read it; crew get 403."""
    user = request.user
    if not can_view_schedule(user, production):
        raise PermissionDenied(
            "The script is read by the office, ADs, department heads and executives."
        )
    return Script.objects.for_user(user).in_production(production).current().first()


def _script_context(script: Script) -> dict:
    """The draft's scenes and counts (omitted scenes are listed, never counted)."""
    scenes = list(script_scenes(script))
    in_play = [s for s in scenes if not s.omitted]
    names = {sp.name.upper() for s in in_play for sp in s.speaking.all()}
    return {
        "scenes": scenes,
        "scene_count": len(in_play),
        "pages": format_eighths(sum(s.eighths for s in in_play)),
        "speaking_count": len(names),
    }


@production_view
def script_detail(request, production):
    """The current draft: title, colour, date, counts and the scenes table."""
    script = _readable_script(request, production)
    context = {"nav_active": "script", "script": script}
    if script is not None:
        context |= _script_context(script)
    context["can_import"] = can_import_script(request.user, production)
    return render(request, "scheduling/script/detail.html", context)


def _require_import(request, production) -> None:
    if not can_import_script(request.user, production):
        raise PermissionDenied("Only the production office and the ADs import scripts.")


def _run(request, production, form, draft: dict, dry_run: bool):
    """script_import with the stored bytes; its errors land on the form."""
    return run_service(
        form,
        lambda: script_import(
            actor=request.user,
            production=production,
            filename=draft["filename"],
            data=draft["data"],
            revision_colour=draft["colour"] or None,
            new_script=draft.get("new_script", False),
            dry_run=dry_run,
        ),
    )


def _draft(form) -> dict:
    upload = form.cleaned_data["file"]
    return {
        "filename": safe_filename(upload.name),
        "data": upload.read(),
        "colour": form.cleaned_data["revision_colour"],
        "new_script": form.cleaned_data["new_script"],
    }


@production_view
def script_import_view(request, production):
    """Upload a draft, preview what it would import, then import it (office)."""
    _require_import(request, production)
    step = import_step(
        request,
        production,
        form_class=ScriptUploadForm,
        stash=DRAFTS,
        item=_draft,
        run=partial(_run, request, production),
        expired="The previewed draft has expired; upload the file again.",
    )
    form, report = step.form, step.report
    if step.imported:
        messages.success(
            request,
            f"Imported {report.scenes} scenes, "
            f"{len(report.speaking_characters)} speaking characters "
            f"({report.revision_colour}).",
        )
        return done(request, reverse("web:script", args=[production.code]))
    context = {"nav_active": "script", "form": form, "report": report, "sha256": step.digest}
    if report is not None:
        context["pages"] = format_eighths(report.pages_eighths)
    status = form_status(request, form, invalid=400)  # errors answer 400, like /verify/
    return render(request, "scheduling/script/import.html", context, status=status)
