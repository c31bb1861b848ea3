"""Helpers every service uses: field whitelists, validation, integrity errors as field errors."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models

from prodoffice.audit.services import diff, snapshot


def require(allowed: bool, message: str = "You do not have permission to do this.") -> None:
    """Refuse the operation unless the permission function said yes."""
    if not allowed:
        raise PermissionDenied(message)


def assign(obj: models.Model, values: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """Set whitelisted fields; anything else is refused by name (no mass assignment)."""
    allowed = set(allowed)
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise ValidationError(
            {
                name: ValidationError("This field cannot be set here.", code="read_only")
                for name in unknown
            }
        )
    for name, value in values.items():
        setattr(obj, name, value)


def validate(obj: models.Model, exclude: Iterable[str] | None = None) -> None:
    """Field validators, clean() and constraints, all reported per field."""
    obj.full_clean(exclude=list(exclude or []))


@contextmanager
def integrity_as_validation(message: str = "This conflicts with an existing record."):
    """A constraint the database caught (a race) becomes a clear validation error."""
    try:
        yield
    except IntegrityError as exc:
        raise ValidationError(message, code="conflict") from exc


def save_changes(
    obj: models.Model, values: Mapping[str, Any], allowed: Iterable[str]
) -> dict[str, list[Any]]:
    """Apply whitelisted changes, validate, save; return the field changes for the audit log."""
    allowed = list(allowed)
    before = snapshot(obj, [f for f in allowed if f in values])
    assign(obj, values, allowed)
    validate(obj)
    changes = diff(before, obj)
    if changes:
        with integrity_as_validation():
            obj.save()
    return changes


def check_date_range(start_date, end_date, *, unavailable: str) -> None:
    """Both dates given and the end not before the start; errors name the field.

    `unavailable` finishes "the first/last day ...", e.g. "they cannot work".
    """
    errors = {}
    if not isinstance(start_date, datetime.date):
        errors["start_date"] = f"Give the first day {unavailable} (YYYY-MM-DD)."
    if not isinstance(end_date, datetime.date):
        errors["end_date"] = f"Give the last day {unavailable} (YYYY-MM-DD)."
    if not errors and end_date < start_date:
        errors["end_date"] = "The end date is before the start date."
    if errors:
        raise ValidationError(errors)
