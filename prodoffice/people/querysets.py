"""Who sees which people and companies."""

from __future__ import annotations

from django.db import models

from prodoffice.accounts.choices import OFFICE_ROLES, PRODUCTION_WIDE_ROLES
from prodoffice.accounts.permissions import production_ids
from prodoffice.accounts.querysets import ReferenceDataQuerySet


class PersonQuerySet(models.QuerySet):
    """People scoped by the productions a user may see."""

    def for_user(self, user, action: str = "view"):
        """Self always; production-wide roles see their productions' people; office also edits."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        roles = OFFICE_ROLES if action != "view" else PRODUCTION_WIDE_ROLES
        pids = production_ids(user, roles)
        office = production_ids(user, OFFICE_ROLES)
        return self.filter(
            models.Q(user=user)
            | models.Q(engagements__production_id__in=pids)
            | models.Q(home_production_id__in=office)
        ).distinct()

    def search(self, text: str):
        """Case-insensitive match on first, last or known-as name and e-mail (web and API)."""
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            models.Q(first_name__icontains=text)
            | models.Q(last_name__icontains=text)
            | models.Q(known_as__icontains=text)
            | models.Q(email__icontains=text)
        )


class CompanyQuerySet(ReferenceDataQuerySet):
    """Companies are shared reference data: any member of a production reads them."""
