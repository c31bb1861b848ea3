"""The paperwork desk's pages: the legal register (filters, CSV/XLSX, the PDF binder), a
document (actions by status, versions, dependencies, history), the due list, the readiness
board and the owner's copy. Every read goes through `Document.objects.for_user`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from prodoffice.core.views import done, form_status, object_history, paginate, run_service
from prodoffice.locations import exports
from prodoffice.locations.choices import TRANSITIONS, DocumentStatus
from prodoffice.locations.filters import DocumentFilter
from prodoffice.locations.forms import (
    DependForm,
    DocumentForm,
    DueForm,
    RangeForm,
    RuleForm,
    TransitionForm,
    UploadForm,
)
from prodoffice.locations.models import Document, DocumentFile, JurisdictionRule, Location
from prodoffice.locations.permissions import (
    can_approve_paperwork,
    can_draft_paperwork,
    can_view_locations,
)
from prodoffice.locations.readiness import readiness_for_board, working_board
from prodoffice.locations.selectors import legal_register, paperwork_due
from prodoffice.locations.services import paperwork, retention, store
from prodoffice.locations.uploads import max_bytes
from prodoffice.productions.views.decorators import production_view

NAV = "paperwork"


def _document(request, production, public_id, action: str = "view") -> Document:
    qs = Document.objects.for_user(request.user, action).in_production(production)
    return get_object_or_404(
        qs.select_related("location", "person", "approved_by"), public_id=public_id
    )


def _require_draft(request, production) -> None:
    if not can_draft_paperwork(request.user, production):
        raise PermissionDenied("Only the production office drafts and files paperwork.")


@production_view
def paperwork_list(request, production):
    """The legal register: every document the user may read, filtered; CSV and XLSX exports."""
    rows = legal_register(user=request.user, production=production)
    filters = DocumentFilter(request.GET or None, queryset=rows, request=request)
    rows = filters.qs if filters.is_bound and filters.is_valid() else rows
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        return exports.register_download(production, rows, export)
    context = {
        "nav_active": NAV,
        "filters": filters,
        "page": paginate(request, rows),
        "can_add": can_draft_paperwork(request.user, production),
        "query": request.GET.urlencode(),
    }
    return render(request, "locations/paperwork_list.html", context)


@production_view
def paperwork_binder(request, production):
    """The PDF binder for the insurer or the completion bond: cover, index, the documents."""
    rows = legal_register(user=request.user, production=production)
    filters = DocumentFilter(request.GET or None, queryset=rows, request=request)
    rows = filters.qs if filters.is_bound and filters.is_valid() else rows
    data = exports.binder_pdf(production, list(rows))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{production.code}-legal-binder.pdf"'
    return response


def _render_form(request, form, document=None):
    context = {"nav_active": NAV, "form": form, "document": document}
    return render(
        request, "locations/document_form.html", context, status=form_status(request, form)
    )


@production_view
def document_create(request, production):
    """Draft a document (office)."""
    _require_draft(request, production)
    initial = {"location": request.GET.get("location")} if request.method == "GET" else None
    form = DocumentForm(request.POST or None, production=production, initial=initial)
    if request.method == "POST" and form.is_valid():
        document = run_service(
            form,
            lambda: paperwork.document_create(
                actor=request.user, production=production, **form.service_values()
            ),
        )
        if document:
            messages.success(request, f"{document} drafted.")
            return done(
                request, reverse("web:document", args=[production.code, document.public_id])
            )
    return _render_form(request, form)


@production_view
def document_edit(request, production, public_id):
    """Change a document's record (office)."""
    document = _document(request, production, public_id, "change")
    form = DocumentForm(request.POST or None, instance=document, production=production)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: paperwork.document_update(
                actor=request.user, document=document, **form.service_values()
            ),
        )
        if saved:
            messages.success(request, f"{saved} saved.")
            return done(request, reverse("web:document", args=[production.code, saved.public_id]))
    return _render_form(request, form, document)


def _detail_context(request, production, document, **forms) -> dict:
    drafts = can_draft_paperwork(request.user, production)
    moves = sorted(TRANSITIONS[document.kind].get(document.status, ()))
    if not can_approve_paperwork(request.user, production):
        moves = [m for m in moves if m != DocumentStatus.APPROVED]
    return {
        "nav_active": NAV,
        "document": document,
        "files": document.files.select_related("uploaded_by"),
        "depends_on": document.depends_on.all(),
        "dependants": document.dependants.filter(
            pk__in=Document.objects.for_user(request.user).values("pk")
        ),
        "can_edit": drafts,
        "moves": [(m, DocumentStatus(m).label) for m in moves if drafts or m == "approved"],
        "upload_form": forms.get("upload") or (UploadForm() if drafts else None),
        "depend_form": forms.get("depend") or (DependForm(document=document) if drafts else None),
        "history": object_history(request.user, document),
        "kept_until": retention.kept_until(document) if drafts else None,
    }


@production_view
def document_detail(request, production, public_id):
    """A document: facts, status actions, versions, dependencies, history."""
    document = _document(request, production, public_id)
    context = _detail_context(request, production, document)
    return render(request, "locations/document_detail.html", context)


def _back(request, production, document):
    return done(request, reverse("web:document", args=[production.code, document.public_id]))


@require_POST
@production_view
def document_status(request, production, public_id):
    """Move the document (office; approval: the production manager)."""
    document = _document(request, production, public_id)
    form = TransitionForm(request.POST)
    if form.is_valid():
        moved = run_service(
            form,
            lambda: paperwork.document_transition(
                actor=request.user, document=document, **form.cleaned_data
            ),
        )
        if moved:
            messages.success(request, f"{moved} is now {moved.get_status_display().lower()}.")
            return _back(request, production, document)
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))
    return _back(request, production, document)


