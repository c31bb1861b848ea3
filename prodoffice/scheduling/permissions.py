"""Pure permission functions of the scheduling app.

Boards, the breakdown and script imports belong to the production office and the assistant
directors: a member whose engagement is an "Assistant Director" position of the Direction
department (1st AD, 2nd AD, 2nd 2nd AD ...), or the head of the Direction department.
"""

from __future__ import annotations

from prodoffice.accounts.choices import OFFICE_ROLES, PRODUCTION_WIDE_ROLES
from prodoffice.accounts.permissions import (
    headed_department,
    is_office,
    is_self,
    memberships,
    production_ids,
    sees_whole_production,
)

DIRECTION = "direction"
AD_TITLE = "assistant director"
_CACHE_ATTR = "_prodoffice_ad_productions"


def ad_production_ids(user) -> set[int]:
    """Productions where the user is an assistant director and not office staff (cached on the
    user for the request).

    Office roles already hold every right an assistant director has (reading and changing the
    schedule, the boards, the call sheets), so productions where the user is office staff are
    not looked up: every caller grants "office or AD", and a page of an office member asks no
    query for it."""
    members = {pid: m for pid, m in memberships(user).items() if m.role not in OFFICE_ROLES}
    if not members:
        return set()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        from prodoffice.productions.choices import EngagementStatus
        from prodoffice.productions.models import Department, Engagement

        engaged = Engagement.objects.filter(
            person__user=user,
            production_id__in=list(members),
            position__department__slug=DIRECTION,
            position__title__icontains=AD_TITLE,
        ).exclude(status=EngagementStatus.RELEASED)
        cached = set(engaged.values_list("production_id", flat=True))
        heads = {pid: headed_department(user, pid) for pid in members}
        heads = {pid: dept for pid, dept in heads.items() if dept is not None}
        if heads:  # only department heads need the Direction department's id
            direction = Department.objects.filter(slug=DIRECTION).values_list("pk", flat=True)
            direction_id = direction.first()
            cached |= {pid for pid, dept in heads.items() if dept == direction_id}
        setattr(user, _CACHE_ATTR, cached)
    return cached


def is_assistant_director(user, production_id: int | None) -> bool:
    """An assistant director (or the head of Direction) of this production who is not office
    staff there (office staff hold every right of an AD already: `ad_production_ids`)."""
    return production_id is not None and production_id in ad_production_ids(user)


def schedule_production_ids(user, action: str = "view") -> list[int]:
    """Productions whose schedule the user reads (view) or changes (change)."""
    roles = PRODUCTION_WIDE_ROLES if action == "view" else OFFICE_ROLES
    return sorted(set(production_ids(user, roles)) | ad_production_ids(user))


def can_view_schedule(user, production) -> bool:
    """The script, boards and DOOD: production-wide roles and assistant directors."""
    if user is None or not user.is_authenticated:
        return False
    return bool(
        user.is_superuser
        or sees_whole_production(user, production.pk)
        or is_assistant_director(user, production.pk)
    )


def can_edit_boards(user, production) -> bool:
    """Office staff and assistant directors (and the system, with no user) edit boards."""
    if user is None:
        return True
    return bool(
        user.is_authenticated
        and (
            user.is_superuser
            or is_office(user, production.pk)
            or is_assistant_director(user, production.pk)
        )
    )


def can_import_script(user, production) -> bool:
    """Office staff and assistant directors import drafts (system and CLI calls pass no user)."""
    return can_edit_boards(user, production)


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
