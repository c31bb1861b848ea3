"""Permission-aware querysets of the scheduling app: one `for_user()` per model.

The script and its breakdown are read by the production-wide roles (office, department heads,
studio executives) and the assistant directors, and changed by office staff and the assistant
directors; other crew and cast see none of it yet (their own
schedule reaches them through call sheets and the day-out-of-days).
"""

from __future__ import annotations

from django.db import models

from prodoffice.accounts.choices import OFFICE_ROLES
from prodoffice.accounts.permissions import production_ids
from prodoffice.scheduling.permissions import schedule_production_ids


def _visible_productions(user, action: str) -> list[int] | None:
    """Production ids the user may read (view) or change; None means all (superuser).

    Assistant directors read and change their production's schedule whatever their role.
    """
    if user.is_superuser:
        return None
    return schedule_production_ids(user, action)


class ProductionScopedQuerySet(models.QuerySet):
    """Rows reached from a production through `production_path`."""

    production_path = "production"

    def for_user(self, user, action: str = "view"):
        """Production-wide roles and ADs view; office staff and ADs change."""
        if user is None or not user.is_authenticated:
            return self.none()
        ids = _visible_productions(user, action)
        if ids is None:
            return self
        return self.filter(**{f"{self.production_path}_id__in": ids})

    def in_production(self, production):
        """Rows of one production."""
        return self.filter(**{f"{self.production_path}_id": production.pk})


class ScriptQuerySet(ProductionScopedQuerySet):
    """Script drafts."""

    def current(self):
        """The current draft of each production."""
        return self.filter(is_current=True)


class SceneQuerySet(ProductionScopedQuerySet):
    """Scenes, through their script."""

    production_path = "script__production"

    def in_play(self):
        """Scenes not omitted."""
        return self.filter(omitted=False)


class CategoryQuerySet(ProductionScopedQuerySet):
    """Breakdown categories of a production."""


class ElementQuerySet(ProductionScopedQuerySet):
    """Breakdown elements of a production."""

    def needing_review(self):
        """Cast elements created from a character name without an engagement."""
        return self.filter(needs_review=True)


class SceneLinkQuerySet(ProductionScopedQuerySet):
    """Scene-element and speaking-character links, through the scene's script."""

    production_path = "scene__script__production"


class BoardQuerySet(ProductionScopedQuerySet):
    """Stripboards of a production (read like the breakdown, changed by the office)."""

    def working(self):
        """The working board of each production."""
        return self.filter(is_working=True)


class StripQuerySet(ProductionScopedQuerySet):
    """Strips, through their board."""

    production_path = "board__production"


class FeedTokenQuerySet(models.QuerySet):
    """Calendar feeds: the office sees its productions' feeds, everyone else their own."""

    def for_user(self, user, action: str = "view"):
        """Office staff: every feed of their productions; others: feeds of their own person."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        office = production_ids(user, OFFICE_ROLES)
        return self.filter(models.Q(production_id__in=office) | models.Q(person__user=user))

    def in_production(self, production):
        """Feeds of one production."""
        return self.filter(production_id=production.pk)

    def active(self):
        """Feeds not revoked."""
        return self.filter(revoked_at__isnull=True)


class OptimizationRunQuerySet(ProductionScopedQuerySet):
    """Optimizer runs, through their board: read by the board's readers."""

    production_path = "board__production"
