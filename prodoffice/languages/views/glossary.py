"""The glossary page (entries, add, seed)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from prodoffice.core.views import done, flash_form_errors, form_status, run_service
from prodoffice.languages.forms import GlossaryForm, GlossarySeedForm
from prodoffice.languages.models import GlossaryEntry
from prodoffice.languages.permissions import can_manage_languages
from prodoffice.languages.services import glossary
from prodoffice.languages.views._common import NAV, require_manage, require_view
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
