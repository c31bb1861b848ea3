"""The people directory, person pages and forms, companies.

They live in productions, not people: every page sits under /p/<code>/ and needs the production
scope (`production_view`), and people lies below productions (it may not import it).
"""

from __future__ import annotations

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from prodoffice.accounts import permissions as perms
from prodoffice.core.views import done, form_status, object_history, paginate, run_service
from prodoffice.people import selectors as privacy
from prodoffice.people import services
from prodoffice.people.filters import CompanyFilter, PersonFilter
from prodoffice.people.forms import (
    CompanyForm,
    CreditForm,
    LanguageForm,
    PersonForm,
    QuickPersonForm,
    RepresentationForm,
    UnionForm,
)
from prodoffice.people.models import Company, Person
from prodoffice.productions.models import Engagement
from prodoffice.productions.views.decorators import production_view

CHILD_FORMS = {
    "union": (UnionForm, services.union_membership_add, "Union card added."),
    "language": (LanguageForm, services.language_add, "Language added."),
    "credit": (CreditForm, services.credit_add, "Credit added."),
    "agent": (RepresentationForm, services.representation_add, "Representation added."),
}


@production_view
def people_list(request, production):
    """Everyone the user may see in the directory, searchable."""
    people = Person.objects.for_user(request.user)
    qs = PersonFilter(request.GET, queryset=people, request=request).qs
    page = paginate(request, qs.order_by("last_name", "first_name", "id"))
    context = {"nav_active": "people", "page": page, "q": request.GET.get("q", "")}
    template = "productions/people_list.html" + ("#people-results" if request.htmx else "")
    return render(request, template, context)


def _person(request, public_id, action: str = "view") -> Person:
    return get_object_or_404(Person.objects.for_user(request.user, action), public_id=public_id)


def _child_forms(user, data=None, prefix=None):
    forms = {}
    for key, (form_class, _, _) in CHILD_FORMS.items():
        bound = data if key == prefix else None
        kwargs = {"user": user} if form_class is RepresentationForm else {}
        forms[key] = form_class(bound, prefix=key, **kwargs)
    return forms


def _person_context(request, person, forms=None) -> dict:
    user = request.user
    private = user.is_superuser or perms.can_view_private_person(user, person)
    can_edit = user.is_superuser or perms.can_edit_person(user, person)
    return {
        "nav_active": "people",
        "person": person,
        "private": private,
        "can_edit": can_edit,
        "engagements": Engagement.objects.for_user(user)
        .filter(person=person)
        .select_related("production", "position__department"),
        "unions": person.union_memberships.all(),
        "languages": person.languages.all(),
        "credits": person.credits.all(),
        "representations": person.representations.select_related("agent", "agency"),
        "can_erase": person.erased_at is None and privacy.may_erase(user, person),
        "child_forms": forms or (_child_forms(user) if can_edit else {}),
        "history": object_history(user, person),
        "tab": request.GET.get("tab", "overview"),
    }


@production_view
def person_detail(request, production, public_id):
    """A person's card: contacts, private details where allowed, cards, languages, credits."""
    person = _person(request, public_id)
    return render(request, "productions/person_detail.html", _person_context(request, person))


@require_POST
@production_view
def person_add_child(request, production, public_id, kind: str):
    """Add a union card, language, credit or agent to a person."""
    person = _person(request, public_id)
    if kind not in CHILD_FORMS:
        raise Http404("No such kind of item.")
    _, service, message = CHILD_FORMS[kind]
    forms = _child_forms(request.user, request.POST, prefix=kind)
    form = forms[kind]
    if form.is_valid():
        values = form.cleaned_data
        if run_service(form, lambda: service(actor=request.user, person=person, **values)):
            messages.success(request, message)
            return done(request, reverse("web:person", args=[production.code, person.public_id]))
    context = _person_context(request, person, forms)
    return render(
        request, "productions/person_detail.html", context, status=422 if request.htmx else 200
    )


