"""FilterSets shared by the web crew list and the API: a whitelist (no filtering by pay)."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from prodoffice.productions.choices import EngagementStatus
from prodoffice.productions.models import Department, Engagement, Position


class EngagementFilter(django_filters.FilterSet):
    """Department, status, position and free-text search over name, position, character."""

    department = django_filters.ModelChoiceFilter(
        field_name="position__department", queryset=Department.objects.all(), to_field_name="slug"
    )
    status = django_filters.MultipleChoiceFilter(choices=EngagementStatus.choices)
    position = django_filters.ModelChoiceFilter(queryset=Position.objects.all())
    q = django_filters.CharFilter(method="search", label="Search")

    class Meta:
        model = Engagement
        fields = ["department", "status", "position", "q"]

    def search(self, queryset, name, value):
        """Case-insensitive match on first, last or known-as name, position, character, e-mail."""
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(person__first_name__icontains=value)
            | Q(person__last_name__icontains=value)
            | Q(person__known_as__icontains=value)
            | Q(position__title__icontains=value)
            | Q(character__icontains=value)
            | Q(person__email__icontains=value)
        )
