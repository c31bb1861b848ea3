"""Permission-aware querysets of the language desk: one `for_user()` per model.

The production-wide roles (office, department heads, studio executives) read the language desk;
the office changes it. Linguists' rates are the office's business (permissions.can_view_rates).
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


class LinguistPairQuerySet(ProductionScopedQuerySet):
    """Language pairs, through their linguist."""

    production_path = "linguist__production"

    def for_pair(self, source: str, target: str):
        """Pairs from one language into another, the most experienced first."""
        return self.filter(source__iexact=source, target__iexact=target).order_by(
            "-years_experience", "linguist__name"
        )


class SubtitleVersionQuerySet(ProductionScopedQuerySet):
    """Versions, through their subtitle file."""

    production_path = "subtitle_file__production"


class CutImpactQuerySet(ProductionScopedQuerySet):
    """Cut impacts, through their subtitle version."""

    production_path = "subtitle_version__subtitle_file__production"
