"""The contract filters, one FilterSet for the contract desk and the API.

A whitelist: production, status, type, department and a text search; nobody filters by terms or
rates. The search matches titles and contract numbers for everyone who sees the contract, and
parties' names only on contracts of productions the user works for in the office: department
heads see existence and status, never who signs.
"""

from __future__ import annotations

import re

import django_filters
from django.db.models import Q

from prodoffice.accounts.choices import OFFICE_ROLES
from prodoffice.accounts.permissions import production_ids
from prodoffice.contracts.choices import ContractStatus, ContractType
from prodoffice.contracts.models import Contract
from prodoffice.productions.models import Production

NUMBER = re.compile(r"(?:^|-|\b)C?0*(\d{1,6})(?:-v\d+)?$", re.IGNORECASE)
PARTY_NAMES = ("first_name", "last_name", "known_as")


def contract_number(text: str) -> int | None:
    """A contract number out of a reference or part of one: "HARBOR-C0012-v2", "C12", "12"."""
    match = NUMBER.search(text.strip())
    return int(match.group(1)) if match else None


def _productions(request):
    return Production.objects.for_user(request.user)


class ContractFilter(django_filters.FilterSet):
    """Contracts by production (code), status, type (`contract_type`, or `type` on the desk),
    department (slug) and `q`; the queryset given is already the user's (`for_user`)."""

    production = django_filters.ModelChoiceFilter(to_field_name="code", queryset=_productions)
    status = django_filters.ChoiceFilter(choices=ContractStatus.choices, empty_label="Any status")
    contract_type = django_filters.ChoiceFilter(choices=ContractType.choices)
    type = django_filters.ChoiceFilter(
        field_name="contract_type", choices=ContractType.choices, empty_label="Any type"
    )
    department = django_filters.CharFilter(field_name="engagement__position__department__slug")
    q = django_filters.CharFilter(method="search", label="Search")

    class Meta:
        model = Contract
        fields = ["production", "status", "contract_type", "type", "department", "q"]

    def search(self, queryset, name, value):
        """Title, number or reference; parties' names where the user is office staff."""
        text = value.strip()
        if not text:
            return queryset
        match = Q(title__icontains=text)
        number = contract_number(text)
        if number is not None:
            match |= Q(number=number)
        names = self._party_names(text)
        if names is not None:
            match |= names
        return queryset.filter(match).distinct()

    def _party_names(self, text: str) -> Q | None:
        user = getattr(self.request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        names = Q(parties__company__name__icontains=text)
        for field in PARTY_NAMES:
            names |= Q(**{f"parties__person__{field}__icontains": text})
        if user.is_superuser:
            return names
        office = production_ids(user, OFFICE_ROLES)
        return Q(production_id__in=office) & names if office else None
