"""Ordering by a whitelist of public names mapped to model columns (never `?ordering=rate`)."""

from __future__ import annotations

from rest_framework.filters import OrderingFilter


class AliasOrderingFilter(OrderingFilter):
    """`?ordering=name,-start`: names from the view's `ordering_aliases`; others are ignored."""

    def _aliases(self, view) -> dict[str, tuple[str, ...]]:
        return getattr(view, "ordering_aliases", {})

    def get_ordering(self, request, queryset, view):
        aliases = self._aliases(view)
        raw = request.query_params.get(self.ordering_param, "")
        columns: list[str] = []
        for term in (t.strip() for t in raw.split(",")):
            key = term.lstrip("-")
            if key in aliases:
                prefix = "-" if term.startswith("-") else ""
                columns += [f"{prefix}{c.lstrip('-')}" for c in aliases[key]]
        return columns or self.get_default_ordering(view)

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        # A unique tail keeps pages stable when the chosen columns tie.
        return queryset.order_by(*ordering, "pk") if ordering else queryset

    def get_schema_operation_parameters(self, view):
        names = sorted(self._aliases(view))
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
