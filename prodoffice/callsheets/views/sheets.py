"""Call sheet pages of a production: the days and their sheets, one sheet (draft or published)
with its actions, its PDF, personal calls, and the confirmation board with resend."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from prodoffice.callsheets.choices import SheetStatus
from prodoffice.callsheets.forms import (
    CallForm,
    HeaderForm,
    NewDraftForm,
    PublishForm,
    SettingsForm,
    WrapForm,
)
from prodoffice.callsheets.models import CallSheet, Recipient
from prodoffice.callsheets.permissions import (
    can_edit_callsheets,
    can_override_warnings,
    can_view_callsheets,
)
from prodoffice.callsheets.selectors import sheets as reads
from prodoffice.callsheets.selectors.draft import build_draft, settings_for
from prodoffice.callsheets.services import distribution, sheets
from prodoffice.callsheets.services import settings as settings_service
from prodoffice.core.pdf import render_pdf
from prodoffice.core.views import done, flash_form_errors, form_status, run_service
from prodoffice.productions.models import Engagement
from prodoffice.productions.views.decorators import production_view


def require_view(request, production) -> None:
    if not can_view_callsheets(request.user, production):
        raise PermissionDenied("Call sheets are read by the office, heads and the ADs.")


def require_edit(request, production) -> None:
    if not can_edit_callsheets(request.user, production):
        raise PermissionDenied(sheets._REFUSED)


def _sheet(request, production, public_id, action="view") -> CallSheet:
    qs = CallSheet.objects.for_user(request.user, action).in_production(production)
    # The board only for a draft's re-read (a query then); a published sheet shows its snapshot.
    qs = reads.with_names_setting(qs.select_related("published_by"))
    sheet = get_object_or_404(qs, public_id=public_id)
    sheet.production = production  # the row filtered on it: no second read of the production
    return sheet


@production_view
def callsheet_list(request, production):
    """Every shoot day with its call sheet versions, the alarm, and a new draft."""
    require_view(request, production)
    rows = reads.day_rows(production)
    context = {
        "nav_active": "callsheets",
        "rows": rows,
        "form": NewDraftForm(),
        "can_edit": can_edit_callsheets(request.user, production),
        "alarms": [r for r in rows if r.alarm],
    }
    return render(request, "callsheets/list.html", context)


@require_POST
@production_view
def callsheet_new(request, production):
    """The draft of a date (the open one, or a new one from the working board)."""
    require_edit(request, production)
    form = NewDraftForm(request.POST)
    sheet = form.is_valid() and run_service(
        form,
        lambda: sheets.callsheet_draft(
            actor=request.user, production=production, day=form.cleaned_data["date"]
        ),
    )
    if not sheet:
        flash_form_errors(request, form)
        return done(request, reverse("web:callsheets", args=[production.code]))
    return done(request, reverse("web:callsheet", args=[production.code, sheet.public_id]))


def _content(sheet: CallSheet) -> dict:
    """A published version's frozen snapshot, or a draft built now; cast names hidden where the
    production hides them."""
    hidden_now = reads.hidden_setting(sheet)  # read with the sheet (`_sheet`)
    if sheet.is_frozen:
        return reads.for_display(sheet.production, sheet.snapshot, hidden_now=hidden_now)
    d = build_draft(production=sheet.production, day=sheet.date, board=sheet.board, sheet=sheet)
    return reads.for_display(sheet.production, d, hidden_now=hidden_now)


def _detail_context(request, production, sheet, d, header=None, publish=None) -> dict:
    can_edit = can_edit_callsheets(request.user, production) and not sheet.is_frozen
    return {
        "nav_active": "callsheets",
        "sheet": sheet,
        "d": d,
        "day": sheet.date,
        "can_edit": can_edit,
        "can_send": can_edit_callsheets(request.user, production),
        "can_override": can_override_warnings(request.user, production),
        "header_form": header or (HeaderForm(instance=sheet) if can_edit else None),
        "publish_form": publish or PublishForm(),
        # Plain rows, newest first (the production is fixed: no join for the model's ordering).
        "versions": CallSheet.objects.filter(production=production, date=sheet.date)
        .order_by("-version")
        .values("public_id", "version"),
    }


@production_view
def callsheet_detail(request, production, public_id):
    """One version: the sheet as printed; a draft's header, calls, re-read and publish."""
    require_view(request, production)
    sheet = _sheet(request, production, public_id)
    if request.method != "POST":
        try:
            d = _content(sheet)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            d = reads.for_display(production, sheet.snapshot)
        return render(
            request, "callsheets/detail.html", _detail_context(request, production, sheet, d)
        )
    require_edit(request, production)
    return _act(request, production, sheet, request.POST.get("action", ""))


