"""FilterSets of the call sheets app, shared by the API and the pages: a whitelist of fields."""

from __future__ import annotations

import django_filters

from prodoffice.callsheets.choices import SheetStatus
from prodoffice.callsheets.models import CallSheet
from prodoffice.productions.models import Production


def _productions(request):
    """The productions a filter may name: the ones the user sees."""
    return Production.objects.for_user(request.user)


class CallSheetFilter(django_filters.FilterSet):
    """Call sheets of one production (by code), of a date, in a status."""

    production = django_filters.ModelChoiceFilter(to_field_name="code", queryset=_productions)
    date = django_filters.DateFilter()
    status = django_filters.ChoiceFilter(choices=SheetStatus.choices)

    class Meta:
        model = CallSheet
        fields = ["production", "date", "status"]
