"""Validating crew list rows: every field of every row checked, problems named by line and field."""

from __future__ import annotations

import datetime
import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from prodoffice.people.validators import normalise_phone, validate_currency
from prodoffice.productions.choices import EngagementStatus, RateUnit
from prodoffice.productions.imports.reading import cell_text, parse_header
from prodoffice.productions.models import Department, Position

UNIT_WORDS = {"hourly": "hour", "daily": "day", "weekly": "week", "per hour": "hour"}


@dataclass
class RowError:
    """One problem, at a line of the file (None: the file itself) and a column."""

    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}, " if self.line is not None else ""
        return f"{where}{self.field}: {self.message}"


class ReportOutcome:
    """What every import report answers from its `errors`: ok, and the JSON shape printed by
    the import commands' `--json` (the dataclass's fields, `ok`, each error with its text)."""

    errors: list[RowError]

    @property
    def ok(self) -> bool:
        """No error at all (skipped rows count as errors)."""
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        data["errors"] = [{**asdict(e), "text": str(e)} for e in self.errors]
        return data


@dataclass
class ImportReport(ReportOutcome):
    """What an import found and did."""

    production: str
    dry_run: bool = False
    rows: int = 0
    imported: int = 0
    people_created: int = 0
    people_updated: int = 0
    engagements_created: int = 0
    engagements_updated: int = 0
    unchanged: int = 0
    applied: bool = False
    warnings: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def error(self, line: int | None, name: str, message: str) -> None:
        """Add a problem."""
        self.errors.append(RowError(line, name, message))


@dataclass
class CleanRow:
    """A row that passed validation: the person's and the engagement's values."""

    line: int
    email: str
    position: Position
    status: str
    person: dict[str, Any]
    engagement: dict[str, Any]


