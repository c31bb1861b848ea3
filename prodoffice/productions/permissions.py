"""Pure permission functions of the productions app that go beyond the shared account rules."""

from __future__ import annotations

from prodoffice.accounts.permissions import is_office, is_self


def can_edit_availability(user, engagement) -> bool:
    """Unavailable dates: the office of the production, and the person themself (self-service)."""
    if user is None:
        return True
    if not user.is_authenticated:
        return False
    return bool(
        user.is_superuser
        or is_office(user, engagement.production_id)
        or is_self(user, engagement.person)
    )


def can_view_availability_reason(user, engagement) -> bool:
    """The reason of an unavailability is personal data: the office and the person only."""
    return can_edit_availability(user, engagement) if user is not None else True


def is_office_or_admin(user, production) -> bool:
    """The production's office, or a site admin: who runs the production's pages."""
    return user.is_superuser or is_office(user, production.pk)
