"""FilterSets of the productions app, shared by the web pages and the API: whitelists (no pay)."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from prodoffice.accounts.choices import Role
from prodoffice.accounts.models import Membership
from prodoffice.productions.choices import EngagementStatus, MeetingKind, MeetingStatus
from prodoffice.productions.models import Department, Engagement, Meeting, Position, Production


def production_filter(**kwargs) -> django_filters.ModelChoiceFilter:
    """A production by its code, among the caller's own (another production's code finds none)."""
    return django_filters.ModelChoiceFilter(
        to_field_name="code",
        queryset=lambda request: Production.objects.for_user(request.user),
        **kwargs,
    )


class EngagementFilter(django_filters.FilterSet):
    """Department, status, position and free-text search over name, position, character."""

    # The catalogue the caller sees (shared and their productions' local entries); the web also
    # narrows the querysets to the page's production (crew views).
    department = django_filters.ModelChoiceFilter(
        field_name="position__department",
        queryset=lambda request: Department.objects.for_user(request.user),
        to_field_name="slug",
    )
    status = django_filters.MultipleChoiceFilter(choices=EngagementStatus.choices)
    position = django_filters.ModelChoiceFilter(
        queryset=lambda request: Position.objects.for_user(request.user)
    )
    q = django_filters.CharFilter(method="search", label="Search")

    class Meta:
        model = Engagement
        fields = ["department", "status", "position", "q"]

    def __init__(self, *args, production=None, **kwargs):
        super().__init__(*args, **kwargs)
        if production is not None:
            self.filters["department"].queryset = Department.objects.for_production(production)
            self.filters["position"].queryset = Position.objects.for_production(production)

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


class EngagementApiFilter(EngagementFilter):
    """The crew list filters of the web, plus the production by code (only the user's own)."""

    production = production_filter()

    class Meta(EngagementFilter.Meta):
        fields = ["production", *EngagementFilter.Meta.fields]


class MeetingFilter(django_filters.FilterSet):
    """Meetings of one production (by code), of a kind, in a status."""

    production = production_filter()
    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices)
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices)

    class Meta:
        model = Meeting
        fields = ["production", "kind", "status"]


class MembershipFilter(django_filters.FilterSet):
    """Memberships of one production, or with one role."""

    production = production_filter()
    role = django_filters.ChoiceFilter(choices=Role.choices)

    class Meta:
        model = Membership
        fields = ["production", "role"]