def _act(request, production, sheet, action: str):
    url = reverse("web:callsheet", args=[production.code, sheet.public_id])
    if action == "update":
        form = HeaderForm(request.POST, instance=CallSheet.objects.get(pk=sheet.pk))
        values = {f: form.cleaned_data[f] for f in form.Meta.fields} if form.is_valid() else None
        if values is not None and run_service(
            form, lambda: sheets.callsheet_update(actor=request.user, sheet=sheet, values=values)
        ):
            messages.success(request, "Call sheet saved.")
            return done(request, url)
        sheet.refresh_from_db()
        context = _detail_context(request, production, sheet, _content(sheet), header=form)
        return render(request, "callsheets/detail.html", context, status=form_status(request, form))
    if action == "publish":
        form = PublishForm(request.POST)
        form.is_valid()
        reason = form.cleaned_data.get("override_reason", "")
        if run_service(
            form,
            lambda: sheets.callsheet_publish(
                actor=request.user, sheet=sheet, override_reason=reason
            ),
        ):
            messages.success(request, f"Version {sheet.version} published and frozen.")
            return done(request, url)
        context = _detail_context(request, production, sheet, _content(sheet), publish=form)
        return render(request, "callsheets/detail.html", context, status=form_status(request, form))
    return _simple_action(request, production, sheet, action, url)


def _simple_action(request, production, sheet, action, url):
    """Re-read, revise and send: a message either way, back to a page."""
    calls = {
        "refresh": lambda: sheets.callsheet_refresh(actor=request.user, sheet=sheet),
        "revise": lambda: sheets.callsheet_revise(actor=request.user, sheet=sheet),
        "send": lambda: distribution.callsheet_send(actor=request.user, sheet=sheet),
    }
    if action not in calls:
        messages.error(request, "Choose save, re-read, publish, revise or send.")
        return done(request, url)
    try:
        result = calls[action]()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return done(request, url)
    if action == "revise":
        messages.success(request, f"Version {result.version} drafted from version {sheet.version}.")
        return done(request, reverse("web:callsheet", args=[production.code, result.public_id]))
    if action == "send":
        messages.success(request, f"Call sheet queued to {result} people.")
        return done(
            request, reverse("web:callsheet_board", args=[production.code, sheet.public_id])
        )
    messages.success(request, "Re-read from the board; manual calls kept.")
    return done(request, url)


