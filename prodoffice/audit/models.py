"""The append-only audit log, written by services in the same transaction as the change."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from prodoffice.audit.querysets import AuditEventQuerySet


class AuditEvent(models.Model):
    """One recorded change: who, when, from where, to what, and which fields moved.

    Each production's events form a hash chain (`seq`, `prev_hash`, `hash`; events without a
    production form one global chain); database triggers refuse UPDATE and DELETE (ADR 0013).
    The actor and the production are kept without database constraints and never cascade, so
    deleting a user or a production never has to touch a logged row; their labels are stored.
    """

    class Source(models.TextChoices):
        WEB = "web", "Web"
        API = "api", "API"
        CLI = "cli", "CLI"
        SYSTEM = "system", "System"

    # Set before the hash is computed (auto_now_add would set it after).
    created_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=8, choices=Source.choices)
    request_id = models.CharField(max_length=64, blank=True, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    action = models.CharField(max_length=64)
    production = models.ForeignKey(
        "productions.Production",
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="audit_events",
        db_constraint=False,
    )
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    target_label = models.CharField(max_length=255, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)
    seq = models.PositiveIntegerField(editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
            models.Index(fields=["production", "-created_at"], name="audit_production_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["production", "seq"], name="audit_event_unique_seq"),
            models.UniqueConstraint(
                fields=["seq"],
                condition=models.Q(production__isnull=True),
                name="audit_event_unique_global_seq",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only")


class AuditChainHead(models.Model):
    """The last link of one audit chain; appending locks this row, so chains cannot fork.

    `chain` is the production's primary key, or 0 for the global chain of events without one.
    """

    chain = models.BigIntegerField(unique=True)
    seq = models.PositiveIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"audit chain {self.chain} at seq {self.seq}"
