"""Pure permission functions of the scheduling app."""

from __future__ import annotations

from prodoffice.accounts.permissions import is_office, is_self, sees_whole_production


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


def can_manage_production_feeds(user, production) -> bool:
    """Production feeds (every shoot day): the office creates and revokes them."""
    return can_import_script(user, production)


def can_manage_person_feed(user, production, person) -> bool:
    """A person's own feed: the person (with an engagement here); the office may revoke it."""
    if user is None:
        return True
    if not user.is_authenticated or person is None:
        return False
    return is_self(user, person) and person.engagements.filter(production=production).exists()


def can_read_schedule(user, production) -> bool:
    """The script, breakdown and boards: the production-wide roles (and the system)."""
    if user is None:
        return True
    if not user.is_authenticated:
        return False
    return user.is_superuser or sees_whole_production(user, production.pk)
