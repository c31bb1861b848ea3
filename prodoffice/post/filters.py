"""FilterSets of the post app, shared by the API and the pages: a whitelist of fields."""

from __future__ import annotations

import django_filters

from prodoffice.post.models import (
    AdrCue,
    Booking,
    CutVersion,
    Deliverable,
    PostTask,
    Room,
    VfxShot,
)
from prodoffice.productions.models import Production


def _productions(request):
    """The productions a filter may name: the ones the user sees."""
    return Production.objects.for_user(request.user)


class RoomFilter(django_filters.FilterSet):
    """Rooms a production may book (by code); rooms in maintenance are left out then."""

    production = django_filters.ModelChoiceFilter(
        field_name="facility__production", to_field_name="code", queryset=_productions,
        method="bookable_by",
    )  # fmt: skip
    kind = django_filters.CharFilter()

    class Meta:
        model = Room
        fields = ["production", "kind"]

    def bookable_by(self, queryset, name, value):
        return queryset.filter(facility__production=value, in_maintenance=False)


class BookingFilter(django_filters.FilterSet):
    """Bookings of one production, one room, one level, or from a moment on."""

    production = django_filters.ModelChoiceFilter(to_field_name="code", queryset=_productions)
    room = django_filters.NumberFilter(field_name="room_id")
    level = django_filters.CharFilter()
    after = django_filters.IsoDateTimeFilter(field_name="end", lookup_expr="gte")

    class Meta:
        model = Booking
        fields = ["production", "room", "level", "after"]


class PostTaskFilter(django_filters.FilterSet):
    """Tasks of one production, of a kind, or flagged for conform."""

    production = django_filters.ModelChoiceFilter(to_field_name="code", queryset=_productions)
    kind = django_filters.CharFilter()
    needs_conform = django_filters.BooleanFilter()

    class Meta:
        model = PostTask
        fields = ["production", "kind", "needs_conform"]


class CutVersionFilter(django_filters.FilterSet):
    """Versions of one production's cuts."""

    production = django_filters.ModelChoiceFilter(
        field_name="cut__production", to_field_name="code", queryset=_productions
    )

    class Meta:
        model = CutVersion
        fields = ["production"]


class DeliverableFilter(django_filters.FilterSet):
    """Deliverables of one production, territory or status."""

    production = django_filters.ModelChoiceFilter(
        field_name="schedule__production", to_field_name="code", queryset=_productions
    )
    territory = django_filters.CharFilter(field_name="schedule__territory", lookup_expr="iexact")
    status = django_filters.CharFilter()

    class Meta:
        model = Deliverable
        fields = ["production", "territory", "status"]


class _RangedFilter(django_filters.FilterSet):
    production = django_filters.ModelChoiceFilter(to_field_name="code", queryset=_productions)
    needs_conform = django_filters.BooleanFilter()


class AdrCueFilter(_RangedFilter):
    """ADR cues of one production, or flagged for conform."""

    class Meta:
        model = AdrCue
        fields = ["production", "needs_conform"]


class VfxShotFilter(_RangedFilter):
    """VFX shots of one production, or flagged for conform."""

    class Meta:
        model = VfxShot
        fields = ["production", "needs_conform"]
