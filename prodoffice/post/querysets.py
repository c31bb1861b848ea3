"""Permission-aware querysets of the post app: one `for_user()` per model.

Production-wide roles view; office staff and post supervisors change. Tasks and bookings are
also visible to the people they are assigned to (editors and mixers see their own work).
"""

from __future__ import annotations

from django.db import models

from prodoffice.accounts.choices import PRODUCTION_WIDE_ROLES
from prodoffice.accounts.permissions import production_ids
from prodoffice.post.permissions import post_manager_production_ids


class PostScopedQuerySet(models.QuerySet):
    """Rows reached from a production through `production_path`."""

    production_path = "production"

    def for_user(self, user, action: str = "view"):
        """Production-wide roles view; office staff and post supervisors change."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if action == "view":
            ids = set(production_ids(user, PRODUCTION_WIDE_ROLES))
            ids |= set(post_manager_production_ids(user))
        else:
            ids = set(post_manager_production_ids(user))
        return self.filter(**{f"{self.production_path}_id__in": sorted(ids)})

    def in_production(self, production):
        """Rows of one production."""
        return self.filter(**{f"{self.production_path}_id": production.pk})


class CutQuerySet(PostScopedQuerySet):
    """Cuts of a production."""


class CutVersionQuerySet(PostScopedQuerySet):
    """Versions, through their cut."""

    production_path = "cut__production"


class CutEventQuerySet(PostScopedQuerySet):
    """Events, through their version's cut."""

    production_path = "version__cut__production"


class FacilityQuerySet(PostScopedQuerySet):
    """Facilities (in-house or vendors) a production books rooms at."""


class RoomQuerySet(PostScopedQuerySet):
    """Rooms, through their facility."""

    production_path = "facility__production"

    def for_user(self, user, action: str = "view"):
        """Whoever sees their own post work sees the rooms it happens in."""
        if action != "view" or user is None or not user.is_authenticated or user.is_superuser:
            return super().for_user(user, action)
        from prodoffice.accounts.permissions import production_ids as member_of

        return self.filter(facility__production_id__in=member_of(user))

    def bookable(self):
        """Rooms not in maintenance."""
        return self.filter(in_maintenance=False)


class _OwnWorkQuerySet(PostScopedQuerySet):
    """Rows also visible to the people they are assigned to (editors, mixers, cast at ADR)."""

    person_path = ""

    def for_user(self, user, action: str = "view"):
        scoped = super().for_user(user, action)
        if action != "view" or user is None or not user.is_authenticated or user.is_superuser:
            return scoped
        own = self.filter(**{f"{self.person_path}__person__user": user})
        return (scoped | own).distinct()


class PostTaskQuerySet(_OwnWorkQuerySet):
    """Post tasks; the assignee sees their own."""

    person_path = "assignee"


class BookingQuerySet(_OwnWorkQuerySet):
    """Room bookings; the people booked see theirs."""

    person_path = "engagements"

    def confirmed(self):
        """Bookings at the confirmed level (the ones that cannot overlap)."""
        return self.filter(level="confirmed")

    def overlapping(self, start, end):
        """Bookings that share a moment with [start, end)."""
        return self.filter(start__lt=end, end__gt=start)


class DeliveryScheduleQuerySet(PostScopedQuerySet):
    """Delivery schedules per territory or distributor."""


class DeliverableQuerySet(PostScopedQuerySet):
    """Deliverables, through their schedule."""

    production_path = "schedule__production"


class RoomFeedQuerySet(PostScopedQuerySet):
    """Secret calendar links of rooms, through their room's facility."""

    production_path = "room__facility__production"

    def active(self):
        """Links not revoked."""
        return self.filter(revoked_at__isnull=True)


class AdrCueQuerySet(PostScopedQuerySet):
    """ADR cues of a production."""


class VfxShotQuerySet(PostScopedQuerySet):
    """VFX shots of a production."""