def _norm(title: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", title.lower()).split())


class Catalogue:
    """Positions by normalised title and alias, departments by name and slug."""

    def __init__(self) -> None:
        self.positions: dict[str, list[Position]] = {}
        for p in Position.objects.select_related("department"):
            for name in [p.title, *p.aliases.split(",")]:
                if name.strip():
                    self.positions.setdefault(_norm(name), []).append(p)
        self.departments: dict[str, Department] = {}
        for d in Department.objects.all():
            self.departments[_norm(d.name)] = self.departments[_norm(d.slug)] = d

    def position(self, title: str, department: str) -> Position:
        """The position a title names, inferring the department when none is given."""
        found = list(dict.fromkeys(self.positions.get(_norm(title), [])))
        if not found:
            raise ValidationError({"position": f'"{title}" is not a position of the catalogue'})
        if department:
            dept = self.departments.get(_norm(department))
            if dept is None:
                raise ValidationError({"department": f'"{department}" is not a department'})
            found = [p for p in found if p.department_id == dept.pk]
            if not found:
                msg = f'"{title}" is not a position of the {dept.name} department'
                raise ValidationError({"position": msg})
        if len(found) > 1:
            names = ", ".join(p.department.name for p in found)
            msg = f'"{title}" is ambiguous ({names}); fill in the department column'
            raise ValidationError({"position": msg})
        return found[0]


def _date(value: Any, name: str) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError({name: f'"{text}" is not a date (use YYYY-MM-DD)'}) from exc


def _int(value: Any, name: str, low: int, high: int) -> int | None:
    text = cell_text(value)
    if not text:
        return None
    if not re.fullmatch(r"\d+", text) or not low <= int(text) <= high:
        raise ValidationError({name: f'"{text}" is not a whole number from {low} to {high}'})
    return int(text)


def _status(value: Any) -> str:
    text = cell_text(value).lower()
    if not text:
        return ""
    for choice in EngagementStatus:
        if text in (choice.value, choice.label.lower()):
            return choice.value
    allowed = ", ".join(EngagementStatus.values)
    raise ValidationError({"status": f'"{text}" is not a status ({allowed})'})


def _rate_unit(value: Any) -> str:
    text = cell_text(value).lower()
    text = UNIT_WORDS.get(text, text)
    for choice in RateUnit:
        if text in (choice.value, choice.label):
            return choice.value
    if text:
        allowed = ", ".join(RateUnit.values)
        raise ValidationError({"rate_unit": f'"{text}" is not a rate unit ({allowed})'})
    return ""


def _money(raw: dict[str, Any]) -> dict[str, Any]:
    text = cell_text(raw.get("rate")).replace(",", "")
    unit, currency = _rate_unit(raw.get("rate_unit")), cell_text(raw.get("currency")).upper()
    if not text:
        if unit or currency:
            raise ValidationError({"rate": "a rate unit or currency is given without a rate"})
        return {}
    try:
        rate = Decimal(text)
    except InvalidOperation as exc:
        raise ValidationError({"rate": f'"{text}" is not an amount (e.g. 450.00)'}) from exc
    if rate < 0 or rate != rate.quantize(Decimal("0.01")):
        raise ValidationError({"rate": f'"{text}" must be positive with at most 2 decimals'})
    errors = {}
    if not currency:
        errors["currency"] = f"the rate {text} has no currency (e.g. USD)"
    else:
        try:
            validate_currency(currency)
        except ValidationError:
            errors["currency"] = f'"{currency}" is not an ISO 4217 currency code'
    if not unit:
        errors["rate_unit"] = f"the rate {text} has no unit (hour, day, week, flat, episode)"
    if errors:
        raise ValidationError(errors)
    return {"rate": rate, "rate_unit": unit, "currency": currency}


def _person_values(raw: dict[str, Any]) -> dict[str, Any]:
    values = {k: cell_text(raw.get(k)) for k in ("first_name", "last_name")}
    for name in ("first_name", "last_name"):
        if not values[name]:
            raise ValidationError({name: "is required"})
    phone = cell_text(raw.get("phone"))
    if phone:
        try:
            values["phone"] = normalise_phone(phone)
        except ValidationError as exc:
            raise ValidationError({"phone": f'"{phone}" is not a valid phone number'}) from exc
    years = _int(raw.get("years_experience"), "years_experience", 0, 80)
    if years is not None:
        values["years_experience"] = years
    return values


def _email(raw: dict[str, Any]) -> str:
    email = cell_text(raw.get("email"))
    if not email:
        raise ValidationError({"email": "is required (people are matched by e-mail)"})
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": f'"{email}" is not an e-mail address'}) from exc
    return email


def _dates(raw: dict[str, Any]) -> dict[str, Any]:
    start, end = _date(raw.get("start_date"), "start_date"), _date(raw.get("end_date"), "end_date")
    if start and end and end < start:
        raise ValidationError({"end_date": f"{end} is before the start date {start}"})
    return {k: v for k, v in (("start_date", start), ("end_date", end)) if v}


def _cast(raw: dict[str, Any], position: Position) -> dict[str, Any]:
    values = {k: cell_text(raw.get(k)) for k in ("character", "notes") if cell_text(raw.get(k))}
    number = _int(raw.get("cast_number"), "cast_number", 1, 9999)
    if number is not None and not position.department.is_cast:
        raise ValidationError({"cast_number": f"{position} is not a cast position"})
    if number is not None:
        values["cast_number"] = number
    return values


def _engagement_values(raw: dict[str, Any], position: Position) -> dict[str, Any]:
    """Pay, dates and cast fields; the problems of each part are all reported together."""
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for part in (lambda: _money(raw), lambda: _dates(raw), lambda: _cast(raw, position)):
        try:
            values.update(part())
        except ValidationError as exc:
            errors.update(field_messages(exc, "row"))
    if errors:
        raise ValidationError(errors)
    return values


_POS_DEPT = ("position", "department")


def _clean(line: int, raw: dict[str, Any], catalogue: Catalogue) -> tuple[CleanRow | None, dict]:
    """Check one row field by field; every field's problem is collected, not only the first."""
    errors: dict[str, list[str]] = {}
    parts: dict[str, Any] = {}
    for key, fn in (
        ("email", lambda: _email(raw)),
        ("person", lambda: _person_values(raw)),
        ("status", lambda: _status(raw.get("status"))),
        ("position", lambda: catalogue.position(*(cell_text(raw.get(k)) for k in _POS_DEPT))),
    ):
        try:
            parts[key] = fn()
        except ValidationError as exc:
            errors.update(field_messages(exc, key))
    if "position" in parts:
        try:
            parts["engagement"] = _engagement_values(raw, parts["position"])
        except ValidationError as exc:
            errors.update(field_messages(exc, "row"))
    if errors:
        return None, errors
    return CleanRow(line=line, **parts), {}


def field_messages(exc: ValidationError, default: str) -> dict[str, list[str]]:
    """A ValidationError's messages by field ("row" for errors that name none)."""
    if hasattr(exc, "error_dict"):
        return {("row" if k == "__all__" else k): v for k, v in exc.message_dict.items()}
    return {default: exc.messages}


def _cross_check(row: CleanRow, seen: dict[Any, int]) -> dict[str, list[str]]:
    """Problems between rows: the same person twice in one position, a cast number twice."""
    errors: dict[str, list[str]] = {}
    key = (row.email.lower(), row.position.pk)
    if key in seen:
        errors["position"] = [f"{row.email} as {row.position} is already on line {seen[key]}"]
    names = (row.person["first_name"], row.person["last_name"])
    other = seen.get(("name", row.email.lower()))
    if other and other[0] != names:
        errors["email"] = [f"{row.email} is on line {other[1]} with another name"]
    number = row.engagement.get("cast_number")
    if number is not None and ("cast", number) in seen:
        errors["cast_number"] = [f"cast number {number} is already on line {seen['cast', number]}"]
    seen.setdefault(key, row.line)
    seen.setdefault(("name", row.email.lower()), (names, row.line))
    if number is not None:
        seen.setdefault(("cast", number), row.line)
    return errors


def validate_rows(table: list[tuple[int, list[Any]]], report: ImportReport) -> list[CleanRow]:
    """Every data row checked; the valid ones returned, each problem added to the report."""
    header = parse_header(table[0][1])
    catalogue, seen, clean = Catalogue(), {}, []
    for line, cells in table[1:]:
        raw = {name: cells[i] if i < len(cells) else None for i, name in enumerate(header) if name}
        row, errors = _clean(line, raw, catalogue)
        if row is not None:
            errors = _cross_check(row, seen)
        for name, messages in errors.items():
            for message in messages:
                report.error(line, name, message)
        if row is not None and not errors:
            clean.append(row)
    report.rows = len(table) - 1
    return clean
