"""Crew list import from CSV or XLSX: validate every row, then upsert people and engagements.

Columns (header names are case-insensitive; spaces and dashes count as underscores):
first_name, last_name, email, position (required); phone, department, status, start_date,
end_date, rate, rate_unit, currency, cast_number, character, years_experience, notes,
engagement_id (optional); the headers `export-crew` writes are understood, so its files import
again.

With an engagement_id the row updates that engagement of this production (position and the
person's e-mail included); otherwise people are matched by e-mail (case-insensitive),
engagements by (person, position). The
department may be left out: it is inferred from the position title or one of its aliases
(Gaffer -> Lighting and Grip, Boom Operator -> Sound). The whole import is one transaction:
every bad row is reported with its line and field, and nothing is saved unless every row is
valid (or, with `skip_invalid`, only the valid rows are saved).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.accounts import permissions as perms
from prodoffice.audit.services import record
from prodoffice.core.services import require
from prodoffice.people import services as people
from prodoffice.people.models import Person
from prodoffice.productions.choices import EngagementStatus
from prodoffice.productions.imports.reading import FileRefused, file_bytes, file_name, read_table
from prodoffice.productions.imports.rows import (
    CleanRow,
    ImportReport,
    RowOutcome,
    field_messages,
    validate_rows,
)
from prodoffice.productions.models import Engagement, Production
from prodoffice.productions.services import engagements

logger = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


class _Rollback(Exception):
    """Raised inside the import's transaction to undo it (dry run, or errors without skip)."""


def _upsert_person(actor, production: Production, row: CleanRow, report: ImportReport) -> Person:
    person = Person.objects.filter(email__iexact=row.email).first()
    if person is None:
        report.people_created += 1
        return people.person_create(
            actor=actor, production=production, email=row.email, **row.person
        )
    changed = {k: v for k, v in row.person.items() if getattr(person, k) != v}
    # Someone the actor may not edit (another production's person) is engaged as recorded.
    if changed and (actor is None or perms.can_edit_person(actor, person)):
        report.people_updated += 1
        person = people.person_update(actor=actor, person=person, **changed)
    return person


def _check_cast_number(production, row: CleanRow, engagement: Engagement | None) -> None:
    number = row.engagement.get("cast_number")
    if number is None:
        return
    holder = Engagement.objects.filter(production=production, cast_number=number)
    holder = holder.exclude(pk=engagement.pk) if engagement else holder
    other = holder.select_related("person").first()
    if other is not None:
        raise ValidationError({"cast_number": f"cast number {number} is held by {other.person}"})


def _by_id(production, row: CleanRow) -> Engagement:
    """The engagement an exported file's id column names; it must be on this production."""
    engagement = (
        Engagement.objects.filter(production=production, public_id=row.engagement_id)
        .select_related("person")
        .first()
    )
    if engagement is None:
        msg = f"{row.engagement_id} is not an engagement of {production.code}"
        raise ValidationError({"engagement_id": msg})
    return engagement


def _person_by_id(actor, production, row: CleanRow, report: ImportReport) -> Person:
    """The person of the engagement named by id: the file may change their e-mail too."""
    person = _by_id(production, row).person
    values = {**row.person, "email": row.email}
    changed = {k: v for k, v in values.items() if getattr(person, k) != v}
    if "email" in changed and changed["email"].lower() == person.email.lower():
        del changed["email"]
    if changed and (actor is None or perms.can_edit_person(actor, person)):
        report.people_updated += 1
        person = people.person_update(actor=actor, person=person, **changed)
    return person


def _upsert_engagement(actor, production, person, row: CleanRow, report: ImportReport):
    if row.engagement_id is not None:
        engagement = _by_id(production, row)
        values = {**row.engagement, "position": row.position}
    else:
        engagement = Engagement.objects.filter(
            production=production, person=person, position=row.position
        ).first()
        values = row.engagement
    _check_cast_number(production, row, engagement)
    if engagement is None:
        report.engagements_created += 1
        return engagements.engagement_create(
            actor=actor,
            production=production,
            person=person,
            position=row.position,
            status=row.status or EngagementStatus.PROSPECT,
            **row.engagement,
        )
    changed = {k: v for k, v in values.items() if getattr(engagement, k) != v}
    if changed:
        engagement = engagements.engagement_update(actor=actor, engagement=engagement, **changed)
    if row.status and row.status != engagement.status:
        engagement = engagements.engagement_set_status(
            actor=actor, engagement=engagement, status=row.status
        )
        changed["status"] = row.status
    report.engagements_updated += bool(changed)
    return engagement


