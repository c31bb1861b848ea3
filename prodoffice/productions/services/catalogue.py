"""The department and position catalogue: the shared catalogue (site administrators and the CLI)
and each production's local departments and positions (its office); ADR 0016."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from prodoffice.accounts import permissions as perms
from prodoffice.audit.services import record
from prodoffice.core.services import require, save_changes
from prodoffice.productions.models import Department, Position, Production

DEPARTMENT_FIELDS = ("name", "slug", "order")
POSITION_FIELDS = (
    "department",
    "title",
    "responsibilities",
    "is_key",
    "min_years_experience",
    "reports_to",
    "aliases",
    "order",
)


def can_edit_catalogue(actor, production: Production | None) -> bool:
    """Shared entries: site administrators only. Local entries: the office of their production."""
    if actor is None or actor.is_superuser:
        return True
    if production is None:
        return False
    return perms.is_office(actor, production.pk)


def _require_catalogue_editor(actor, production: Production | None) -> None:
    if production is None:
        message = (
            "The shared department and position catalogue is changed by site administrators "
            "only; add a department or position local to your production instead."
        )
    else:
        message = "Only the production's office changes its local departments and positions."
    require(can_edit_catalogue(actor, production), message)


def _local_slug(production: Production | None, values: dict[str, Any]) -> None:
    """A local department's slug carries its production's code: slugs stay unique site-wide
    without one production learning another's departments."""
    if production is None:
        return
    prefix = f"{slugify(production.code)}-"
    slug = slugify(values.get("slug") or values.get("name") or "")
    if slug and not slug.startswith(prefix):
        values["slug"] = prefix + slug


def _check_department_name(department: Department) -> None:
    """A local department does not take the name of a shared one (the pickers would show two)."""
    if department.production_id is None:
        return
    clash = Department.objects.shared().filter(name__iexact=department.name)
    if clash.exclude(pk=department.pk).exists():
        message = f"“{department.name}” is already a department of the shared catalogue."
        raise ValidationError({"name": ValidationError(message, code="duplicate")})


@transaction.atomic
def department_create(*, actor, production: Production | None = None, **values: Any) -> Department:
    """Add a department: to the shared catalogue, or local to a production."""
    _require_catalogue_editor(actor, production)
    _local_slug(production, values)
    department = Department(production=production)
    save_changes(department, values, DEPARTMENT_FIELDS)
    _check_department_name(department)
    record(actor=actor, action="department.create", target=department, production=production)
    return department


@transaction.atomic
def department_update(*, actor, department: Department, **values: Any) -> Department:
    """Rename or reorder a department (its positions and engagements follow)."""
    department = Department.objects.select_for_update().get(pk=department.pk)
    production = department.production
    _require_catalogue_editor(actor, production)
    if "slug" in values:
        _local_slug(production, values)
    changes = save_changes(department, values, DEPARTMENT_FIELDS)
    _check_department_name(department)
    if changes:
        record(
            actor=actor,
            action="department.update",
            target=department,
            changes=changes,
            production=production,
        )
    return department


def _check_position_scope(position: Position) -> None:
    """A local position sits in a shared department or one of its own production's, and reports
    to a shared position or one of its own production's; a shared one only in shared ones."""
    allowed = {None, position.production_id}
    errors = {}
    if position.department_id and position.department.production_id not in allowed:
        errors["department"] = "Unknown department."
    if position.reports_to_id and position.reports_to.production_id not in allowed:
        errors["reports_to"] = "Unknown position."
    if not errors and position.production_id is not None:
        clash = Position.objects.shared().filter(
            department_id=position.department_id, title__iexact=position.title
        )
        if clash.exists():
            message = f"“{position.title}” is already a position of the shared catalogue."
            errors["title"] = ValidationError(message, code="duplicate")
    if errors:
        raise ValidationError(errors)


def _check_position_chain(position: Position) -> None:
    """A position's default superior chain never comes back to the position."""
    node, seen = position.reports_to, {position.pk}
    while node is not None:
        if node.pk in seen:
            message = f"{position.reports_to} already reports to {position}: that makes a cycle."
            raise ValidationError({"reports_to": ValidationError(message, code="cycle")})
        seen.add(node.pk)
        node = node.reports_to


@transaction.atomic
def position_create(*, actor, production: Production | None = None, **values: Any) -> Position:
    """Add a position with its responsibilities, key flag, experience and default superior:
    to the shared catalogue, or local to a production."""
    _require_catalogue_editor(actor, production)
    position = Position(production=production)
    save_changes(position, values, POSITION_FIELDS)
    _check_position_scope(position)  # after the save: a refusal rolls the transaction back
    record(actor=actor, action="position.create", target=position, production=production)
    return position


@transaction.atomic
def position_update(*, actor, position: Position, **values: Any) -> Position:
    """Change a position of the catalogue (titles may change; engagements keep their position)."""
    position = Position.objects.select_for_update().get(pk=position.pk)
    _require_catalogue_editor(actor, position.production)
    changes = save_changes(position, values, POSITION_FIELDS)
    _check_position_scope(position)  # after the save: a refusal rolls the transaction back
    _check_position_chain(position)
    if changes:
        record(
            actor=actor,
            action="position.update",
            target=position,
            changes=changes,
            production=position.production,
        )
    return position
