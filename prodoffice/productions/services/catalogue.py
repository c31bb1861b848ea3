"""The shared department and position catalogue: departments and positions added and changed."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.accounts import permissions as perms
from prodoffice.audit.services import record
from prodoffice.core.services import require, save_changes
from prodoffice.productions.models import Department, Position

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


def _require_catalogue_editor(actor) -> None:
    """The catalogue is shared by every production: office staff and site admins edit it."""
    if actor is not None:
        require(
            actor.is_superuser or perms.is_office_anywhere(actor),
            "Only production office staff edit the department and position catalogue.",
        )


@transaction.atomic
def department_create(*, actor, **values: Any) -> Department:
    """Add a department to the catalogue."""
    _require_catalogue_editor(actor)
    department = Department()
    save_changes(department, values, DEPARTMENT_FIELDS)
    record(actor=actor, action="department.create", target=department)
    return department


@transaction.atomic
def department_update(*, actor, department: Department, **values: Any) -> Department:
    """Rename or reorder a department (its positions and engagements follow)."""
    _require_catalogue_editor(actor)
    changes = save_changes(department, values, DEPARTMENT_FIELDS)
    if changes:
        record(actor=actor, action="department.update", target=department, changes=changes)
    return department


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
def position_create(*, actor, **values: Any) -> Position:
    """Add a position with its responsibilities, key flag, experience and default superior."""
    _require_catalogue_editor(actor)
    position = Position()
    save_changes(position, values, POSITION_FIELDS)
    record(actor=actor, action="position.create", target=position)
    return position


@transaction.atomic
def position_update(*, actor, position: Position, **values: Any) -> Position:
    """Change a position of the catalogue (titles may change; engagements keep their position)."""
    _require_catalogue_editor(actor)
    position = Position.objects.select_for_update().get(pk=position.pk)
    changes = save_changes(position, values, POSITION_FIELDS)
    _check_position_chain(position)
    if changes:
        record(actor=actor, action="position.update", target=position, changes=changes)
    return position
