"""Permission-aware querysets of the locations app: one `for_user()` per model.

Locations are read by the production-wide roles (office, department heads, studio executives)
and changed by the office; crew and cast meet them on their call sheets.
"""

from __future__ import annotations

from django.db import models

from prodoffice.accounts.choices import OFFICE_ROLES, PRODUCTION_WIDE_ROLES, Role
from prodoffice.accounts.permissions import memberships, production_ids


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


class CandidateVenueQuerySet(ProductionScopedQuerySet):
    """Locations considered for a set, with their prices."""


class LocationDayQuerySet(ProductionScopedQuerySet):
    """Days a location is used, through the location."""

    production_path = "location__production"


class LocationPhotoQuerySet(ProductionScopedQuerySet):
    """Scouting photos, through the location."""

    production_path = "location__production"


class JurisdictionRuleQuerySet(models.QuerySet):
    """Permit offices' rules: shared examples (no production) and each production's own."""

    def for_user(self, user, action: str = "view"):
        """Shared rules are read by everyone signed in and changed by administrators; a
        production's own by its office (read by the production-wide roles)."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        roles = PRODUCTION_WIDE_ROLES if action == "view" else OFFICE_ROLES
        mine = models.Q(production_id__in=production_ids(user, roles))
        if action == "view":
            mine |= models.Q(production__isnull=True)
        return self.filter(mine)

    def available_to(self, production):
        """The shared rules and the production's own."""
        return self.filter(models.Q(production__isnull=True) | models.Q(production=production))


class DocumentQuerySet(models.QuerySet):
    """Legal documents: the office reads and changes all of its production's; a department head
    reads those of the department (never releases or minors' permits); a person reads the ones
    naming them. Everyone else sees none."""

    def for_user(self, user, action: str = "view"):
        """The one permission-aware entry point of every list, detail, export and API call."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        rows = models.Q(production_id__in=production_ids(user, OFFICE_ROLES))
        if action == "view":
            rows |= self._department_rows(user) | models.Q(person__user_id=user.pk)
        return self.filter(rows)

    @staticmethod
    def _department_rows(user) -> models.Q:
        from prodoffice.locations.choices import PERSONAL_KINDS

        rows = models.Q(pk__in=[])
        for production_id, membership in memberships(user).items():
            if membership.role == Role.DEPARTMENT_HEAD and membership.department_id:
                rows |= models.Q(
                    production_id=production_id, department_id=membership.department_id
                )
        return rows & ~models.Q(kind__in=PERSONAL_KINDS)

    def in_production(self, production):
        """Documents of one production."""
        return self.filter(production_id=production.pk)

    def expiring_within(self, start, end):
        """Documents whose expiry date lies between start and end (inclusive)."""
        return self.filter(expiry_date__gte=start, expiry_date__lte=end)


class DocumentFileQuerySet(models.QuerySet):
    """Stored versions: whoever reads the document reads its files."""

    def for_user(self, user, action: str = "view"):
        """Through the document's own rules."""
        documents = self.model._meta.get_field("document").related_model
        return self.filter(document__in=documents.objects.for_user(user, action).values("pk"))
