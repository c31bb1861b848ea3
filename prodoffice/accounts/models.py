"""Users and their memberships of productions."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from prodoffice.accounts.choices import Role
from prodoffice.accounts.querysets import MembershipQuerySet
from prodoffice.core.models import TimeStampedModel
from prodoffice.core.text import BidiRefusingModel


class User(BidiRefusingModel, AbstractUser):
    """A person who signs in; linked to a directory person for self-service."""

    bidi_names = ("first_name", "last_name")
    bidi_identifiers = ("username",)

    class Meta:
        ordering = ["username"]
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_unique_email_ci",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(TimeStampedModel):
    """A user's role in one production; department heads are bound to their department."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    department = models.ForeignKey(
        "productions.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Required for department heads: the department they run.",
    )
    can_countersign = models.BooleanField(
        default=False, help_text="Office signatory: may countersign contracts."
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["production", "role", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "production"], name="accounts_membership_one_per_production"
            ),
            models.CheckConstraint(
                condition=~models.Q(role=Role.DEPARTMENT_HEAD) | models.Q(department__isnull=False),
                name="accounts_membership_head_has_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} on {self.production_id}"
