"""Who sees which memberships."""

from __future__ import annotations

from django.db import models

from prodoffice.accounts.choices import OFFICE_ROLES
from prodoffice.accounts.permissions import production_ids


class MembershipQuerySet(models.QuerySet):
    """Memberships: the office of a production sees and manages its memberships."""

    def for_user(self, user, action: str = "view"):
        """Office staff see their productions' memberships; nobody else lists them."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(production_id__in=production_ids(user, OFFICE_ROLES))


class ReferenceDataQuerySet(models.QuerySet):
    """Shared reference data (companies, the department and position catalogue)."""

    def for_user(self, user, action: str = "view"):
        """Any member of a production reads it; office staff of any production change it."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        roles = None if action == "view" else OFFICE_ROLES
        return self if production_ids(user, roles) else self.none()
