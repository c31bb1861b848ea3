"""Pure permission functions of the language desk."""

from __future__ import annotations

from prodoffice.accounts.permissions import is_office, sees_whole_production


def can_manage_languages(user, production) -> bool:
    """Languages, linguists, work, subtitle files, glossary and dubbing: the production office
    (system calls: None)."""
    if user is None:
        return True
    return bool(user.is_authenticated and (user.is_superuser or is_office(user, production.pk)))


def can_view_languages(user, production) -> bool:
    """The production-wide roles read the language desk."""
    if user is None:
        return True
    return bool(
        user.is_authenticated and (user.is_superuser or sees_whole_production(user, production.pk))
    )


def can_view_rates(user, production) -> bool:
    """Linguists' rates are the office's business."""
    return can_manage_languages(user, production)
