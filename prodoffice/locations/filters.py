"""The paperwork filters, one FilterSet for the legal register page, its exports and the API.

A whitelist: kind, status, location, expiring before a date, and a text search over titles,
issuers and reference numbers; the queryset given is already the user's (`for_user`)."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from prodoffice.locations.choices import DocumentKind, DocumentStatus
from prodoffice.locations.models import Document


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
