"""Pure permission functions of the post app.

Post supervisors are department heads of a post department (editorial, sound post, mastering,
acoustics): with the production office they manage post. Production-wide roles read it; editors
and mixers (crew) see their own tasks and bookings through the querysets.
"""

from __future__ import annotations

from prodoffice.accounts.choices import OFFICE_ROLES, PRODUCTION_WIDE_ROLES, Role
from prodoffice.accounts.permissions import memberships, production_ids, role_in

#: Catalogue departments whose heads run post (slugs of productions/catalogue.py).
POST_DEPARTMENTS = frozenset({"editorial", "sound-post", "mastering", "acoustics", "vfx"})


def heads_post(user, production_id: int | None) -> bool:
    """The user is the head of a post department of this production (a post supervisor)."""
    m = memberships(user).get(production_id) if production_id else None
    if m is None or m.role != Role.DEPARTMENT_HEAD or m.department_id is None:
        return False
    return m.department.slug in POST_DEPARTMENTS


def post_manager_production_ids(user) -> list[int]:
    """Productions where the user manages post: office roles and post supervisors."""
    office = set(production_ids(user, OFFICE_ROLES))
    return sorted(office | {pid for pid in memberships(user) if heads_post(user, pid)})


def can_manage_post(user, production) -> bool:
    """Office staff and post supervisors (system calls: None)."""
    if user is None:
        return True
    if not user.is_authenticated:
        return False
    pid = production.pk
    return bool(user.is_superuser or role_in(user, pid) in OFFICE_ROLES or heads_post(user, pid))


def can_view_post(user, production) -> bool:
    """Production-wide roles read the whole of post."""
    if user is None:
        return True
    return bool(
        user.is_authenticated
        and (user.is_superuser or role_in(user, production.pk) in PRODUCTION_WIDE_ROLES)
    )


def can_view_own_post_work(user, production) -> bool:
    """Any member of the production sees the pages that list their own tasks and bookings."""
    if user is None:
        return True
    return bool(user.is_authenticated and (user.is_superuser or production.pk in memberships(user)))
