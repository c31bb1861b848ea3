"""The crew and cast list, its exports and print view, engagement pages and forms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from prodoffice.accounts import permissions as perms
from prodoffice.core.uploads import UploadStash, import_step
from prodoffice.core.views import (
    done,
    form_status,
    object_history,
    paginate,
    run_service,
)
from prodoffice.people.forms import QuickPersonForm
from prodoffice.productions import crew_sheet, exports, selectors
from prodoffice.productions.choices import ENGAGEMENT_TRANSITIONS, EngagementStatus
from prodoffice.productions.filters import EngagementFilter
from prodoffice.productions.forms import CrewUploadForm, EngagementForm
from prodoffice.productions.models import Engagement
from prodoffice.productions.permissions import is_office_or_admin
from prodoffice.productions.services import engagements
from prodoffice.productions.services.imports import crew_import
from prodoffice.productions.views.availability import availability_context
from prodoffice.productions.views.decorators import production_view
from prodoffice.productions.views.status import status_post

#: The previewed crew list waits here until the office confirms the import.
CREW_UPLOADS = UploadStash("crew_uploads")

STATUS_VERBS = {
    EngagementStatus.PROSPECT: "Back to prospect",
    EngagementStatus.OFFERED: "Offer",
    EngagementStatus.CONFIRMED: "Confirm",
    EngagementStatus.WRAPPED: "Wrap",
    EngagementStatus.RELEASED: "Release",
}


def _crew_filter(request, production) -> EngagementFilter:
    sort = request.GET.get("sort", "department")
    qs = selectors.crew_page(user=request.user, production=production, sort=sort)
    return EngagementFilter(request.GET or None, queryset=qs, production=production)


@production_view
def crew_list(request, production):
    """Filter, search, sort and page the crew list; HTMX asks for the table fragment only."""
    filterset = _crew_filter(request, production)
    page = paginate(request, filterset.qs)
    context = {
        "nav_active": "crew",
        "filter": filterset,
        "page": page,
        "show_rates": is_office_or_admin(request.user, production),
        "positions": selectors.crew_positions(production),
        "can_add": perms.can_create_engagement(request.user, production)
        or request.user.is_superuser,
        "can_import": is_office_or_admin(request.user, production),
    }
    template = "productions/crew_list.html"
    if request.htmx and request.htmx.target == "crew-results":
        template += "#crew-results"
    return render(request, template, context)


def _sheet_context(request, production) -> dict:
    """The printed list's lines: the crew list's filters, confirmed people unless other
    statuses are ticked, rates only when the office ticks "include rates"."""
    data = request.GET.copy()
    if not data.getlist("status") and not data.get("all_statuses"):
        data.setlist("status", list(crew_sheet.DEFAULT_STATUSES))
    sort = data.get("sort", "department")
    qs = selectors.engagement_list(user=request.user, production=production, sort=sort)
    filterset = EngagementFilter(data, queryset=qs, production=production)
    if not filterset.is_valid():  # e.g. a status that does not exist: say so, not a 500
        raise BadRequest(f"Invalid filter: {', '.join(sorted(filterset.errors))}.")
    office = is_office_or_admin(request.user, production)
    context = crew_sheet.crew_sheet_context(
        production=production,
        engagements=filterset.qs,
        statuses=data.getlist("status"),
        include_rates=office and data.get("rates") == "1",
        paper=data.get("paper", "a4"),
    )
    query = data.copy()
    query.pop("format", None)
    return context | {
        "may_include_rates": office,
        "checked_statuses": data.getlist("status"),
        "status_choices": EngagementStatus.choices,
        "query": query.urlencode(),
        "paper": data.get("paper", "a4"),
    }


@production_view
def crew_print(request, production):
    """The crew list for distribution on paper (A4 or Letter, landscape), or its PDF."""
    context = _sheet_context(request, production)
    if request.GET.get("format") == "pdf":
        response = HttpResponse(crew_sheet.crew_sheet_pdf(context), content_type="application/pdf")
        name = f"{production.code}-crew-list-{context['printed'].isoformat()}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response
    return render(request, "productions/crew_print.html", context | {"nav_active": "crew"})


@production_view
def crew_export(request, production, fmt: str):
    """CSV, Excel or JSON of the visible crew list (audited); any other format is 404."""
    if fmt not in exports.FORMATS:
        raise Http404("No such export format.")
    data, content_type, filename = exports.crew_export(
        user=request.user, production=production, fmt=fmt
    )
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _upload_item(form) -> dict:
    upload = form.cleaned_data["file"]
    name = "".join(c for c in upload.name if c.isalnum() or c in "._- ")[:120] or "crew-list"
    return {
        "filename": name,
        "data": upload.read(),
        "skip_invalid": form.cleaned_data["skip_invalid"],
    }


def _run_import(request, production, form, upload: dict, dry_run: bool):
    return run_service(
        form,
        lambda: crew_import(
            actor=request.user,
            production=production,
            file=upload["data"],
            filename=upload["filename"],
            skip_invalid=bool(upload.get("skip_invalid")),
            dry_run=dry_run,
        ),
    )


@production_view
def crew_import_page(request, production):
    """Upload a crew list, preview every row's outcome, then import it (office), as the
    `import-crew` command does: the same service, all rows or none unless told to skip."""
    if not (request.user.is_superuser or perms.is_office(request.user, production.pk)):
        raise PermissionDenied("Only the production office imports crew lists.")
    step = import_step(
        request,
        production,
        form_class=CrewUploadForm,
        stash=CREW_UPLOADS,
        item=_upload_item,
        run=lambda form, upload, dry_run: _run_import(request, production, form, upload, dry_run),
        expired="The previewed file has expired; upload it again.",
    )
    report = step.report
    if step.imported and report.applied:
        messages.success(
            request,
            f"Imported {report.imported} of {report.rows} rows: {report.engagements_created} "
            f"new, {report.engagements_updated} updated, {report.unchanged} unchanged.",
        )
        return done(request, reverse("web:crew", args=[production.code]))
    can_apply = bool(
        report
        and not step.imported
        and report.columns_ok
        and report.valid
        and (report.ok or request.POST.get("skip_invalid"))
    )
    context = {
        "nav_active": "crew",
        "form": step.form,
        "report": report,
        "sha256": step.digest,
        "can_apply": can_apply,
        "file_errors": [e for e in report.errors if e.line is None] if report else [],
        "column_errors": [e for e in report.errors if e.line == report.header_line]
        if report
        else [],
        "failed_apply": step.imported,
    }
    # A refused upload (no file, an empty or oversized one, or a file that cannot be read as a
    # crew list at all) answers 400 with the form, as the script and USS imports do; a preview
    # whose rows have problems is still a preview (200).
    status = form_status(request, step.form, invalid=400)
    if status == 200 and context["file_errors"]:
        status = 422 if getattr(request, "htmx", False) else 400
    return render(request, "productions/crew_import.html", context, status=status)


def _engagement(request, production, public_id, action: str = "view") -> Engagement:
    qs = Engagement.objects.for_user(request.user, action).filter(production=production)
    qs = qs.select_related(
        "person", "position__department", "reports_to__person", "reports_to__position"
    )
    return get_object_or_404(qs, public_id=public_id)


@production_view
def engagement_detail(request, production, public_id):
    """Summary card, status actions allowed now, overview and history tabs."""
    engagement = _engagement(request, production, public_id)
    can_edit = request.user.is_superuser or perms.can_edit_engagement(request.user, engagement)
    nexts = ENGAGEMENT_TRANSITIONS.get(engagement.status, ()) if can_edit else ()
    history = object_history(request.user, engagement)
    context = {
        "nav_active": "crew",
        "e": engagement,
        "can_edit": can_edit,
        "show_rate": request.user.is_superuser or perms.can_view_rates(request.user, engagement),
        "transitions": [(s, STATUS_VERBS[s]) for s in EngagementStatus.values if s in nexts],
        "reports": engagement.reports.select_related("person", "position"),
        "history": history,
        "tab": request.GET.get("tab", "overview"),
    }
    context |= availability_context(request.user, engagement)
    return render(request, "productions/engagement_detail.html", context)


@require_POST
@production_view
def engagement_status(request, production, public_id):
    """Offer, confirm, wrap or release, by the transition table."""
    engagement = _engagement(request, production, public_id, "change")
    status_post(
        request,
        lambda status: engagements.engagement_set_status(
            actor=request.user, engagement=engagement, status=status
        ),
        lambda status: f"{engagement.person} is now {EngagementStatus(status).label.lower()}.",
    )
    return done(request, reverse("web:engagement", args=[production.code, engagement.public_id]))


def _form(request, production, engagement=None, data=None) -> EngagementForm:
    rates = request.user.is_superuser or perms.can_set_rates(request.user, production)
    initial = {}
    if engagement is not None:
        initial = {f: getattr(engagement, f) for f in engagements.ENGAGEMENT_FIELDS}
    elif request.GET.get("person"):
        initial["person"] = request.GET["person"]
    return EngagementForm(
        data,
        user=request.user,
        production=production,
        engagement=engagement,
        rates=rates,
        initial=initial,
    )


def _render_form(request, form, engagement=None, fragment=False, status=None):
    template = "productions/engagement_form.html" + ("#engagement-form" if fragment else "")
    quick = QuickPersonForm(prefix="quick")
    context = {"nav_active": "crew", "form": form, "e": engagement, "quick_form": quick}
    return render(request, template, context, status=status or form_status(request, form))


@production_view
def engagement_create(request, production):
    """Put someone on the production; service errors come back next to their fields."""
    _require_create(request.user, production)
    form = _form(request, production, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        person = form.cleaned_data["person"]
        engagement = run_service(
            form,
            lambda: engagements.engagement_create(
                actor=request.user, production=production, person=person, **values
            ),
        )
        if engagement:
            _flash_saved(request, engagement, "added to the crew list")
            return done(
                request, reverse("web:engagement", args=[production.code, engagement.public_id])
            )
    return _render_form(request, form, fragment=bool(request.htmx))


@production_view
def engagement_edit(request, production, public_id):
    """Change an engagement's position, dates, reporting line or terms."""
    engagement = _engagement(request, production, public_id, "change")
    form = _form(
        request, production, engagement, data=request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        saved = run_service(
            form,
            lambda: engagements.engagement_update(
                actor=request.user, engagement=engagement, **values
            ),
        )
        if saved:
            _flash_saved(request, saved, "saved")
            return done(
                request, reverse("web:engagement", args=[production.code, engagement.public_id])
            )
    return _render_form(request, form, engagement, fragment=bool(request.htmx))


def _require_create(user, production) -> None:
    if not (user.is_superuser or perms.can_create_engagement(user, production)):
        raise PermissionDenied("Only the office and department heads add people to the crew.")


def _flash_saved(request, engagement, what: str) -> None:
    messages.success(request, f"{engagement.person} ({engagement.position}) {what}.")
    if engagement.experience_warning:
        messages.warning(request, engagement.experience_warning)


@require_POST
@production_view
def engagement_validate(request, production, public_id=None):
    """Inline validation: re-render the form fragment with errors, never saving anything."""
    engagement = _engagement(request, production, public_id, "change") if public_id else None
    if engagement is None:
        _require_create(request.user, production)
    form = _form(request, production, engagement, data=request.POST)
    form.is_valid()
    # Only fields the user has filled in complain while typing; the rest wait for submit.
    for name in list(form.errors):
        if name != "__all__" and not request.POST.get(name):
            del form.errors[name]
    # 200, not 422: this answers "is this right so far?", it is not a failed submission.
    return _render_form(request, form, engagement, fragment=True, status=200)
