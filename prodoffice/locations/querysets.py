"""Permission-aware querysets of the locations app: one `for_user()` per model.

Locations are read by the production-wide roles (office, department heads, studio executives)
and changed by the office; crew and cast meet them on their call sheets.
"""

from __future__ import annotations

from django.db import models

from prodoffice.accounts.choices import OFFICE_ROLES, PRODUCTION_WIDE_ROLES
from prodoffice.accounts.permissions import production_ids


class ProductionScopedQuerySet(models.QuerySet):
    """Rows reached from a production through `production_path`."""

    production_path = "production"

    def for_user(self, user, action: str = "view"):
        """Production-wide roles view; office staff change."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        roles = PRODUCTION_WIDE_ROLES if action == "view" else OFFICE_ROLES
        return self.filter(**{f"{self.production_path}_id__in": production_ids(user, roles)})

    def in_production(self, production):
        """Rows of one production."""
        return self.filter(**{f"{self.production_path}_id": production.pk})


class LocationQuerySet(ProductionScopedQuerySet):
    """Locations of a production."""


class LocationUnavailabilityQuerySet(ProductionScopedQuerySet):
    """Dates a location cannot be used, through the location."""

    production_path = "location__production"


class SetLocationQuerySet(ProductionScopedQuerySet):
    """Which location stands for which set of the script."""
