"""USS interchange: the .uss download of the schedule and the upload page with its preview.

Between the preview and the confirmation the file stays in the server-side session, named by
its SHA-256 (as the script import does), so the confirmation cannot change what is imported.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from prodoffice.core.uploads import UploadStash, import_step
from prodoffice.core.views import done, form_status, run_service
from prodoffice.productions.views.decorators import production_view
from prodoffice.scheduling.engine.eighths import format_eighths
from prodoffice.scheduling.forms import UssUploadForm, safe_filename
from prodoffice.scheduling.permissions import can_import_script, can_read_schedule
from prodoffice.scheduling.services.interchange import uss_export_file, uss_import

#: The previewed USS file waits here until the office confirms the import.
UPLOADS = UploadStash("uss_uploads")


@production_view
def uss_download(request, production):
    """The production's schedule as a .uss file (production-wide roles)."""
    if not can_read_schedule(request.user, production):
        raise PermissionDenied("The schedule is read by the office, department heads, executives.")
    text = uss_export_file(actor=request.user, production=production)
    response = HttpResponse(text.encode("utf-8"), content_type="application/json; charset=utf-8")
    filename = f"{production.code.lower()}.uss"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _run(request, production, form, upload: dict, dry_run: bool):
    return run_service(
        form,
        lambda: uss_import(
            actor=request.user,
            production=production,
            data=upload["data"],
            filename=upload["filename"],
            dry_run=dry_run,
        ),
    )


def _item(form) -> dict:
    upload = form.cleaned_data["file"]
    return {"filename": safe_filename(upload.name), "data": upload.read()}


@production_view
def interchange_page(request, production):
    """Upload a .uss file, preview what it would import, then import it (office)."""
    if not can_import_script(request.user, production):
        raise PermissionDenied("Only the production office imports schedules.")
    step = import_step(
        request,
        production,
        form_class=UssUploadForm,
        stash=UPLOADS,
        item=_item,
        run=partial(_run, request, production),
        expired="The previewed file has expired; upload it again.",
    )
    form, report = step.form, step.report
    if step.imported:
        messages.success(
            request,
            f"Imported {report.scenes} scenes, {report.elements_created} elements and "
            f"{len(report.boards)} boards from {report.filename}.",
        )
        return done(request, reverse("web:script", args=[production.code]))
    context = {
        "nav_active": "script",
        "form": form,
        "report": report,
        "sha256": step.digest,
        "pages": format_eighths(report.pages_eighths) if report else "",
    }
    status = form_status(request, form, invalid=400)  # errors answer 400, like /verify/
    return render(request, "scheduling/interchange.html", context, status=status)
