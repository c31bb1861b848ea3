"""Opening a production, its settings and phase; its department and position catalogue (the
shared entries, read-only here, and the production's own local ones)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from prodoffice.accounts import permissions as perms
from prodoffice.core.views import done, form_status, run_service
from prodoffice.productions.choices import Phase
from prodoffice.productions.forms import DepartmentForm, PositionForm, ProductionForm
from prodoffice.productions.models import Department, Position
from prodoffice.productions.services import productions
from prodoffice.productions.services.catalogue import (
    can_edit_catalogue,
    department_create,
    position_create,
    position_update,
)
from prodoffice.productions.views.decorators import production_view, require_office
from prodoffice.productions.views.status import status_post

PRODUCTION_INITIAL_FIELDS = tuple(ProductionForm.base_fields)


def can_open_productions(user) -> bool:
    """Office staff (of any production) and site admins open productions."""
    return user.is_superuser or perms.is_office_anywhere(user)


def _require_catalogue_editor(user, production, entry=None) -> None:
    """The production's office adds and changes its local entries; shared ones are read-only
    here (site administrators excepted): the service says so again for every caller."""
    target = production if entry is None else entry.production
    if not can_edit_catalogue(user, target):
        raise PermissionDenied("The shared catalogue is changed by site administrators only.")


@login_required
def production_new(request):
    """Open a new production; its kickoff meeting is created with it."""
    if not can_open_productions(request.user):
        raise PermissionDenied("Only production office staff open productions.")
    form = ProductionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        production = run_service(
            form, lambda: productions.production_create(actor=request.user, **values)
        )
        if production:
            messages.success(request, f"{production} opened, with its kickoff meeting.")
            return done(request, reverse("web:dashboard", args=[production.code]))
    context = {"form": form, "heading": "Open a production", "submit": "Open production"}
    return render(
        request, "productions/production_form.html", context, status=form_status(request, form)
    )


@production_view
def production_edit(request, production):
    """Change the production's details (office)."""
    require_office(request.user, production)
    initial = {name: getattr(production, name) for name in PRODUCTION_INITIAL_FIELDS}
    form = ProductionForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if v != initial.get(k)}
        updated = run_service(
            form,
            lambda: productions.production_update(
                actor=request.user, production=production, **values
            ),
        )
        if updated:
            messages.success(request, f"{updated.code} saved.")
            return done(request, reverse("web:dashboard", args=[updated.code]))
    context = {
        "nav_active": "settings",
        "form": form,
        "heading": f"{production.code} settings",
        "submit": "Save",
    }
    return render(
        request, "productions/production_form.html", context, status=form_status(request, form)
    )


@require_POST
@production_view
def set_phase(request, production):
    """Move the production to another phase (office)."""
    status_post(
        request,
        lambda phase: productions.production_set_phase(
            actor=request.user, production=production, phase=phase
        ),
        lambda phase: f"{production.code} is now in {Phase(phase).label.lower()}.",
    )
    return done(request, reverse("web:dashboard", args=[production.code]))


@production_view
def catalogue(request, production):
    """Departments and their positions: responsibilities, key flags, experience, reporting."""
    positions = Position.objects.for_production(production).select_related("reports_to")
    departments = (
        Department.objects.for_production(production)
        .prefetch_related(Prefetch("positions", queryset=positions))
        .order_by("order", "name")
    )
    context = {
        "nav_active": "catalogue",
        "departments": departments,
        "can_edit": can_edit_catalogue(request.user, production),
        "can_edit_shared": can_edit_catalogue(request.user, None),
    }
    return render(request, "productions/catalogue.html", context)


def _catalogue_form(request, production, form, save, what: str, instance=None):
    """Shared body of the catalogue forms: validate, call the service, answer."""
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        obj = run_service(form, lambda: save(actor=request.user, **values))
        if obj:
            messages.success(request, f"{what} “{obj}” saved.")
            return done(request, reverse("web:catalogue", args=[production.code]))
    context = {"nav_active": "catalogue", "form": form, "heading": what, "instance": instance}
    status = form_status(request, form)
    return render(request, "productions/catalogue_form.html", context, status=status)


def _local(service, production):
    """The service, adding to this production's local catalogue."""
    return lambda **values: service(production=production, **values)


@production_view
def department_new(request, production):
    """Add a department to the catalogue."""
    _require_catalogue_editor(request.user, production)
    form = DepartmentForm(request.POST or None, production=production)
    save = _local(department_create, production)
    return _catalogue_form(request, production, form, save, "Department")


@production_view
def position_new(request, production):
    """Add a position to the catalogue."""
    _require_catalogue_editor(request.user, production)
    form = PositionForm(request.POST or None, production=production)
    save = _local(position_create, production)
    return _catalogue_form(request, production, form, save, "Position")


@production_view
def position_edit(request, production, pk: int):
    """Change a position of the catalogue."""
    position = get_object_or_404(Position.objects.for_production(production), pk=pk)
    _require_catalogue_editor(request.user, production, position)
    initial = {name: getattr(position, name) for name in PositionForm.base_fields}
    form = PositionForm(request.POST or None, initial=initial, production=production)
    form.fields["reports_to"].queryset = form.fields["reports_to"].queryset.exclude(pk=pk)

    def save(*, actor, **values):
        changed = {k: v for k, v in values.items() if v != initial.get(k)}
        return position_update(actor=actor, position=position, **changed)

    return _catalogue_form(request, production, form, save, "Position", instance=position)
