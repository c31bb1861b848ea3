"""The language desk page: languages, work, subtitle tracks, staffing; and its small POSTs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from prodoffice.core.views import done, flash_form_errors, form_status, run_service
from prodoffice.languages import selectors
from prodoffice.languages.choices import WorkStatus
from prodoffice.languages.forms import LanguageForm, LinguistForm, WorkItemForm, WorkStatusForm
from prodoffice.languages.models import (
    Linguist,
    ProductionLanguage,
    SubtitleFile,
    SubtitleVersion,
    WorkItem,
)
from prodoffice.languages.permissions import can_manage_languages, can_view_rates
from prodoffice.languages.services import desk
from prodoffice.languages.views._common import NAV, require_manage, require_view, scoped
from prodoffice.people.models import Company, Person
from prodoffice.post.models import CutVersion
from prodoffice.productions.views.decorators import production_view


def _home(production) -> str:
    return reverse("web:languages", args=[production.code])


def work_form(production, data=None) -> WorkItemForm:
    """The work item form with this production's linguists, tracks and cut versions."""
    return WorkItemForm(
        data,
        linguists=Linguist.objects.filter(production=production),
        tracks=SubtitleFile.objects.filter(production=production),
        cut_versions=CutVersion.objects.filter(cut__production=production).select_related("cut"),
    )


def linguist_form(production, user, data=None) -> LinguistForm:
    """The roster form, offering the directory's people and companies the user may see."""
    return LinguistForm(
        data,
        people=Person.objects.for_user(user).order_by("last_name"),
        companies=Company.objects.for_user(user),
    )


def _context(request, production, **forms) -> dict:
    user, manage = request.user, can_manage_languages(request.user, production)
    versions = Prefetch("versions", SubtitleVersion.objects.defer("data").order_by("-number"))
    return {
        "nav_active": NAV,
        "languages": ProductionLanguage.objects.for_user(user).in_production(production),
        "work": WorkItem.objects.for_user(user)
        .in_production(production)
        .select_related("assignee", "cut_version__cut"),
        "tracks": SubtitleFile.objects.for_user(user)
        .in_production(production)
        .prefetch_related(versions),
        "roster": Linguist.objects.for_user(user)
        .in_production(production)
        .prefetch_related("pairs"),
        "staffing": selectors.staffing(production, user),
        "can_manage": manage,
        "show_rates": can_view_rates(user, production),
        "statuses": WorkStatusForm.base_fields["status"].choices,
        "language_form": forms.get("language_form") or (LanguageForm() if manage else None),
        "work_form": forms.get("work_form") or (work_form(production) if manage else None),
        "linguist_form": forms.get("linguist_form")
        or (linguist_form(production, user) if manage else None),
    }


@production_view
def language_desk(request, production):
    """The production's languages, work items, subtitle tracks, roster and staffing proposals."""
    require_view(request, production)
    return render(request, "languages/desk.html", _context(request, production))


@require_POST
@production_view
def language_add(request, production):
    """Add the original or a target language (office)."""
    require_manage(request, production)
    form = LanguageForm(request.POST)
    if form.is_valid() and run_service(
        form,
        lambda: desk.production_language_add(
            actor=request.user, production=production, **form.cleaned_data
        ),
    ):
        messages.success(request, f"{form.cleaned_data['language']} added.")
        return done(request, _home(production))
    return render(
        request,
        "languages/desk.html",
        _context(request, production, language_form=form),
        status=form_status(request, form),
    )


@require_POST
@production_view
def work_add(request, production):
    """Add a language work item (office)."""
    require_manage(request, production)
    form = work_form(production, request.POST)
    if form.is_valid() and run_service(
        form,
        lambda: desk.work_item_create(
            actor=request.user, production=production, **form.cleaned_data
        ),
    ):
        messages.success(request, "Work item added.")
        return done(request, _home(production))
    return render(
        request,
        "languages/desk.html",
        _context(request, production, work_form=form),
        status=form_status(request, form),
    )


@require_POST
@production_view
def work_status(request, production, public_id):
    """Move a work item along its transition table (office)."""
    item = scoped(request, production, WorkItem, "change", public_id=public_id)
    form = WorkStatusForm(request.POST)
    if form.is_valid() and run_service(
        form,
        lambda: desk.work_item_transition(
            actor=request.user, item=item, status=form.cleaned_data["status"]
        ),
    ):
        messages.success(request, f"{item} is now {WorkStatus(form.cleaned_data['status']).label}.")
    flash_form_errors(request, form)
    return done(request, _home(production))


@require_POST
@production_view
def linguist_add(request, production):
    """Put a translator or vendor on the roster with a first language pair (office)."""
    require_manage(request, production)
    form = linguist_form(production, request.user, request.POST)
    if form.is_valid():
        values = form.cleaned_data
        linguist = run_service(form, lambda: _add_linguist(request.user, production, values))
        if linguist:
            messages.success(request, f"{linguist} is on the language roster.")
            return done(request, _home(production))
    return render(
        request,
        "languages/desk.html",
        _context(request, production, linguist_form=form),
        status=form_status(request, form),
    )


def _add_linguist(actor, production, values: dict):
    pair = {k: values[k] for k in desk.PAIR_FIELDS}
    return desk.linguist_add(
        actor=actor,
        production=production,
        person=values["person"],
        company=values["company"],
        specialisms=values["specialisms"],
        pairs=[pair],
    )


@require_POST
@production_view
def linguist_contract(request, production, public_id):
    """Draft the linguist's language-services agreement on the contract desk (office)."""
    linguist = scoped(request, production, Linguist, "change", public_id=public_id)
    try:
        contract = desk.linguist_contract_draft(actor=request.user, linguist=linguist)
        messages.success(request, f"Draft contract {contract} created on the contract desk.")
    except ValidationError as exc:  # it names what is missing (an e-mail address ...)
        messages.error(request, " ".join(exc.messages))
    return done(request, _home(production))
