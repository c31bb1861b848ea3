"""Helpers every service uses: field whitelists, validation, integrity errors as field errors."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
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


def validate_changes(obj: models.Model, changed: Iterable[str]) -> None:
    """`validate` of a row as loaded from the database with only `changed` fields set since:
    every field's validators and clean() as before, but the checks that ask the database
    (related rows exist, uniqueness, constraints) only for what a changed field takes part in.
    The rest held when the row was written, and the database still enforces all of it."""
    changed = set(changed)
    meta = obj._meta
    kept = set(changed)
    together = [set(group) for group in meta.unique_together]
    for constraint in meta.constraints:
        condition = getattr(constraint, "condition", None)
        names = set(getattr(constraint, "fields", ()) or ())
        if condition is not None:
            names |= set(condition.referenced_base_fields)
        if getattr(constraint, "expressions", None):
            names = {f.name for f in meta.concrete_fields}  # can't tell: check it
        together.append(names)
    for names in together:
        if names & changed:
            kept |= names
    skip = {f.name for f in meta.concrete_fields if f.name not in kept}
    related = {f.name for f in meta.concrete_fields if f.is_relation and f.name in skip}
    errors: dict = {}
    for step in (lambda: obj.clean_fields(exclude=related), obj.clean):
        try:
            step()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    skip |= {name for name in errors if name != NON_FIELD_ERRORS}
    for step in (obj.validate_unique, obj.validate_constraints):
        try:
            step(exclude=skip)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def save_changes(
    obj: models.Model, values: Mapping[str, Any], allowed: Iterable[str], *, fresh: bool = False
) -> dict[str, list[Any]]:
    """Apply whitelisted changes, validate, save; return the field changes for the audit log.

    `fresh`: the caller has just read `obj` from the database (locked) and changes it only
    through `values`, so the database-backed checks of untouched fields can be skipped
    (`validate_changes`)."""
    allowed = list(allowed)
    before = snapshot(obj, [f for f in allowed if f in values])
    assign(obj, values, allowed)
    if fresh and obj.pk is not None and not obj._state.adding:
        validate_changes(obj, diff(before, obj))
    else:
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