@production_view
def person_edit(request, production, public_id):
    """Edit a person (themself or the office); private fields only where allowed."""
    person = _person(request, public_id)
    if not (request.user.is_superuser or perms.can_edit_person(request.user, person)):
        raise PermissionDenied("Only the person and the production office edit these details.")
    private = request.user.is_superuser or perms.can_view_private_person(request.user, person)
    data = request.POST if request.method == "POST" else None
    form = PersonForm(data, instance=person, private=private)
    if data is not None and form.is_valid():
        values = form.service_values()
        fresh = Person.objects.get(pk=person.pk)
        if run_service(
            form, lambda: services.person_update(actor=request.user, person=fresh, **values)
        ):
            messages.success(request, f"{person} saved.")
            return done(request, reverse("web:person", args=[production.code, person.public_id]))
    context = {"nav_active": "people", "form": form, "person": person}
    return render(
        request, "productions/person_form.html", context, status=form_status(request, form)
    )


@require_POST
@production_view
def person_quick_add(request, production):
    """Add someone to the directory from the engagement form, then pick them there."""
    form = QuickPersonForm(request.POST, prefix="quick")
    url = reverse("web:engagement_new", args=[production.code])
    if form.is_valid():
        values = form.cleaned_data
        person = run_service(
            form,
            lambda: services.person_create(actor=request.user, production=production, **values),
        )
        if person:
            messages.success(request, f"{person} added to the directory.")
            return done(request, f"{url}?person={person.pk}")
    for field, errors in form.errors.items():
        messages.error(request, f"New person – {field.replace('_', ' ')}: {' '.join(errors)}")
    return done(request, url)


@production_view
def companies_list(request, production):
    """Studios, vendors, agencies and loan-outs."""
    filterset = CompanyFilter(request.GET, queryset=Company.objects.for_user(request.user))
    q = request.GET.get("q", "").strip()
    context = {"nav_active": "companies", "page": paginate(request, filterset.qs), "q": q}
    context["can_add"] = request.user.is_superuser or perms.is_office(request.user, production.pk)
    return render(request, "productions/companies_list.html", context)


@production_view
def company_detail(request, production, public_id):
    """A company and its contacts."""
    company = get_object_or_404(Company.objects.for_user(request.user), public_id=public_id)
    contacts = company.contacts.select_related("person")
    context = {
        "nav_active": "companies",
        "company": company,
        "contacts": contacts,
        "history": object_history(request.user, company),
    }
    return render(request, "productions/company_detail.html", context)


@production_view
def company_create(request, production):
    """Add a company for this production (its office)."""
    if not (request.user.is_superuser or perms.is_office(request.user, production.pk)):
        raise PermissionDenied("Only the production office adds companies.")
    form = CompanyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        company = run_service(
            form,
            lambda: services.company_create(actor=request.user, production=production, **values),
        )
        if company:
            messages.success(request, f"{company} added.")
            return done(request, reverse("web:company", args=[production.code, company.public_id]))
    context = {"nav_active": "companies", "form": form}
    return render(
        request, "productions/company_form.html", context, status=form_status(request, form)
    )


@production_view
def person_data(request, production, public_id):
    """Everything held about a person as a JSON file (S-14): the person and their office."""
    person = _person(request, public_id)
    data = privacy.person_data_export(actor=request.user, person=person)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = (
        f'attachment; filename="personal-data-{person.public_id}.json"'
    )
    response["Cache-Control"] = "no-store"
    return response


class ErasureForm(django_forms.Form):
    """Why a person's data is erased: recorded in the audit log."""

    basis = django_forms.CharField(
        label="Basis",
        widget=django_forms.Textarea(attrs={"rows": 3}),
        max_length=privacy.BASIS_MAX,
        help_text="The request and its date, or the legal basis (e.g. “Erasure request "
        "by e-mail, 2 Dec 2026”).",
    )


@production_view
def person_erase(request, production, public_id):
    """Erase a person's personal data (S-15): what is deleted and what is kept, then confirm."""
    person = _person(request, public_id)
    if not privacy.may_erase(request.user, person):
        raise PermissionDenied(
            "Only the office of every production this person worked on erases their data."
        )
    form = ErasureForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        result = run_service(
            form,
            lambda: services.person_erase(
                actor=request.user, person=person, basis=form.cleaned_data["basis"]
            ),
        )
        if result:
            messages.success(request, "Personal data erased.")
            return done(request, reverse("web:person", args=[production.code, person.public_id]))
    context = {
        "nav_active": "people",
        "form": form,
        "person": person,
        "preview": privacy.erasure_preview(person),
    }
    return render(
        request, "productions/person_erase.html", context, status=form_status(request, form)
    )