@require_POST
@production_view
def callsheet_call(request, production, public_id):
    """Set one person's call by hand, or reset it to the computed one."""
    require_edit(request, production)
    sheet = _sheet(request, production, public_id, "change")
    url = reverse("web:callsheet", args=[production.code, sheet.public_id])
    if request.POST.get("what") == "wrap":
        return _wrap(request, production, sheet, url)
    form = CallForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return done(request, url)
    engagement = get_object_or_404(
        Engagement, production=production, public_id=form.cleaned_data["engagement"]
    )
    if form.cleaned_data["reset"]:

        def call():
            return sheets.call_reset(actor=request.user, sheet=sheet, engagement=engagement)
    else:

        def call():
            return sheets.call_set(
                actor=request.user,
                sheet=sheet,
                engagement=engagement,
                at=form.cleaned_data["at"],
                note=form.cleaned_data["note"],
            )

    try:
        call()
        messages.success(request, f"Call of {engagement.person} saved.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return done(request, url)


def _wrap(request, production, sheet, url):
    """Set (or clear) one person's dismiss time."""
    form = WrapForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return done(request, url)
    engagement = get_object_or_404(
        Engagement, production=production, public_id=form.cleaned_data["engagement"]
    )
    try:
        sheets.call_wrap_set(
            actor=request.user, sheet=sheet, engagement=engagement, at=form.cleaned_data["wrap"]
        )
        messages.success(request, f"Wrap of {engagement.person} saved.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return done(request, url)


@production_view
def callsheet_pdf(request, production, public_id):
    """The full call sheet as a PDF (front and back)."""
    require_view(request, production)
    sheet = _sheet(request, production, public_id)
    d = _content(sheet)
    pdf = render_pdf(
        template="callsheets/pdf/sheet.html",
        context={"d": d, "day": sheet.date},
        title=f"{production.title} call sheet {sheet.date} v{sheet.version}",
        author=production.title,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"call-sheet-{production.code}-{sheet.date.isoformat()}-v{sheet.version}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@production_view
def callsheet_board(request, production, public_id):
    """Who has confirmed a version, with resend to one person (2nd AD and coordinator)."""
    require_edit(request, production)
    sheet = _sheet(request, production, public_id, "change")
    url = reverse("web:callsheet_board", args=[production.code, sheet.public_id])
    if request.method == "POST":
        if request.POST.get("action") == "bounce":
            _bounce(request, sheet, request.POST.get("recipient", ""))
        else:
            _resend(request, sheet, request.POST.get("recipient", ""))
        return done(request, url)
    rows = reads.board_rows(sheet)
    context = {
        "nav_active": "callsheets",
        "sheet": sheet,
        "rows": rows,
        "counts": reads.board_counts(rows),
        "is_current": sheet.status == SheetStatus.PUBLISHED,
    }
    return render(request, "callsheets/board.html", context)


def _recipient(sheet, recipient_id: str) -> Recipient | None:
    return (
        Recipient.objects.filter(sheet=sheet, pk=int(recipient_id)).first()
        if (recipient_id.isdigit() and len(recipient_id) < 18)
        else None
    )


def _bounce(request, sheet, recipient_id: str) -> None:
    """Record by hand that the mail to one recipient bounced (the reason as the server gave)."""
    recipient = _recipient(sheet, recipient_id)
    if recipient is None:
        messages.error(request, "Choose someone this version was sent to.")
        return
    try:
        distribution.recipient_bounce(
            actor=request.user,
            production=sheet.production,
            sheet=sheet,
            email=recipient.email,
            reason=request.POST.get("reason", "")[:300],
        )
        messages.success(request, f"Bounce recorded for {recipient.engagement.person}.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))


def _resend(request, sheet, recipient_id: str) -> None:
    """Resend to one recipient of this version; an unknown one is said so."""
    recipient = _recipient(sheet, recipient_id)
    if recipient is None:
        messages.error(request, "Choose someone this version was sent to.")
        return
    try:
        distribution.recipient_resend(actor=request.user, recipient=recipient)
        messages.success(request, f"Sent again to {recipient.engagement.person}.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))


@production_view
def callsheet_settings(request, production):
    """The production's call sheet rules: readers see them, the office and the ADs change them."""
    require_view(request, production)
    rules = settings_for(production)
    can_edit = can_edit_callsheets(request.user, production)
    url = reverse("web:callsheet_settings", args=[production.code])
    if request.method == "POST":
        require_edit(request, production)
        form = SettingsForm(request.POST, instance=rules, production=production)
        if form.is_valid() and run_service(
            form,
            lambda: settings_service.settings_update(
                actor=request.user,
                production=production,
                values=form.values(),
                confirm_to=list(form.cleaned_data["confirm_to"]),
            ),
        ):
            messages.success(request, "Call sheet rules saved.")
            return done(request, url)
    else:
        form = SettingsForm(instance=rules, production=production)
    if not can_edit:
        for field in form.fields.values():
            field.disabled = True
    context = {"nav_active": "callsheets", "form": form, "can_edit": can_edit}
    status = form_status(request, form) if request.method == "POST" else 200
    return render(request, "callsheets/settings.html", context, status=status)
