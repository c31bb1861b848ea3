"""Pure permission functions of the scheduling app."""

from __future__ import annotations

from prodoffice.accounts.permissions import is_office


def can_import_script(user, production) -> bool:
    """Office staff import drafts (system and CLI calls pass no user).

    Assistant directors will join once their engagement carries a membership role of its own;
    until then the office imports for them.
    """
    if user is None:
        return True
    return bool(user.is_authenticated and (user.is_superuser or is_office(user, production.pk)))


def can_manage_breakdown(user, production) -> bool:
    """Categories and elements: the same people who import the script."""
    return can_import_script(user, production)
