"""The audit log, read-only, for the office of each production."""

from __future__ import annotations

from rest_framework import serializers

from prodoffice.api.base import INT_RE, ListRetrieveMixin, ScopedViewSet
from prodoffice.audit.filters import AuditEventFilter
from prodoffice.audit.models import AuditEvent


class AuditEventSerializer(serializers.ModelSerializer):
    """One recorded change."""

    actor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    production = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    changes = serializers.JSONField(read_only=True)

    class Meta:
        model = AuditEvent
        fields = (
            "id",
            "created_at",
            "actor",
            "actor_label",
            "source",
            "request_id",
            "action",
            "production",
            "target_type",
            "target_id",
            "target_label",
            "changes",
            "message",
        )
        read_only_fields = fields


class AuditEventViewSet(ListRetrieveMixin, ScopedViewSet):
    """History of the productions the caller runs (office staff only)."""

    model = AuditEvent
    lookup_field = "pk"
    lookup_value_regex = INT_RE
    output_serializer_class = AuditEventSerializer
    filterset_class = AuditEventFilter
    ordering_aliases = {"created": ("created_at",)}
    ordering = ("-created_at",)

    def optimise(self, queryset):
        return queryset.select_related("actor", "production")
