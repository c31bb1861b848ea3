"""Meetings: list, detail with agenda, attendance, decisions and action items; minutes PDF."""

from __future__ import annotations

import zoneinfo

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from prodoffice.core.views import done, flash_form_errors, form_status, object_history, run_service
from prodoffice.productions.choices import MEETING_TRANSITIONS, AttendanceStatus, MeetingStatus
from prodoffice.productions.forms import (
    ActionItemForm,
    AgendaItemForm,
    AttendanceAllForm,
    AttendanceForm,
    DecisionForm,
    MeetingForm,
    MinutesForm,
)
from prodoffice.productions.minutes import minutes_pdf
from prodoffice.productions.models import ActionItem, Engagement, Meeting
from prodoffice.productions.permissions import is_office_or_admin
from prodoffice.productions.services import meetings
from prodoffice.productions.views.decorators import production_view
from prodoffice.productions.views.status import status_post

MEETING_VERBS = {
    MeetingStatus.HELD: "Mark held",
    MeetingStatus.CANCELLED: "Cancel meeting",
    MeetingStatus.SCHEDULED: "Reschedule",
}


def _meeting(request, production, public_id, action: str = "view") -> Meeting:
    qs = Meeting.objects.for_user(request.user, action).filter(production=production)
    return get_object_or_404(qs, public_id=public_id)


@production_view
def meetings_list(request, production):
    """The kickoff and every production meeting, next first."""
    rows = (
        Meeting.objects.for_user(request.user)
        .filter(production=production)
        .order_by("status", "starts_at", "id")
    )
    context = {
        "nav_active": "meetings",
        "rows": rows,
        "can_add": is_office_or_admin(request.user, production),
    }
    return render(request, "productions/meetings_list.html", context)


def _meeting_context(request, production, meeting, forms=None) -> dict:
    office = is_office_or_admin(request.user, production)
    forms = forms or {}
    # Grouped by department on the page: the department's order first (regroup needs it).
    attendances = list(
        meeting.attendances.select_related(
            "engagement__person", "engagement__position__department"
        ).order_by("engagement__position__department__order", "engagement__person__last_name", "id")
    )
    return {
        "nav_active": "meetings",
        "m": meeting,
        "office": office,
        "history": object_history(request.user, meeting),
        "agenda": meeting.agenda_items.select_related("department"),
        "attendances": attendances,
        "unmarked": sum(1 for at in attendances if at.status == AttendanceStatus.INVITED),
        "decisions": meeting.decisions.all(),
        "actions": meeting.action_items.select_related("assignee__person"),
        "attendance_choices": AttendanceStatus.choices,
        "transitions": [(s, MEETING_VERBS[s]) for s in MEETING_TRANSITIONS.get(meeting.status, ())]
        if office
        else [],
        "agenda_form": forms.get("agenda")
        or AgendaItemForm(prefix="agenda", production=production),
        "decision_form": forms.get("decision") or DecisionForm(prefix="decision"),
        "action_form": forms.get("action")
        or ActionItemForm(prefix="action", user=request.user, production=production),
        "minutes_form": forms.get("minutes")
        or MinutesForm(prefix="minutes", initial={"minutes": meeting.minutes}),
    }


@production_view
def meeting_detail(request, production, public_id):
    """Agenda, attendance, decisions, action items."""
    meeting = _meeting(request, production, public_id)
    return render(
        request, "productions/meeting_detail.html", _meeting_context(request, production, meeting)
    )


@production_view
def meeting_create(request, production):
    """Call a production or department meeting (office)."""
    if not is_office_or_admin(request.user, production):
        raise PermissionDenied("Only the production office calls meetings.")
    form = MeetingForm(request.POST or None, production=production)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        departments = [d.pk for d in data.pop("departments")]
        if data["starts_at"]:
            data["starts_at"] = data["starts_at"].replace(
                tzinfo=zoneinfo.ZoneInfo(production.time_zone)
            )
        meeting = run_service(
            form,
            lambda: meetings.meeting_create(
                actor=request.user, production=production, department_ids=departments, **data
            ),
        )
        if meeting:
            messages.success(
                request, f"{meeting} scheduled; {meeting.attendances.count()} people invited."
            )
            return done(request, reverse("web:meeting", args=[production.code, meeting.public_id]))
    return render(
        request,
        "productions/meeting_form.html",
        {"nav_active": "meetings", "form": form},
        status=form_status(request, form),
    )


