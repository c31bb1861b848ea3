"""Who sees which audit events."""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models.functions import Cast

from prodoffice.accounts.choices import OFFICE_ROLES
from prodoffice.accounts.permissions import production_ids

#: The shared catalogue, whose history every office reads (local entries are recorded with
#: their production; companies are read like people, through the productions using them).
SHARED_TARGETS = ("productions.department", "productions.position")


class AuditEventQuerySet(models.QuerySet):
    """Audit events scoped to what a user may read."""

    def for_user(self, user, action: str = "view"):
        """Office staff read their productions' history, the shared catalogue's, and the
        production-independent history of the people and companies their productions use."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        office = production_ids(user, OFFICE_ROLES)
        if not office:
            return self.none()
        # Looked up by label: audit sits below people in the import direction.
        person_model = apps.get_model("people", "Person")
        people = (
            person_model.objects.filter(
                models.Q(engagements__production_id__in=office)
                | models.Q(home_production_id__in=office)
            )
            .annotate(key=Cast("pk", models.CharField()))
            .values("key")
        )
        company_model = apps.get_model("people", "Company")
        companies = (
            company_model.objects.referenced_by(office)
            .annotate(key=Cast("pk", models.CharField()))
            .values("key")
        )
        independent = models.Q(production__isnull=True) & (
            models.Q(target_type__in=SHARED_TARGETS)
            | models.Q(target_type="people.person", target_id__in=people)
            | models.Q(target_type="people.company", target_id__in=companies)
        )
        return self.filter(models.Q(production_id__in=office) | independent)

    def for_object(self, obj):
        """The history of one object."""
        return self.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))
