"""Contract import from CSV or XLSX: one draft deal per row, with its party, all or nothing.

Columns (header names are case-insensitive; spaces and dashes count as underscores):
type, title, party_email (required); party_role and every term of the deal memo (optional):
location, position, department, union, occupation_code, rate, rate_unit, currency, hire_basis,
guarantee, guarantee_unit, start_date, end_date, overtime_terms, kit_rental, car_allowance,
per_diem, agent_fee_percent, credit, season, episode, clauses.

Each row goes through the same services as the web form and the API (`contract_create`,
`party_add`), so a publicity agreement, an unknown currency, a negative rate or an end before
the start are refused with the same message, at the row's line and column. The party is the
person with that e-mail engaged on the production; when they hold one engagement there, the
contract is linked to it. Nothing is saved unless every row is valid (or, with
`skip_invalid`, only the valid rows are), and a dry run saves nothing.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from prodoffice.contracts import permissions as cperms
from prodoffice.contracts.choices import DEFAULT_ROLE, ContractType, PartyRole
from prodoffice.contracts.models import Contract
from prodoffice.contracts.services import drafting
from prodoffice.core.services import require
from prodoffice.people.models import Person
from prodoffice.productions.imports.reading import (
    FileRefused,
    cell_text,
    file_bytes,
    file_name,
    read_table,
)
from prodoffice.productions.imports.rows import ReportOutcome, RowError
from prodoffice.productions.models import Engagement, Production

REQUIRED = ("type", "title", "party_email")
#: The deal-memo terms a row may carry: the service's term fields but the title (a required
#: column), links to other records and the signing deadline (set when sending).
TERMS = tuple(
    f
    for f in drafting.TERM_FIELDS
    if f not in ("title", "engagement", "agency", "loan_out_company", "expires_at")
)
COLUMNS = (*REQUIRED, "party_role", *TERMS)
ALIASES = {
    "contract_type": "type",
    "email": "party_email",
    "party": "party_email",
    "role": "party_role",
    "union_code": "occupation_code",
    "box_rental": "kit_rental",
    "agent_fee": "agent_fee_percent",
}
#: Term columns a blank cell leaves unset (None) rather than an empty text.
_NULLABLE = {
    "rate",
    "guarantee",
    "start_date",
    "end_date",
    "kit_rental",
    "car_allowance",
    "per_diem",
    "agent_fee_percent",
}


@dataclass
class ImportReport(ReportOutcome):
    """What a contract import found and did."""

    production: str
    dry_run: bool = False
    rows: int = 0
    imported: int = 0
    applied: bool = False
    references: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


class _Rollback(Exception):
    """Undo the import's transaction (dry run, or errors without skip)."""


def _header(cells: list[Any]) -> list[str]:
    names = [
        ALIASES.get(n, n) for n in (re.sub(r"[\s\-]+", "_", cell_text(c).lower()) for c in cells)
    ]
    unknown = [n for n in names if n and n not in COLUMNS]
    missing = [n for n in REQUIRED if n not in names]
    if unknown or missing:
        parts = [f"unknown column(s) {', '.join(unknown)}"] if unknown else []
        parts += [f"missing column(s) {', '.join(missing)}"] if missing else []
        raise FileRefused(
            f"not a contract list: {'; '.join(parts)} (columns: {', '.join(COLUMNS)})"
        )
    dupes = sorted({n for n in names if n and names.count(n) > 1})
    if dupes:
        raise FileRefused(f"column(s) {', '.join(dupes)} appear twice")
    return names


def _value(name: str, cell: Any) -> Any:
    """A cell for the model: dates from spreadsheets as dates, blanks as None where nullable."""
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    text = cell_text(cell)
    if not text and name in _NULLABLE:
        return None
    return text


def _party(production: Production, email: str) -> tuple[Person, Engagement | None]:
    """The person engaged on the production with that e-mail, and their only engagement."""
    if not email:
        raise ValidationError({"party_email": "Give the party's e-mail address."})
    engagements = list(
        Engagement.objects.filter(production=production, person__email__iexact=email)
        .select_related("person")
        .order_by("pk")
    )
    if not engagements:
        raise ValidationError(
            {"party_email": f"Nobody engaged on {production.code} has the e-mail {email}."}
        )
    person = engagements[0].person
    return person, engagements[0] if len(engagements) == 1 else None


def _row(actor, production: Production, values: dict[str, Any]) -> Contract:
    contract_type = (values.get("type") or "").strip().lower()
    if contract_type not in ContractType.values and contract_type != "publicity":
        raise ValidationError(
            {
                "type": f"Unknown contract type {contract_type!r}; one of: "
                f"{', '.join(ContractType.values)}."
            }
        )
    drafting.refuse_publicity(contract_type)
    person, engagement = _party(production, values.get("party_email") or "")
    role = (values.get("party_role") or "").strip().lower() or DEFAULT_ROLE[contract_type]
    if role not in PartyRole.values:
        raise ValidationError(
            {"party_role": f"Unknown role {role!r}; one of: {', '.join(PartyRole.values)}."}
        )
    terms = {k: v for k, v in values.items() if k in TERMS or k == "title"}
    if engagement is not None:
        # The service fills the blanks from the engagement and makes its person the party.
        terms["engagement"] = engagement
    contract = drafting.contract_create(
        actor=actor,
        production=production,
        contract_type=contract_type,
        party_role=role,
        party_email=values["party_email"],
        **terms,
    )
    if not contract.parties.filter(person=person).exists():
        drafting.party_add(
            actor=actor, contract=contract, person=person, role=role, email=values["party_email"]
        )
    return contract


def _messages(exc: ValidationError) -> list[tuple[str, str]]:
    if hasattr(exc, "error_dict"):
        return [
            ("type" if name == "contract_type" else name, str(m))
            for name, errors in exc.message_dict.items()
            for m in errors
        ]
    return [("row", str(m)) for m in exc.messages]


def contracts_import(
    *,
    actor,
    production: Production,
    file: Any,
    skip_invalid: bool = False,
    dry_run: bool = False,
    filename: str = "",
) -> ImportReport:
    """Draft one contract per row of a CSV or XLSX file (see the module's docstring); `filename`
    names bare bytes in messages."""
    if actor is not None:
        require(cperms.can_manage_contract(actor, production), "Only the office imports contracts.")
    report = ImportReport(production=production.code, dry_run=dry_run)
    try:
        table = read_table(file_bytes(file), name=filename or file_name(file))
        names = _header(table[0][1])
    except FileRefused as exc:
        report.errors.append(RowError(None, "file", str(exc)))
        return report
    body = table[1:]
    report.rows = len(body)
    if not body:
        report.errors.append(RowError(None, "file", "the file has a header but no rows"))
        return report
    try:
        with transaction.atomic():
            for line, cells in body:
                values = {
                    name: _value(name, cell)
                    for name, cell in zip(names, cells, strict=False)
                    if name
                }
                try:
                    with transaction.atomic():
                        contract = _row(actor, production, values)
                except ValidationError as exc:
                    report.errors += [RowError(line, f, m) for f, m in _messages(exc)]
                    continue
                except PermissionDenied as exc:
                    report.errors.append(RowError(line, "row", str(exc)))
                    continue
                report.imported += 1
                report.references.append(contract.reference)
            if dry_run or (report.errors and not skip_invalid):
                raise _Rollback
            report.applied = True
    except _Rollback:
        if not dry_run:
            report.imported, report.references = 0, []
    return report
