"""Crew list import from CSV or XLSX: validate every row, then upsert people and engagements.

Columns (header names are case-insensitive; spaces and dashes count as underscores):
first_name, last_name, email, position (required); phone, department, status, start_date,
end_date, rate, rate_unit, currency, cast_number, character, years_experience, notes (optional).

People are matched by e-mail (case-insensitive), engagements by (person, position). The
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
from prodoffice.productions.imports.reading import FileRefused, file_bytes, read_table
from prodoffice.productions.imports.rows import (
    CleanRow,
    ImportReport,
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


def _upsert_engagement(actor, production, person, row: CleanRow, report: ImportReport):
    engagement = Engagement.objects.filter(
        production=production, person=person, position=row.position
    ).first()
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
    changed = {k: v for k, v in row.engagement.items() if getattr(engagement, k) != v}
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
    try:
        with transaction.atomic():
            person = _upsert_person(actor, production, row, report)
            engagement = _upsert_engagement(actor, production, person, row, report)
    except ValidationError as exc:
        (
            report.people_created,
            report.people_updated,
            report.engagements_created,
            report.engagements_updated,
        ) = before
        for name, messages in field_messages(exc, "row").items():
            for message in messages:
                report.error(row.line, name, message)
        return
    report.imported += 1
    report.unchanged += before == _counts(report)
    if engagement.experience_warning:
        report.warnings.append(f"line {row.line}: {engagement.experience_warning}")


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
) -> ImportReport:
    """Import a crew list (CSV or XLSX bytes, file object or path) into a production, atomically."""
    if actor is not None:
        require(actor.is_superuser or perms.is_office(actor, production.pk))
    report = ImportReport(production=production.code, dry_run=dry_run)
    try:
        rows = validate_rows(read_table(file_bytes(file)), report)
    except FileRefused as exc:
        report.error(None, "file", str(exc))
        return report
    try:
        with transaction.atomic():
            _apply_all(actor, production, rows, report, progress)
            if (report.errors and not skip_invalid) or dry_run:
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
    report.applied = not dry_run and (skip_invalid or not report.errors)
    logger.debug("crew import into %s: %s", production.code, _summary(report))
    return report


def _apply_all(actor, production, rows: list[CleanRow], report: ImportReport, progress) -> None:
    for done, row in enumerate(rows, start=1):
        _apply(actor, production, row, report)
        if progress is not None:
            progress(done, len(rows))
