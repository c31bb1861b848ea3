"""Who sees which audit events."""

from __future__ import annotations

from django.db import models

from prodoffice.accounts.choices import OFFICE_ROLES
from prodoffice.accounts.permissions import production_ids


class AuditEventQuerySet(models.QuerySet):
    """Audit events scoped to what a user may read."""

    def for_user(self, user, action: str = "view"):
        """Office staff read their productions' history; nobody else reads the log."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(production_id__in=production_ids(user, OFFICE_ROLES))

    def for_object(self, obj):
        """The history of one object."""
        return self.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))
