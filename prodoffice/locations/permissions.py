"""Pure permission functions of the locations app."""

from __future__ import annotations

from prodoffice.accounts.permissions import is_office, sees_whole_production


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
