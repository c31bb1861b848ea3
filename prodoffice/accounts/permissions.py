"""Pure permission functions: who may see and do what, decided from memberships alone.

Every function reads the user's memberships once (cached on the user object for the request) and
never writes. Missing and not-yours both end in 404 at the views, through `for_user()` querysets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from prodoffice.accounts.choices import OFFICE_ROLES, PRODUCTION_WIDE_ROLES, Role

if TYPE_CHECKING:
    from prodoffice.accounts.models import Membership

_CACHE_ATTR = "_prodoffice_memberships"


def memberships(user) -> dict[int, Membership]:
    """The user's memberships by production id (cached on the user instance)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        # Through the relation: models.py imports this module (via querysets.py). With their
        # productions: the /p/<code>/ scope and the switcher read them from here, no query more.
        cached = {m.production_id: m for m in user.memberships.select_related("production")}
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user) -> None:
    """Drop the cached memberships (after a membership changes)."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def role_in(user, production_id: int | None) -> str | None:
    """The user's role in a production, or None."""
    m = memberships(user).get(production_id) if production_id else None
    return m.role if m else None


def production_ids(user, roles=None) -> list[int]:
    """Productions where the user holds one of the roles (any role when roles is None)."""
    return [pid for pid, m in memberships(user).items() if roles is None or m.role in roles]


def is_office(user, production_id: int | None) -> bool:
    """Office staff of the production: full control."""
    return role_in(user, production_id) in OFFICE_ROLES


def is_office_anywhere(user) -> bool:
    """Office staff of at least one production (may see rates and personal data there)."""
    return bool(production_ids(user, OFFICE_ROLES))


def sees_whole_production(user, production_id: int | None) -> bool:
    """Roles that see the full crew list of the production."""
    return role_in(user, production_id) in PRODUCTION_WIDE_ROLES


def is_read_only(user, production_id: int | None) -> bool:
    """Studio executives read, never write."""
    return role_in(user, production_id) == Role.STUDIO_EXECUTIVE


def headed_department(user, production_id: int | None) -> int | None:
    """The department id a department head runs in this production."""
    m = memberships(user).get(production_id) if production_id else None
    return m.department_id if m and m.role == Role.DEPARTMENT_HEAD else None


def can_view_production(user, production) -> bool:
    """Any member sees the production itself."""
    return production.pk in memberships(user)


def can_manage_production(user, production) -> bool:
    """Edit the production, change its phase, manage memberships and meetings."""
    return is_office(user, production.pk)


def is_self(user, person) -> bool:
    """The person record is the user's own."""
    return person is not None and person.user_id is not None and person.user_id == user.pk


def can_view_private_person(user, person, production_id: int | None = None) -> bool:
    """Addresses, emergency contacts, birth dates, passports: the person and office staff only.

    With a production id, office staff of that production; without, office staff of any
    production the person is engaged in (the caller passes `person_production_ids`).
    """
    if is_self(user, person):
        return True
    if production_id is not None:
        return is_office(user, production_id)
    ids = getattr(person, "production_ids_cache", None)
    if ids is None:
        ids = set(person.engagements.values_list("production_id", flat=True))
        if person.home_production_id:
            ids.add(person.home_production_id)
    return any(is_office(user, pid) for pid in ids)


def can_edit_person(user, person) -> bool:
    """The person edits their own profile; office staff edit people of their productions."""
    return can_view_private_person(user, person)


def can_view_rates(user, engagement) -> bool:
    """Rates: office staff of the production and the engaged person."""
    return is_office(user, engagement.production_id) or is_self(user, engagement.person)


def can_create_engagement(user, production, position=None) -> bool:
    """Office staff anywhere in the production; department heads within their department."""
    if is_office(user, production.pk):
        return True
    dept = headed_department(user, production.pk)
    return dept is not None and (position is None or position.department_id == dept)


def can_edit_engagement(user, engagement) -> bool:
    """Office staff, or the head of the engagement's department."""
    if is_office(user, engagement.production_id):
        return True
    dept = headed_department(user, engagement.production_id)
    return dept is not None and engagement.position.department_id == dept


def can_set_rates(user, engagement_or_production) -> bool:
    """Only office staff set pay."""
    pid = getattr(engagement_or_production, "production_id", None) or engagement_or_production.pk
    return is_office(user, pid)


def can_view_audit(user, production_id: int) -> bool:
    """The production-wide audit view is for the office."""
    return is_office(user, production_id)
