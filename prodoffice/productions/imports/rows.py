"""Validating crew list rows: every field of every row checked, problems named by line and field."""

from __future__ import annotations

import datetime
import re
import uuid
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from prodoffice.people.validators import normalise_phone, validate_currency
from prodoffice.productions.choices import EngagementStatus, RateUnit
from prodoffice.productions.imports.reading import cell_text, column_letter, parse_header
from prodoffice.productions.models import Department, Position

UNIT_WORDS = {"hourly": "hour", "daily": "day", "weekly": "week", "per hour": "hour"}


@dataclass
class RowError:
    """One problem, at a line of the file (None: the file itself) and a column."""

    line: int | None
    field: str
    message: str
    column: str = ""  # the spreadsheet's letter of the field's column, when the file has one

    def __str__(self) -> str:
        where = f"line {self.line}, " if self.line is not None else ""
        column = f" (column {self.column})" if self.column else ""
        return f"{where}{self.field}{column}: {self.message}"


@dataclass
class RowOutcome:
    """What importing one data row does (or would do): new, updated, unchanged or refused."""

    line: int
    name: str
    email: str
    position: str
    outcome: str
    problems: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.outcome.capitalize()


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
    valid: int = 0  # rows that passed every check (and were saved, or would be)
    imported: int = 0  # rows saved: 0 unless `applied`
    people_created: int = 0
    people_updated: int = 0
    engagements_created: int = 0
    engagements_updated: int = 0
    unchanged: int = 0
    applied: bool = False
    columns_ok: bool = True  # no unknown, missing or repeated column (else nothing is saved)
    header_line: int | None = None
    warnings: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    outcomes: list[RowOutcome] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict, repr=False)

    def error(self, line: int | None, name: str, message: str) -> None:
        """Add a problem, with its column's letter when the file has that column."""
        self.errors.append(RowError(line, name, message, self.columns.get(name, "")))

    def as_dict(self) -> dict[str, Any]:
        data = super().as_dict()
        del data["columns"]
        return data


@dataclass
class CleanRow:
    """A row that passed validation: the person's and the engagement's values."""

    line: int
    email: str
    position: Position
    status: str
    person: dict[str, Any]
    engagement: dict[str, Any]
    engagement_id: uuid.UUID | None = None


def _norm(title: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", title.lower()).split())


class Catalogue:
    """Positions by normalised title and alias, departments by name and slug: the shared
    catalogue and the importing production's local entries (never another production's)."""

    def __init__(self, production=None) -> None:
        # Without a production (a dry parse), the shared catalogue only.
        positions, departments = Position.objects.shared(), Department.objects.shared()
        if production is not None:
            positions = Position.objects.for_production(production)
            departments = Department.objects.for_production(production)
        self.positions: dict[str, list[Position]] = {}
        for p in positions.select_related("department"):
            for name in [p.title, *p.aliases.split(",")]:
                if name.strip():
                    self.positions.setdefault(_norm(name), []).append(p)
        self.departments: dict[str, Department] = {}
        for d in departments:
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
        ("engagement_id", lambda: _engagement_id(raw.get("engagement_id"))),
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


def _engagement_id(value: Any) -> uuid.UUID | None:
    text = cell_text(value)
    if not text:
        return None
    try:
        return uuid.UUID(text)
    except ValueError as exc:
        msg = f'"{text}" is not an engagement id (leave it empty for a new engagement)'
        raise ValidationError({"engagement_id": msg}) from exc


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
    if row.engagement_id is not None and ("id", row.engagement_id) in seen:
        line = seen["id", row.engagement_id]
        errors["engagement_id"] = [f"this engagement is already on line {line}"]
    number = row.engagement.get("cast_number")
    if number is not None and ("cast", number) in seen:
        errors["cast_number"] = [f"cast number {number} is already on line {seen['cast', number]}"]
    seen.setdefault(key, row.line)
    seen.setdefault(("name", row.email.lower()), (names, row.line))
    if number is not None:
        seen.setdefault(("cast", number), row.line)
    if row.engagement_id is not None:
        seen.setdefault(("id", row.engagement_id), row.line)
    return errors


def validate_rows(
    table: list[tuple[int, list[Any]]], report: ImportReport, production=None
) -> list[CleanRow]:
    """Every column and every data row checked in one pass; the valid rows returned, each
    problem (unknown or missing column, bad value, bad row) added to the report."""
    header_line, cells = table[0]
    report.header_line = header_line
    header, problems = parse_header(cells)
    report.columns = {name: column_letter(i) for i, name in enumerate(header) if name}
    for index, name, message in problems:
        letter = column_letter(index) if index >= 0 else ""
        report.errors.append(RowError(header_line, name, message, letter))
    missing = {name for index, name, _ in problems if index < 0}
    report.columns_ok = not problems
    catalogue, seen, clean = Catalogue(production), {}, []
    for line, cells in table[1:]:
        raw = {name: cells[i] if i < len(cells) else None for i, name in enumerate(header) if name}
        row, errors = _clean(line, raw, catalogue)
        if row is not None:
            errors = _cross_check(row, seen)
        # A missing column is reported once, on the header, not again on every row.
        errors = {name: msgs for name, msgs in errors.items() if name not in missing}
        for name, messages in errors.items():
            for message in messages:
                report.error(line, name, message)
        if row is not None and not errors:
            clean.append(row)
        elif errors or row is None:
            report.outcomes.append(_refused(line, raw, errors))
    report.rows = len(table) - 1
    return clean


def _refused(line: int, raw: dict[str, Any], errors: dict[str, list[str]]) -> RowOutcome:
    name = " ".join(cell_text(raw.get(k)) for k in ("first_name", "last_name")).strip()
    problems = [f"{field}: {message}" for field, msgs in errors.items() for message in msgs]
    return RowOutcome(
        line=line,
        name=name,
        email=cell_text(raw.get("email")),
        position=cell_text(raw.get("position")),
        outcome="refused",
        problems=problems or ["a required column is missing"],
    )