ADD_FORMS = {
    "agenda": (AgendaItemForm, meetings.agenda_item_add, "Agenda point added."),
    "decision": (DecisionForm, meetings.decision_add, "Decision recorded."),
    "action": (ActionItemForm, meetings.action_item_add, "Action item assigned."),
    "minutes": (MinutesForm, meetings.meeting_update, "Minutes saved."),
}


@require_POST
@production_view
def meeting_add(request, production, public_id, kind: str):
    """Add an agenda point, a decision or an action item, or save the minutes (office)."""
    meeting = _meeting(request, production, public_id, "change")
    if kind not in ADD_FORMS:
        raise Http404("No such kind of item.")
    form_class, service, message = ADD_FORMS[kind]
    extra = {"user": request.user, "production": production} if form_class is ActionItemForm else {}
    if form_class is AgendaItemForm:
        extra = {"production": production}
    form = form_class(request.POST, prefix=kind, **extra)
    if form.is_valid():
        values = form.cleaned_data
        if run_service(form, lambda: service(actor=request.user, meeting=meeting, **values)):
            messages.success(request, message)
            return done(request, reverse("web:meeting", args=[production.code, meeting.public_id]))
    context = _meeting_context(request, production, meeting, {kind: form})
    return render(
        request, "productions/meeting_detail.html", context, status=422 if request.htmx else 200
    )


@require_POST
@production_view
def meeting_status(request, production, public_id):
    """Mark a meeting held or cancelled."""
    meeting = _meeting(request, production, public_id, "change")
    status_post(
        request,
        lambda status: meetings.meeting_set_status(
            actor=request.user, meeting=meeting, status=status
        ),
        lambda status: f"{meeting} is {MeetingStatus(status).label.lower()}.",
    )
    return done(request, reverse("web:meeting", args=[production.code, meeting.public_id]))


@require_POST
@production_view
def meeting_attendance(request, production, public_id):
    """Record whether an invited person came."""
    meeting = _meeting(request, production, public_id, "change")
    form = AttendanceForm(request.POST)
    if form.is_valid():
        engagement = get_object_or_404(
            Engagement.objects.for_user(request.user).filter(production=production),
            public_id=form.cleaned_data["engagement"],
        )
        run_service(
            form,
            lambda: meetings.attendance_set(
                actor=request.user,
                meeting=meeting,
                engagement=engagement,
                status=form.cleaned_data["status"],
            ),
        )
    flash_form_errors(request, form)
    return done(
        request, reverse("web:meeting", args=[production.code, meeting.public_id]) + "#attendance"
    )


@require_POST
@production_view
def meeting_attendance_all(request, production, public_id):
    """Mark everyone not marked yet present (or the status posted), leaving the exceptions."""
    meeting = _meeting(request, production, public_id, "change")
    form = AttendanceAllForm(request.POST)
    if form.is_valid():
        status = form.cleaned_data["status"]
        count = run_service(
            form,
            lambda: meetings.attendance_mark_all(
                actor=request.user, meeting=meeting, status=status
            ),
        )
        if count is not None:
            label = AttendanceStatus(status).label.lower()
            text = f"{count} marked {label}." if count else "Everyone is marked already."
            messages.success(request, text)
    flash_form_errors(request, form)
    return done(
        request, reverse("web:meeting", args=[production.code, meeting.public_id]) + "#attendance"
    )


@require_POST
@production_view
def action_done(request, production, public_id, pk: int):
    """Tick an action item off or on again (office or the assignee)."""
    meeting = _meeting(request, production, public_id)
    item = get_object_or_404(
        ActionItem.objects.select_related("assignee__person", "meeting"), pk=pk, meeting=meeting
    )
    meetings.action_item_set_done(
        actor=request.user, item=item, done=request.POST.get("done") == "1"
    )
    return done(
        request, reverse("web:meeting", args=[production.code, meeting.public_id]) + "#actions"
    )


@production_view
def meeting_minutes_pdf(request, production, public_id):
    """The minutes as a PDF, drawn from the same data as the page."""
    meeting = _meeting(request, production, public_id)
    response = HttpResponse(minutes_pdf(meeting), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{production.code}-minutes-{meeting.pk}.pdf"'
    )
    return response
