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
