"""The append-only audit log, written by services in the same transaction as the change."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from prodoffice.audit.querysets import AuditEventQuerySet


class AuditEvent(models.Model):
    """One recorded change: who, when, from where, to what, and which fields moved."""

    class Source(models.TextChoices):
        WEB = "web", "Web"
        API = "api", "API"
        CLI = "cli", "CLI"
        SYSTEM = "system", "System"

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=8, choices=Source.choices)
    request_id = models.CharField(max_length=64, blank=True, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    action = models.CharField(max_length=64)
    production = models.ForeignKey(
        "productions.Production",
        on_delete=models.SET_NULL,
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

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
            models.Index(fields=["production", "-created_at"], name="audit_production_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only")
