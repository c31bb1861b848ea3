"""One permission-aware queryset per model, used by every list, detail, API, filter and export."""

from __future__ import annotations

from django.db import models

from prodoffice.accounts.choices import OFFICE_ROLES, PRODUCTION_WIDE_ROLES, Role
from prodoffice.accounts.permissions import memberships, production_ids


class ProductionQuerySet(models.QuerySet):
    """Productions a user is a member of."""

    def for_user(self, user, action: str = "view"):
        """Members view; office staff change."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        roles = None if action == "view" else OFFICE_ROLES
        return self.filter(pk__in=production_ids(user, roles))


class EngagementQuerySet(models.QuerySet):
    """Engagements: the whole list for production-wide roles, one's own for crew and cast."""

    def for_user(self, user, action: str = "view"):
        """View: office, department heads and executives see all; crew and cast their own.
        Change: office staff, department heads within their department."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if action == "view":
            wide = production_ids(user, PRODUCTION_WIDE_ROLES)
            return self.filter(models.Q(production_id__in=wide) | models.Q(person__user=user))
        q = models.Q(production_id__in=production_ids(user, OFFICE_ROLES))
        for pid, m in memberships(user).items():
            if m.role == Role.DEPARTMENT_HEAD:
                q |= models.Q(production_id=pid, position__department_id=m.department_id)
        return self.filter(q)

    def active(self):
        """Confirmed engagements."""
        return self.filter(status="confirmed")


class UnavailabilityQuerySet(models.QuerySet):
    """Unavailability ranges: read with the engagement; changed by the office and the person."""

    def for_user(self, user, action: str = "view"):
        """View: whoever reads the engagement. Change: office staff, and the person themself."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if action == "view":
            # The engagement model through the relation: models.py imports this module.
            engagements = self.model._meta.get_field("engagement").related_model.objects
            return self.filter(engagement__in=engagements.for_user(user, "view"))
        office = production_ids(user, OFFICE_ROLES)
        return self.filter(
            models.Q(engagement__production_id__in=office) | models.Q(engagement__person__user=user)
        )


class MeetingQuerySet(models.QuerySet):
    """Meetings: production-wide roles see all; crew and cast the ones they are invited to."""

    def for_user(self, user, action: str = "view"):
        """Office staff change meetings."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if action != "view":
            return self.filter(production_id__in=production_ids(user, OFFICE_ROLES))
        wide = production_ids(user, PRODUCTION_WIDE_ROLES)
        return self.filter(
            models.Q(production_id__in=wide) | models.Q(attendances__engagement__person__user=user)
        ).distinct()


class CatalogueQuerySet(models.QuerySet):
    """Departments and positions: the shared catalogue plus each production's local entries."""

    def for_user(self, user, action: str = "view"):
        """View: members read the shared catalogue and their productions' local entries.
        Change: site administrators the shared catalogue; office staff their production's own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if action == "view":
            pids = production_ids(user)
            if not pids:
                return self.none()
            return self.filter(models.Q(production__isnull=True) | models.Q(production_id__in=pids))
        return self.filter(production_id__in=production_ids(user, OFFICE_ROLES))

    def for_production(self, production):
        """What one production works with: the shared catalogue and its own local entries."""
        pid = getattr(production, "pk", production)
        return self.filter(models.Q(production__isnull=True) | models.Q(production_id=pid))

    def shared(self):
        """The shared catalogue only."""
        return self.filter(production__isnull=True)
