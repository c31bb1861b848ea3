"""Admin: users (Django's user admin, for superusers) and read-only memberships."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from prodoffice.accounts.models import Membership, User

admin.site.register(User, UserAdmin)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Roles change through the production's Access page (audited), not here."""

    list_display = ("user", "production", "role", "department", "can_countersign")
    list_filter = ("role", "production")
    list_select_related = ("user", "production", "department")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