@require_POST
@production_view
def document_upload(request, production, public_id):
    """Upload a new version of the document's file (office)."""
    document = _document(request, production, public_id, "change")
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid() and form.cleaned_data["file"].size > max_bytes():
        # Refused before reading: an oversized upload never lands in memory.
        form.add_error("file", f"The file is larger than the {max_bytes() // 2**20} MB limit.")
    if form.is_valid():
        upload = form.cleaned_data["file"]
        version = run_service(
            form,
            lambda: store.document_upload(
                actor=request.user, document=document, filename=upload.name, data=upload.read()
            ),
        )
        if version:
            messages.success(request, f"{version.filename} stored as version {version.version}.")
            return _back(request, production, document)
    context = _detail_context(request, production, document, upload=form)
    return render(request, "locations/document_detail.html", context, status=422)


@require_POST
@production_view
def document_depend(request, production, public_id):
    """Record that the document depends on another (office)."""
    document = _document(request, production, public_id, "change")
    form = DependForm(request.POST, document=document)
    if form.is_valid():
        done_ = run_service(
            form,
            lambda: paperwork.document_depend(
                actor=request.user, document=document, on=form.cleaned_data["on"]
            ),
        )
        if done_:
            messages.success(request, f"{document} now depends on {form.cleaned_data['on']}.")
            return _back(request, production, document)
    context = _detail_context(request, production, document, depend=form)
    return render(request, "locations/document_detail.html", context, status=422)


@production_view
def document_file(request, production, public_id, version: int):
    """A stored version, as an attachment with nosniff (never rendered inline)."""
    document = _document(request, production, public_id)
    item = get_object_or_404(DocumentFile.objects.filter(document=document), version=version)
    response = FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.filename,
        content_type=item.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@production_view
def paperwork_due_page(request, production):
    """What expires, is due to apply or is still missing in the next N days."""
    form = DueForm(request.GET or None)
    days = form.cleaned_data["days"] if form.is_bound and form.is_valid() else 30
    items = paperwork_due(
        user=request.user, production=production, days=days, today=timezone.localdate()
    )
    context = {"nav_active": "paperwork_due", "form": form, "items": items, "days": days}
    return render(request, "locations/due.html", context)


@production_view
def readiness_board(request, production):
    """Red, amber, green per location and date of the working board."""
    if not can_view_locations(request.user, production):
        raise PermissionDenied("Readiness is read by the office, department heads and executives.")
    form = RangeForm(request.GET or None)
    bounds = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = readiness_for_board(
        production=production, start=bounds.get("start"), end=bounds.get("end")
    )
    dates = sorted({r.date for r in rows})
    places = sorted({r.location for r in rows}, key=lambda loc: loc.name.casefold())
    cells = {(r.location.pk, r.date): r for r in rows}
    grid = [(place, [cells.get((place.pk, d)) for d in dates]) for place in places]
    context = {
        "nav_active": "readiness",
        "form": form,
        "dates": dates,
        "grid": grid,
        "board": working_board(production),
        "counts": {s: sum(r.status == s for r in rows) for s in ("ready", "at_risk", "not_ready")},
    }
    return render(request, "locations/readiness.html", context)


@production_view
def owners_copy(request, production, public_id):
    """The one-page PDF for the location's owner (office)."""
    _require_draft(request, production)
    location = get_object_or_404(
        Location.objects.for_user(request.user, "change").in_production(production),
        public_id=public_id,
    )
    data = exports.owners_copy_pdf(location)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="owners-copy.pdf"'
    return response


@production_view
def rule_list(request, production):
    """Permit offices: the shared examples and the production's own rules."""
    if not can_view_locations(request.user, production):
        raise PermissionDenied("Permit offices are read by the production-wide roles.")
    rules = JurisdictionRule.objects.available_to(production).order_by("production", "name")
    context = {
        "nav_active": NAV,
        "rules": rules,
        "can_add": can_draft_paperwork(request.user, production),
    }
    return render(request, "locations/rules.html", context)


@production_view
def rule_edit(request, production, pk=None):
    """Add a permit office's rule, or change one of the production's own (office)."""
    _require_draft(request, production)
    rule = None
    if pk is not None:
        rule = get_object_or_404(
            JurisdictionRule.objects.for_user(request.user, "change").filter(production=production),
            pk=pk,
        )
    form = RuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        if rule is None:
            call = lambda: paperwork.rule_create(  # noqa: E731
                actor=request.user, production=production, **form.service_values()
            )
        else:
            call = lambda: paperwork.rule_update(  # noqa: E731
                actor=request.user, rule=rule, **form.service_values()
            )
        saved = run_service(form, call)
        if saved:
            messages.success(request, f"{saved} saved.")
            return done(request, reverse("web:paperwork_rules", args=[production.code]))
    context = {"nav_active": NAV, "form": form, "rule": rule}
    return render(request, "locations/rule_form.html", context, status=form_status(request, form))


@require_POST
@production_view
def document_delete(request, production, public_id):
    """Delete a document and its versions (office), refused while it is kept (five years)."""
    document = _document(request, production, public_id, "change")
    try:
        retention.document_delete(actor=request.user, document=document)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _back(request, production, document)
    messages.success(request, f"{document} deleted.")
    return done(request, reverse("web:paperwork", args=[production.code]))


@require_POST
@production_view
def document_file_delete(request, production, public_id, version: int):
    """Delete one version of the file (office), refused while it is kept (five years)."""
    document = _document(request, production, public_id, "change")
    item = get_object_or_404(DocumentFile.objects.filter(document=document), version=version)
    try:
        retention.document_file_delete(actor=request.user, version=item)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Version {version} of {document} deleted.")
    return _back(request, production, document)
