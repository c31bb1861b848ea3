"""Who sees which contracts: one permission-aware queryset per model."""

from __future__ import annotations

from django.db import models

from prodoffice.accounts.choices import OFFICE_ROLES, Role
from prodoffice.accounts.permissions import memberships, production_ids


def _visible(user, prefix: str = "") -> models.Q:
    """Office staff: every contract of their productions; parties: their own; department heads:
    the contracts of engagements in their department (existence and status, never the terms)."""
    q = models.Q(**{f"{prefix}production_id__in": production_ids(user, OFFICE_ROLES)})
    q |= models.Q(**{f"{prefix}parties__person__user": user})
    for pid, m in memberships(user).items():
        if m.role == Role.DEPARTMENT_HEAD:
            q |= models.Q(
                **{
                    f"{prefix}production_id": pid,
                    f"{prefix}engagement__position__department_id": m.department_id,
                }
            )
    return q


class ContractQuerySet(models.QuerySet):
    """Contracts: office staff of the production, the contract's parties, and department heads
    for their department's contracts; studio executives get counts through a selector."""

    def for_user(self, user, action: str = "view"):
        """View as above; change (edit, send, countersign, void): office staff only."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if action != "view":
            return self.filter(production_id__in=production_ids(user, OFFICE_ROLES))
        # A person may be a party twice (a company's signatory and themselves): distinct.
        return self.filter(_visible(user)).distinct()

    def outstanding(self):
        """Out for signature."""
        return self.filter(status__in=("sent", "partly_signed"))


class PartyQuerySet(models.QuerySet):
    """Parties: visible with their contract (evidence fields are for office and the party)."""

    def for_user(self, user, action: str = "view"):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if action != "view":
            return self.filter(contract__production_id__in=production_ids(user, OFFICE_ROLES))
        return self.filter(_visible(user, "contract__")).distinct()
