"""Admin: read-only views of the directory (writes go through people.services)."""

from __future__ import annotations

from django.contrib import admin

from prodoffice.audit.admin import ReadOnlyAdmin
from prodoffice.people.models import PRIVATE_PERSON_FIELDS, Company, Person


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    """People, searchable; private fields are not listed."""

    list_display = ("last_name", "first_name", "email", "phone", "years_experience")
    search_fields = ("last_name", "first_name", "email")
    exclude = PRIVATE_PERSON_FIELDS


@admin.register(Company)
class CompanyAdmin(ReadOnlyAdmin):
    """Companies."""

    list_display = ("name", "kind", "email", "country", "home_production")
    list_filter = ("kind",)
    search_fields = ("name",)
