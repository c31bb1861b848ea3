"""The glossary page (entries, add, seed) and the dubbing page (voice cast, sessions)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from prodoffice.core.views import done, flash_form_errors, form_status, run_service
from prodoffice.languages.choices import Specialism
from prodoffice.languages.forms import (
    GlossaryForm,
    GlossarySeedForm,
    InterpreterForm,
    SessionForm,
    VoiceRoleForm,
)
from prodoffice.languages.models import (
    GlossaryEntry,
    InterpreterBooking,
    Linguist,
    RecordingSession,
    VoiceRole,
)
from prodoffice.languages.permissions import can_manage_languages
from prodoffice.languages.services import dubbing, glossary
from prodoffice.languages.views._common import NAV, require_manage, require_view
from prodoffice.people.models import Person
from prodoffice.productions.views.decorators import production_view


@production_view
def glossary_page(request, production):
    """GET: the glossary per language; POST: add an entry (office)."""
    require_view(request, production)
    manage = can_manage_languages(request.user, production)
    form = GlossaryForm(request.POST or None) if manage else None
    if request.method == "POST":
        require_manage(request, production)
        if form.is_valid() and run_service(
            form,
            lambda: glossary.glossary_entry_add(
                actor=request.user, production=production, **form.cleaned_data
            ),
        ):
            messages.success(request, f"{form.cleaned_data['term']} added to the glossary.")
            return done(request, reverse("web:language_glossary", args=[production.code]))
    context = {
        "nav_active": NAV,
        "form": form,
        "seed_form": GlossarySeedForm() if manage else None,
        "entries": GlossaryEntry.objects.for_user(request.user).in_production(production),
    }
    return render(
        request,
        "languages/glossary.html",
        context,
        status=form_status(request, form) if form else 200,
    )


@require_POST
@production_view
def glossary_seed(request, production):
    """Seed a language's glossary from the cast list and the script (office)."""
    require_manage(request, production)
    form = GlossarySeedForm(request.POST)
    if form.is_valid():
        added = run_service(
            form,
            lambda: glossary.glossary_seed(
                actor=request.user, production=production, **form.cleaned_data
            ),
        )
        if added is not None:
            messages.success(
                request, f"{added} names added to the {form.cleaned_data['language']} glossary."
            )
    flash_form_errors(request, form)
    return done(request, reverse("web:language_glossary", args=[production.code]))


def _people(request):
    return Person.objects.for_user(request.user).order_by("last_name", "first_name")


def _dubbing_context(request, production, **forms) -> dict:
    manage = can_manage_languages(request.user, production)
    roles = (
        VoiceRole.objects.for_user(request.user)
        .in_production(production)
        .select_related("performer", "contract")
    )
    return {
        "nav_active": NAV,
        "roles": roles,
        "can_manage": manage,
        "sessions": RecordingSession.objects.for_user(request.user)
        .in_production(production)
        .select_related("voice_role"),
        "voice_form": forms.get("voice_form")
        or (VoiceRoleForm(people=_people(request)) if manage else None),
        "session_form": forms.get("session_form") or (SessionForm(roles=roles) if manage else None),
        "bookings": InterpreterBooking.objects.for_user(request.user)
        .in_production(production)
        .select_related("linguist"),
        "interpreter_form": forms.get("interpreter_form")
        or (InterpreterForm(linguists=_interpreters(production)) if manage else None),
    }


@production_view
def dubbing_page(request, production):
    """Voice casting per language and the recording sessions."""
    require_view(request, production)
    return render(request, "languages/dubbing.html", _dubbing_context(request, production))


@require_POST
@production_view
def voice_cast(request, production):
    """Cast the voice of a character in a dubbed language (office)."""
    require_manage(request, production)
    form = VoiceRoleForm(request.POST, people=_people(request))
    if form.is_valid() and run_service(
        form,
        lambda: dubbing.voice_role_cast(
            actor=request.user, production=production, **form.cleaned_data
        ),
    ):
        messages.success(request, f"Voice of {form.cleaned_data['character']} cast.")
        return done(request, reverse("web:language_dubbing", args=[production.code]))
    context = _dubbing_context(request, production, voice_form=form)
    return render(request, "languages/dubbing.html", context, status=form_status(request, form))


@require_POST
@production_view
def session_book(request, production):
    """Book a recording session (office)."""
    require_manage(request, production)
    roles = VoiceRole.objects.for_user(request.user, "change").in_production(production)
    form = SessionForm(request.POST, roles=roles)
    if form.is_valid() and run_service(
        form, lambda: dubbing.recording_session_book(actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, "Recording session booked.")
        return done(request, reverse("web:language_dubbing", args=[production.code]))
    context = _dubbing_context(request, production, session_form=form)
    return render(request, "languages/dubbing.html", context, status=form_status(request, form))


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
        return done(request, reverse("web:language_dubbing", args=[production.code]))
    context = _dubbing_context(request, production, interpreter_form=form)
    return render(request, "languages/dubbing.html", context, status=form_status(request, form))
