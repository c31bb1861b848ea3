"""`prodoffice import-crew FILE --production CODE`: import a crew list from CSV or XLSX."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import CommandError
from tqdm import tqdm

from prodoffice.core.management.commands._base import FAILED, USAGE, CliCommand
from prodoffice.productions.imports.reading import COLUMNS, REQUIRED
from prodoffice.productions.imports.rows import ImportReport
from prodoffice.productions.management.commands._production import production_by_code
from prodoffice.productions.services.imports import crew_import


class _Bar:
    """A tqdm bar on stderr, made on the first progress call (when the row count is known)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled, self.bar = enabled, None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = tqdm(
                total=total, file=sys.stderr, unit="row", desc="import", disable=not self.enabled
            )
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class Command(CliCommand):
    """Import a crew list into a production: all rows or none (unless --skip-invalid)."""

    help = (
        "Import crew and cast from a CSV (UTF-8, comma, semicolon or tab separated) or XLSX "
        f"file. Required columns: {', '.join(REQUIRED)}; optional: "
        f"{', '.join(c for c in COLUMNS if c not in REQUIRED)}. Header names are "
        "case-insensitive; a file written by export-crew imports again. People are matched by "
        "e-mail, engagements by person and position, or by the engagement_id column when "
        "present (then the row may change the position and the e-mail); "
        "the department is inferred from the position or its usual spellings (Boom Op, 1st AC, "
        "2nd AD ...) when left out. Every unknown or missing column and every bad value is "
        "reported at once with its line and column, and nothing is imported unless every row "
        "is valid. "
        "Exit codes: 0 imported, 1 invalid rows or unreadable file, 2 bad arguments."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV or XLSX file to import.")
        parser.add_argument(
            "--production", required=True, metavar="CODE", help="The production's code."
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the valid rows and skip the invalid ones (still exits 1 if any).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count everything, save nothing."
        )

    def handle(self, *args, **options):
        production = production_by_code(options["production"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}", returncode=USAGE)
        bar = _Bar(enabled=not options["json"] and sys.stderr.isatty())
        try:
            report = crew_import(
                actor=None,
                production=production,
                file=path,
                skip_invalid=options["skip_invalid"],
                dry_run=options["dry_run"],
                progress=bar,
            )
        finally:
            bar.close()
        self._print(report, options["json"])
        if not report.ok:
            raise CommandError(self._failure(report), returncode=FAILED)

    def _print(self, report: ImportReport, as_json: bool) -> None:
        if as_json:
            self.emit_json(report.as_dict())
            return
        for error in report.errors:
            self.stderr.write(str(error))
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"warning: {warning}"))
        if report.applied or report.dry_run:
            self.stdout.write(self._summary(report))

    def _summary(self, report: ImportReport) -> str:
        prefix = "Dry run, nothing saved: would import" if report.dry_run else "Imported"
        return (
            f"{prefix} {report.valid} of {report.rows} rows into {report.production}: "
            f"{report.people_created} people created, {report.people_updated} updated; "
            f"{report.engagements_created} engagements created, "
            f"{report.engagements_updated} updated, {report.unchanged} unchanged."
        )

    def _failure(self, report: ImportReport) -> str:
        if any(e.line is None for e in report.errors):
            return f"Refused: {report.errors[0].message}."
        if not report.columns_ok:
            return "The file's columns are not right (see above): nothing imported."
        bad = len({e.line for e in report.errors})
        if report.applied:
            return f"{bad} invalid row(s) skipped; the {report.imported} valid rows were imported."
        return f"{bad} invalid row(s) of {report.rows}: nothing imported."
