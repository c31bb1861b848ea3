"""Pure permission functions of the call sheets app.

The full sheet is read by whoever reads the schedule (production-wide roles, assistant
directors); drafts are built, edited, published and sent by the office and the assistant
directors; open warnings are overridden by the production manager only. Crew and cast see
their own calls (My schedule, their personal link), never the full sheet.
"""

from __future__ import annotations

from prodoffice.accounts.choices import Role
from prodoffice.accounts.permissions import memberships, role_in
from prodoffice.scheduling.permissions import can_edit_boards, can_view_schedule


def can_view_callsheets(user, production) -> bool:
    """The full call sheets of a production."""
    if user is None:
        return True
    return can_view_schedule(user, production)


def can_edit_callsheets(user, production) -> bool:
    """Build, edit, publish and send: the office and the assistant directors."""
    return can_edit_boards(user, production)


def can_override_warnings(user, production) -> bool:
    """Publishing with open warnings: the production manager (or the system, for the CLI)."""
    if user is None:
        return True
    if not user.is_authenticated:
        return False
    return user.is_superuser or role_in(user, production.pk) == Role.PRODUCTION_MANAGER


def can_view_own_schedule(user, production) -> bool:
    """Any member of the production has a My schedule page."""
    return bool(user is not None and production.pk in memberships(user))
