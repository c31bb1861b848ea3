"""Pure permission functions of the locations app."""

from __future__ import annotations

from prodoffice.accounts.choices import Role
from prodoffice.accounts.permissions import (
    headed_department,
    is_office,
    role_in,
    sees_whole_production,
)


def can_manage_locations(user, production) -> bool:
    """Locations, their dates and the set mapping: the production office (system calls: None)."""
    if user is None:
        return True
    return bool(user.is_authenticated and (user.is_superuser or is_office(user, production.pk)))


def can_view_locations(user, production) -> bool:
    """The production-wide roles read locations."""
    if user is None:
        return True
    return bool(
        user.is_authenticated and (user.is_superuser or sees_whole_production(user, production.pk))
    )


def can_view_location_money(user, production) -> bool:
    """Fees and deposits are the office's business."""
    return can_manage_locations(user, production)


def can_draft_paperwork(user, production) -> bool:
    """Production assistants and the rest of the office draft documents, apply and upload."""
    return can_manage_locations(user, production)


def can_approve_paperwork(user, production) -> bool:
    """Only the production manager approves paperwork (the approval is audited)."""
    if user is None or not user.is_authenticated:
        return False
    return role_in(user, production.pk) == Role.PRODUCTION_MANAGER


def can_view_document(user, document) -> bool:
    """The office; the head of the document's department (not releases or minors' permits);
    the person the document names."""
    if user is None:
        return True
    if not user.is_authenticated:
        return False
    if user.is_superuser or is_office(user, document.production_id):
        return True
    if document.person_id and document.person.user_id == user.pk:
        return True
    department = headed_department(user, document.production_id)
    return bool(department and department == document.department_id and not document.is_personal)


def can_manage_rule(user, rule) -> bool:
    """Shared example rules: administrators; a production's own rules: its office."""
    if user is None:
        return True
    if not user.is_authenticated:
        return False
    if rule.production_id is None:
        return user.is_superuser
    return user.is_superuser or is_office(user, rule.production_id)
