"""The paperwork filters, one FilterSet for the legal register page, its exports and the API.

A whitelist: kind, status, location, expiring before a date, and a text search over titles,
issuers and reference numbers; the queryset given is already the user's (`for_user`)."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from prodoffice.locations.choices import (
    DocumentKind,
    DocumentStatus,
    LocationType,
    ScoutingStatus,
)
from prodoffice.locations.models import (
    CandidateVenue,
    Document,
    JurisdictionRule,
    Location,
    LocationPhoto,
    normalise_set_name,
)


class DocumentFilter(django_filters.FilterSet):
    """Legal documents by kind, status, location (public id), expiry and `q`."""

    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices, empty_label="Any kind")
    status = django_filters.ChoiceFilter(choices=DocumentStatus.choices, empty_label="Any status")
    location = django_filters.UUIDFilter(field_name="location__public_id")
    expires_before = django_filters.DateFilter(field_name="expiry_date", lookup_expr="lte")
    q = django_filters.CharFilter(method="search", label="Search")

    class Meta:
        model = Document
        fields = ["kind", "status", "location", "expires_before", "q"]

    def search(self, queryset, name, value):
        """Title, issuer or reference number."""
        text = value.strip()
        if not text:
            return queryset
        return queryset.filter(
            Q(title__icontains=text) | Q(issuer__icontains=text) | Q(reference__icontains=text)
        )


class LocationFilter(django_filters.FilterSet):
    """Locations by production (code), type, scouting status and `q` (name or address)."""

    production = django_filters.CharFilter(field_name="production__code", method="by_code")
    kind = django_filters.ChoiceFilter(choices=LocationType.choices)
    scouting_status = django_filters.ChoiceFilter(choices=ScoutingStatus.choices)
    q = django_filters.CharFilter(method="search", label="Search")

    class Meta:
        model = Location
        fields = ["production", "kind", "scouting_status", "q"]

    def by_code(self, queryset, name, value):
        return queryset.filter(production__code=value.strip().upper())

    def search(self, queryset, name, value):
        text = value.strip()
        if not text:
            return queryset
        return queryset.filter(Q(name__icontains=text) | Q(address__icontains=text))


class RuleFilter(django_filters.FilterSet):
    """Permit offices by production (code; `shared` for the shared examples)."""

    production = django_filters.CharFilter(method="by_code")

    class Meta:
        model = JurisdictionRule
        fields = ["production"]

    def by_code(self, queryset, name, value):
        if value.strip().lower() == "shared":
            return queryset.filter(production__isnull=True)
        return queryset.filter(production__code=value.strip().upper())


class PhotoFilter(django_filters.FilterSet):
    """Scouting photos of one location (public id)."""

    location = django_filters.UUIDFilter(field_name="location__public_id")

    class Meta:
        model = LocationPhoto
        fields = ["location"]


class CandidateFilter(django_filters.FilterSet):
    """Candidate venues by production (code), set and location (public id)."""

    production = django_filters.CharFilter(method="by_code")
    set = django_filters.CharFilter(method="by_set")
    location = django_filters.UUIDFilter(field_name="location__public_id")

    class Meta:
        model = CandidateVenue
        fields = ["production", "set", "location"]

    def by_code(self, queryset, name, value):
        return queryset.filter(production__code=value.strip().upper())

    def by_set(self, queryset, name, value):
        return queryset.filter(set_name=normalise_set_name(value))
