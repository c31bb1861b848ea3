"""Admin: a read-only window on the audit log (and the read-only base other apps reuse)."""

from __future__ import annotations

from django.contrib import admin

from prodoffice.audit.models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """Browse only: every write goes through a service, which audits it."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The append-only log."""

    list_display = ("created_at", "actor_label", "source", "action", "target_label", "production")
    list_filter = ("source", "action")
    search_fields = ("target_label", "actor_label", "request_id")
    date_hierarchy = "created_at"
    list_select_related = ("production",)
