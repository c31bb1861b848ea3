"""FilterSets of the directory, shared by the web pages and the API."""

from __future__ import annotations

import django_filters

from prodoffice.people.choices import CompanyKind
from prodoffice.people.models import Company, Person

# Productions lie above people (STYLE.md import direction): reach their models through relations.
Production = Person._meta.get_field("home_production").related_model


class PersonFilter(django_filters.FilterSet):
    """Search by name or e-mail; people of one production (by code, only the user's own)."""

    q = django_filters.CharFilter(method="search", label="Search")
    production = django_filters.ModelChoiceFilter(
        field_name="engagements__production",
        to_field_name="code",
        queryset=lambda request: Production.objects.for_user(request.user),
        distinct=True,
    )

    class Meta:
        model = Person
        fields = ["q", "production"]

    def search(self, queryset, name, value):
        """Case-insensitive match on first, last or known-as name and e-mail."""
        return queryset.search(value)


class CompanyFilter(django_filters.FilterSet):
    """Companies by kind and by name."""

    kind = django_filters.ChoiceFilter(choices=CompanyKind.choices)
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="Search")

    class Meta:
        model = Company
        fields = ["kind", "q"]
