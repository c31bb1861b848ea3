"""Admin: read-only views of locations, their unavailable dates and the set mapping."""

from __future__ import annotations

from django.contrib import admin

from prodoffice.audit.admin import ReadOnlyAdmin
from prodoffice.locations.models import Location, LocationUnavailability, SetLocation


@admin.register(Location)
class LocationAdmin(ReadOnlyAdmin):
    """Locations (fees and deposits are not shown here)."""

    list_display = ("name", "production", "contact_name", "hospital_name")
    list_filter = ("production",)
    list_select_related = ("production",)
    search_fields = ("name", "address")
    exclude = ("fee", "deposit", "currency")


@admin.register(LocationUnavailability)
class LocationUnavailabilityAdmin(ReadOnlyAdmin):
    """Dates locations cannot be used."""

    list_display = ("location", "start_date", "end_date", "reason")
    list_select_related = ("location",)


@admin.register(SetLocation)
class SetLocationAdmin(ReadOnlyAdmin):
    """Which set is shot at which location."""

    list_display = ("set_name", "location", "production")
    list_select_related = ("location", "production")
