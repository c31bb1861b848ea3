"""Pure permission functions over companies (people's own rules live in accounts.permissions)."""

from __future__ import annotations

from prodoffice.accounts import permissions as perms
from prodoffice.people.querysets import company_production_ids


def company_productions(company) -> set[int]:
    """The productions that reference the company (cached on the row for one request)."""
    cached = getattr(company, "production_ids_cache", None)
    if cached is None:
        cached = company_production_ids([company.pk]).get(company.pk, set())
        company.production_ids_cache = cached
    return cached


def can_edit_company(user, company) -> bool:
    """Office staff of the single production that references the company; a company shared by
    several productions (or by none yet) is changed by site administrators only."""
    if user.is_superuser:
        return True
    productions = company_productions(company)
    return len(productions) == 1 and perms.is_office(user, next(iter(productions)))


def can_use_company(user, company) -> bool:
    """Whether the user may name the company on something (an agent, a contact): they see it."""
    if user.is_superuser:
        return True
    return type(company).objects.for_user(user).filter(pk=company.pk).exists()