def _counts(report: ImportReport) -> tuple[int, ...]:
    return (
        report.people_created,
        report.people_updated,
        report.engagements_created,
        report.engagements_updated,
    )


def _apply(actor, production, row: CleanRow, report: ImportReport) -> None:
    """One row in its own savepoint: a refused row leaves nothing behind."""
    before = _counts(report)
    upsert_person = _person_by_id if row.engagement_id else _upsert_person
    try:
        with transaction.atomic():
            person = upsert_person(actor, production, row, report)
            engagement = _upsert_engagement(actor, production, person, row, report)
    except ValidationError as exc:
        (
            report.people_created,
            report.people_updated,
            report.engagements_created,
            report.engagements_updated,
        ) = before
        messages = field_messages(exc, "row")
        for name, texts in messages.items():
            for message in texts:
                report.error(row.line, name, message)
        report.outcomes.append(_outcome(row, "refused", messages))
        return
    report.imported += 1
    report.unchanged += before == _counts(report)
    report.outcomes.append(_outcome(row, _what(before, _counts(report))))
    if engagement.experience_warning:
        report.warnings.append(f"line {row.line}: {engagement.experience_warning}")


def _what(before: tuple[int, ...], after: tuple[int, ...]) -> str:
    if after[2] > before[2]:
        return "new"
    return "unchanged" if before == after else "updated"


def _outcome(row: CleanRow, what: str, messages: dict | None = None) -> RowOutcome:
    names = (row.person.get("first_name", ""), row.person.get("last_name", ""))
    problems = [f"{k}: {m}" for k, texts in (messages or {}).items() for m in texts]
    return RowOutcome(
        line=row.line,
        name=" ".join(names),
        email=row.email,
        position=row.position.title,
        outcome=what,
        problems=problems,
    )


def _summary(report: ImportReport) -> str:
    return (
        f"{report.imported} of {report.rows} rows: {report.people_created} people created, "
        f"{report.people_updated} updated; {report.engagements_created} engagements created, "
        f"{report.engagements_updated} updated; {len(report.errors)} errors"
    )


def crew_import(
    *,
    actor,
    production: Production,
    file: Any,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    filename: str = "",
) -> ImportReport:
    """Import a crew list (CSV or XLSX bytes, file object or path) into a production, atomically
    (`filename` names bare bytes in messages)."""
    if actor is not None:
        require(actor.is_superuser or perms.is_office(actor, production.pk))
    report = ImportReport(production=production.code, dry_run=dry_run)
    try:
        rows = validate_rows(
            read_table(file_bytes(file), name=filename or file_name(file)), report, production
        )
    except FileRefused as exc:
        report.error(None, "file", str(exc))
        return report
    try:
        with transaction.atomic():
            _apply_all(actor, production, rows, report, progress)
            if (report.errors and not (skip_invalid and report.columns_ok)) or dry_run:
                raise _Rollback
            record(
                actor=actor,
                action="crew.import",
                target=production,
                production=production,
                message=_summary(report),
            )
    except _Rollback:
        pass
    report.applied = not dry_run and report.columns_ok and (skip_invalid or not report.errors)
    _settle(report)
    logger.debug("crew import into %s: %s", production.code, _summary(report))
    return report


def _settle(report: ImportReport) -> None:
    """Counts that say what happened: nothing is imported from a refused file or a dry run
    (`valid` says how many rows would be), and a refused file created or updated nothing; a
    dry run keeps its counts as what the valid rows would do."""
    report.valid = report.imported
    report.outcomes.sort(key=lambda o: o.line)
    if report.applied:
        return
    report.imported = 0
    if not report.dry_run:
        report.people_created = report.people_updated = 0
        report.engagements_created = report.engagements_updated = report.unchanged = 0


def _apply_all(actor, production, rows: list[CleanRow], report: ImportReport, progress) -> None:
    for done, row in enumerate(rows, start=1):
        _apply(actor, production, row, report)
        if progress is not None:
            progress(done, len(rows))
