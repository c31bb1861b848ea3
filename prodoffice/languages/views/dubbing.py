"""The dubbing page: the dubbing script per language (import, add, export), the voice cast,
recording sessions as bookings of post rooms, the dubbed versions in the delivery schedules,
and interpreters."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from prodoffice.core.views import done, flash_form_errors, form_status, run_service
from prodoffice.languages import script_io, selectors
from prodoffice.languages.choices import LanguageRole, Specialism
from prodoffice.languages.forms import (
    DubbingImportForm,
    DubbingLineForm,
    InterpreterForm,
    SessionForm,
    SessionStatusForm,
    VoiceRoleForm,
)
from prodoffice.languages.models import (
    DubbingLine,
    InterpreterBooking,
    Linguist,
    ProductionLanguage,
    RecordingSession,
    VoiceRole,
)
from prodoffice.languages.permissions import can_manage_languages
from prodoffice.languages.services import deliveries, dubbing, script
from prodoffice.languages.views._common import (
    NAV,
    attachment,
    require_manage,
    require_view,
    scoped,
)
from prodoffice.people.models import Person
from prodoffice.post.models import Room
from prodoffice.productions.models import Engagement
from prodoffice.productions.views.decorators import production_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _page(production) -> str:
    return reverse("web:language_dubbing", args=[production.code])


def _people(request):
    return Person.objects.for_user(request.user).order_by("last_name", "first_name")


def _engagements(production):
    return (
        Engagement.objects.filter(production=production)
        .select_related("person", "position")
        .order_by("person__last_name", "person__first_name")
    )


def _rooms(production):
    return Room.objects.filter(facility__production=production).select_related("facility")


def _dubbed_languages(request, production) -> list[dict]:
    """Each dubbing (or voice-over) target language with its dubbed-version deliverables."""
    entries = ProductionLanguage.objects.for_user(request.user).in_production(production)
    return [
        {"entry": e, "deliverables": list(selectors.dubbed_deliverables(production, e.language))}
        for e in entries.filter(role=LanguageRole.TARGET)
        if set(e.kinds) & set(deliveries.DUBBED)
    ]


def _script(request, production):
    lines = DubbingLine.objects.for_user(request.user).in_production(production)
    languages = sorted(set(lines.values_list("language", flat=True)))
    chosen = request.GET.get("language") or (languages[0] if languages else "")
    return languages, chosen, list(lines.filter(language=chosen)) if chosen else []


def _dubbing_context(request, production, **forms) -> dict:
    manage = can_manage_languages(request.user, production)
    roles = (
        VoiceRole.objects.for_user(request.user)
        .in_production(production)
        .select_related("performer", "contract", "engagement")
    )
    languages, chosen, lines = _script(request, production)

    def form(name, build):
        return forms.get(name) or (build() if manage else None)

    return {
        "nav_active": NAV,
        "roles": roles,
        "can_manage": manage,
        "script_languages": languages,
        "script_language": chosen,
        "script_lines": lines,
        "line_form": form("line_form", DubbingLineForm),
        "import_form": form("import_form", DubbingImportForm),
        "dubbed": _dubbed_languages(request, production),
        "sessions": RecordingSession.objects.for_user(request.user)
        .in_production(production)
        .select_related("voice_role", "room__facility", "booking"),
        "voice_form": form(
            "voice_form",
            lambda: VoiceRoleForm(people=_people(request), engagements=_engagements(production)),
        ),
        "session_form": form(
            "session_form", lambda: SessionForm(roles=roles, rooms=_rooms(production))
        ),
        "bookings": InterpreterBooking.objects.for_user(request.user)
        .in_production(production)
        .select_related("linguist"),
        "interpreter_form": form(
            "interpreter_form", lambda: InterpreterForm(linguists=_interpreters(production))
        ),
    }


def _rerender(request, production, name, form):
    context = _dubbing_context(request, production, **{name: form})
    return render(request, "languages/dubbing.html", context, status=form_status(request, form))


@production_view
def dubbing_page(request, production):
    """The dubbing script, voice cast, recording sessions, dubbed deliverables, interpreters."""
    require_view(request, production)
    return render(request, "languages/dubbing.html", _dubbing_context(request, production))


@require_POST
@production_view
def voice_cast(request, production):
    """Cast the voice of a character in a dubbed language (office)."""
    require_manage(request, production)
    form = VoiceRoleForm(
        request.POST, people=_people(request), engagements=_engagements(production)
    )
    if form.is_valid() and run_service(
        form,
        lambda: dubbing.voice_role_cast(
            actor=request.user, production=production, **form.cleaned_data
        ),
    ):
        messages.success(request, f"Voice of {form.cleaned_data['character']} cast.")
        return done(request, _page(production))
    return _rerender(request, production, "voice_form", form)


@require_POST
@production_view
def session_book(request, production):
    """Book a recording session in a post room (office)."""
    require_manage(request, production)
    roles = VoiceRole.objects.for_user(request.user, "change").in_production(production)
    form = SessionForm(request.POST, roles=roles, rooms=_rooms(production))
    if form.is_valid() and run_service(
        form, lambda: dubbing.recording_session_book(actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, "Recording session booked.")
        return done(request, _page(production))
    return _rerender(request, production, "session_form", form)


@require_POST
@production_view
def session_status(request, production, public_id):
    """Mark a session recorded or cancelled, or book it again (office)."""
    require_manage(request, production)
    session = scoped(request, production, RecordingSession, "change", public_id=public_id)
    form = SessionStatusForm(request.POST)
    if form.is_valid() and run_service(
        form,
        lambda: dubbing.recording_session_transition(
            actor=request.user, session=session, status=form.cleaned_data["status"]
        ),
    ):
        messages.success(request, f"Session {session}: {form.cleaned_data['status']}.")
    flash_form_errors(request, form)
    return done(request, _page(production))


@require_POST
@production_view
def line_add(request, production):
    """Add a line to a language's dubbing script (office)."""
    require_manage(request, production)
    form = DubbingLineForm(request.POST)
    if form.is_valid() and run_service(
        form,
        lambda: script.dubbing_line_add(
            actor=request.user, production=production, **form.cleaned_data
        ),
    ):
        messages.success(request, "Line added to the dubbing script.")
        return done(request, f"{_page(production)}?language={form.cleaned_data['language']}")
    return _rerender(request, production, "line_form", form)


