"""FilterSets of the scheduling app, shared by the API and the pages: a whitelist of fields."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from prodoffice.productions.models import Production
from prodoffice.scheduling.models import Board, Element, Scene


def _productions(request):
    """The productions a filter may name: the ones the user sees."""
    return Production.objects.for_user(request.user)


class BoardFilter(django_filters.FilterSet):
    """Boards of one production (by code); `working=true` for the working board."""

    production = django_filters.ModelChoiceFilter(to_field_name="code", queryset=_productions)
    working = django_filters.BooleanFilter(field_name="is_working")

    class Meta:
        model = Board
        fields = ["production", "working"]


class SceneFilter(django_filters.FilterSet):
    """Scenes of one production (by code); `current=true` for the current draft only."""

    production = django_filters.ModelChoiceFilter(
        field_name="script__production", to_field_name="code", queryset=_productions
    )
    current = django_filters.BooleanFilter(field_name="script__is_current")
    omitted = django_filters.BooleanFilter()

    class Meta:
        model = Scene
        fields = ["production", "current", "omitted"]


class ElementFilter(django_filters.FilterSet):
    """Elements of one production (by code), of a category (UCID), needing review, by name."""

    production = django_filters.ModelChoiceFilter(to_field_name="code", queryset=_productions)
    category = django_filters.NumberFilter(field_name="category__ucid")
    needs_review = django_filters.BooleanFilter()
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="Name")

    class Meta:
        model = Element
        fields = ["production", "category", "needs_review", "q"]


class ElementPageFilter(ElementFilter):
    """The elements page (one production already): by category, and a search that also finds
    an element by its board ID."""

    production = None
    needs_review = None
    category = django_filters.CharFilter(method="by_category", label="Category (UCID)")
    q = django_filters.CharFilter(method="search", label="Name or board ID")

    class Meta:
        model = Element
        fields = ["category", "q"]

    def by_category(self, queryset, name, value):
        """A category by its UCID; anything but digits is ignored, as the page always did."""
        return queryset.filter(category__ucid=int(value)) if value.isdigit() else queryset

    def search(self, queryset, name, value):
        """Name contains the text, or the board ID is the text (any case)."""
        return queryset.filter(Q(name__icontains=value) | Q(board_id__iexact=value))
