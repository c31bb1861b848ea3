"""Explicit status transition tables."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError


def check_transition(
    table: Mapping[str, frozenset[str] | set[str]],
    current: str,
    target: str,
    *,
    field: str = "status",
) -> None:
    """Refuse a move that the table does not allow, naming both states."""
    if target == current:
        raise ValidationError({field: ValidationError(f"Already {target}.", code="no_change")})
    if target not in table.get(current, ()):
        allowed = ", ".join(sorted(table.get(current, ()))) or "none"
        message = f"Cannot go from {current} to {target} (allowed: {allowed})."
        raise ValidationError({field: ValidationError(message, code="invalid_transition")})
