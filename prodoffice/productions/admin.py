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
    """The department catalogue: shared (no production) and local entries, read-only here; the
    shared catalogue is changed with `prodoffice catalogue` (ADR 0016)."""

    list_display = ("name", "slug", "order", "is_cast", "production")
    list_filter = (("production", admin.EmptyFieldListFilter),)


@admin.register(Position)
class PositionAdmin(ReadOnlyAdmin):
    """The position catalogue: shared and local entries, read-only here (ADR 0016)."""

    list_display = ("title", "department", "is_key", "min_years_experience", "production")
    list_filter = (("production", admin.EmptyFieldListFilter), "is_key")
    list_select_related = ("department", "production")
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