@require_POST
@production_view
def script_import(request, production):
    """Replace a language's dubbing script with a CSV or XLSX file (office)."""
    require_manage(request, production)
    form = DubbingImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        lines = run_service(
            form,
            lambda: script.dubbing_script_import(
                actor=request.user,
                production=production,
                language=form.cleaned_data["language"],
                filename=upload.name,
                data=upload.read(),
            ),
        )
        if lines is not None:
            language = form.cleaned_data["language"]
            messages.success(request, f"{len(lines)} lines imported into the {language} script.")
            return done(request, f"{_page(production)}?language={language}")
    return _rerender(request, production, "import_form", form)


@production_view
def script_export(request, production, fmt):
    """A language's dubbing script as CSV or XLSX (`?language=de`; without it, the first
    language's, as on the page). A language without lines gives the header row only."""
    require_view(request, production)
    if fmt not in ("csv", "xlsx"):
        raise Http404("Export as csv or xlsx.")
    languages, language, lines = _script(request, production)
    name = f"{production.code}-dubbing-{language if language in languages else 'script'}.{fmt}"
    if fmt == "csv":
        return attachment(script_io.export_csv(lines), "text/csv; charset=utf-8", name)
    return attachment(script_io.export_xlsx(lines, f"Dubbing {language}"), XLSX, name)


@require_POST
@production_view
def dubbed_link(request, production, public_id):
    """Find or add the language's dubbed version in its territories' delivery schedules."""
    require_manage(request, production)
    entry = scoped(request, production, ProductionLanguage, "change", public_id=public_id)
    try:
        links = deliveries.dubbed_versions_link(actor=request.user, entry=entry)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        added = sum(link.created for link in links)
        text = (
            f"{entry.language}: {len(links)} delivery schedule(s), {added} dubbed version(s) added."
            if links
            else f"{entry.language}: no delivery schedule for {', '.join(entry.territories)}."
        )
        messages.success(request, text)
    return done(request, _page(production))


def _interpreters(production):
    # JSON containment has no SQLite lookup; a roster is short enough to filter here.
    roster = Linguist.objects.filter(production=production)
    return roster.filter(pk__in=[x.pk for x in roster if Specialism.INTERPRETING in x.specialisms])


@require_POST
@production_view
def interpreter_book(request, production):
    """Book an interpreter for a shoot day or an ADR session (office)."""
    require_manage(request, production)
    form = InterpreterForm(request.POST, linguists=Linguist.objects.filter(production=production))
    if form.is_valid() and run_service(
        form, lambda: dubbing.interpreter_book(actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, f"{form.cleaned_data['linguist']} booked.")
        return done(request, _page(production))
    return _rerender(request, production, "interpreter_form", form)
