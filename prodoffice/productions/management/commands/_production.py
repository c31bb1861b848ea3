"""Looking a production up by code for the CLI verbs (not a command: the name starts with `_`)."""

from __future__ import annotations

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import USAGE
from prodoffice.productions.models import Production


def production_by_code(code: str) -> Production:
    """The production with this code, or a clear error naming the known codes (exit code 2)."""
    production = Production.objects.filter(code=(code or "").strip().upper()).first()
    if production is None:
        known = list(Production.objects.order_by("code").values_list("code", flat=True)[:20])
        hint = f" Known codes: {', '.join(known)}." if known else " There are no productions yet."
        raise CommandError(f'Unknown production code "{code}".{hint}', returncode=USAGE)
    return production
