"""Permission-aware querysets of the call sheets app: one `for_user()` per model."""

from __future__ import annotations

from django.db import models

from prodoffice.scheduling.permissions import schedule_production_ids


class ProductionScopedQuerySet(models.QuerySet):
    """Rows reached from a production through `production_path`: the schedule's readers view,
    the office and the assistant directors change."""

    production_path = "production"

    def for_user(self, user, action: str = "view"):
        """Readers of the schedule view; office staff and ADs change."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        ids = schedule_production_ids(user, "view" if action == "view" else "change")
        return self.filter(**{f"{self.production_path}_id__in": ids})

    def in_production(self, production):
        """Rows of one production."""
        return self.filter(**{f"{self.production_path}_id": production.pk})


class CallSheetQuerySet(ProductionScopedQuerySet):
    """Call sheet versions."""

    def published(self):
        """Versions that went out and are still current."""
        return self.filter(status="published")


class CallRowQuerySet(ProductionScopedQuerySet):
    """Department and personal calls, through their sheet."""

    production_path = "sheet__production"


class RecipientQuerySet(ProductionScopedQuerySet):
    """Recipients, through their sheet."""

    production_path = "sheet__production"
