"""Query filters of the API: the apps' FilterSets, strictly; ordering by a whitelist of public
names mapped to model columns (never `?ordering=rate`)."""

from __future__ import annotations

from django_filters import BooleanFilter
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

#: What a boolean query parameter may say (the schema's `boolean`, as clients write it).
BOOLEAN_VALUES = frozenset({"true", "false", "1", "0"})


class StrictFilterBackend(DjangoFilterBackend):
    """The FilterSet's own validation (bad dates, numbers, choices answer 400 naming the
    parameter), plus booleans: django-filter reads anything but true/false as "no filter"
    (`?working=maybe` listed every board); here it answers 400 like the rest."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is not None:
            errors = {
                name: [f"Say true or false, not {request.query_params[name]!r}."]
                for name, filter_ in filterset.filters.items()
                if isinstance(filter_, BooleanFilter)
                and name in request.query_params
                and request.query_params[name].lower() not in BOOLEAN_VALUES
            }
            if errors:
                raise ValidationError(errors)
        return super().filter_queryset(request, queryset, view)


class AliasOrderingFilter(OrderingFilter):
    """`?ordering=name,-start`: names from the view's `ordering_aliases`; any other name answers
    400 naming `ordering` and the allowed keys (the same for every caller and every row, so it
    tells nothing about columns such as `rate`)."""

    def _aliases(self, view) -> dict[str, tuple[str, ...]]:
        return getattr(view, "ordering_aliases", {})

    def get_ordering(self, request, queryset, view):
        aliases = self._aliases(view)
        raw = request.query_params.get(self.ordering_param, "")
        columns: list[str] = []
        for term in (t.strip() for t in raw.split(",")):
            key = term.removeprefix("-")
            if not term:
                continue
            if key not in aliases:
                allowed = ", ".join(sorted(aliases)) or "none"
                message = f"Unknown sort key {key!r}: use {allowed} (prefix - to reverse)."
                raise ValidationError({self.ordering_param: [message]})
            prefix = "-" if term.startswith("-") else ""
            columns += [f"{prefix}{c.lstrip('-')}" for c in aliases[key]]
        return columns or self.get_default_ordering(view)

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        # A unique tail keeps pages stable when the chosen columns tie.
        return queryset.order_by(*ordering, "pk") if ordering else queryset

    def get_schema_operation_parameters(self, view):
        names = sorted(self._aliases(view))
        if not names:  # nothing to sort by: the parameter is not offered (and refused if sent)
            return []
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Comma-separated sort keys; prefix with `-` for descending.",
                "schema": {
                    "type": "array",
                    "items": {"type": "string", "enum": [v for n in names for v in (n, f"-{n}")]},
                },
                "explode": False,
            }
        ]
