"""Admin: read-only views of productions, the catalogue, engagements and meetings."""

from __future__ import annotations

from django.contrib import admin

from prodoffice.audit.admin import ReadOnlyAdmin
from prodoffice.productions.models import Department, Engagement, Meeting, Position, Production


@admin.register(Production)
class ProductionAdmin(ReadOnlyAdmin):
    """Productions."""

    list_display = ("code", "title", "kind", "phase", "time_zone")
    list_filter = ("phase", "kind")
    search_fields = ("code", "title")


@admin.register(Department)
class DepartmentAdmin(ReadOnlyAdmin):
    """The department catalogue."""

    list_display = ("name", "slug", "order", "is_cast")


@admin.register(Position)
class PositionAdmin(ReadOnlyAdmin):
    """The position catalogue."""

    list_display = ("title", "department", "is_key", "min_years_experience", "reports_to")
    list_filter = ("department", "is_key")
    list_select_related = ("department", "reports_to")
    search_fields = ("title", "aliases")


@admin.register(Engagement)
class EngagementAdmin(ReadOnlyAdmin):
    """Engagements (pay is not shown here)."""

    list_display = ("person", "position", "production", "status")
    list_filter = ("status", "production")
    list_select_related = ("person", "position", "production")
    exclude = ("rate", "rate_unit", "currency")


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    """Meetings."""

    list_display = ("title", "production", "kind", "starts_at", "status")
    list_filter = ("kind", "status")
