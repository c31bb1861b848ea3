"""`prodoffice import-uss FILE --production CODE [--json]`: import a USS schedule."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import USAGE, CliCommand
from prodoffice.productions.management.commands._production import production_by_code
from prodoffice.scheduling.engine.eighths import format_eighths
from prodoffice.scheduling.services.interchange import UssImportReport, uss_import


class Command(CliCommand):
    """Import a Universal Schedule Standard file into a production without a script."""

    help = (
        "Import a Universal Schedule Standard (.uss) file: scenes, categories, elements, "
        "stripboards and calendar, into a production that has no script yet. A file with any "
        "problem is refused whole; each problem names its place (breakdowns[3].pages ...). "
        "Exit codes: 0 imported, 1 refused file, 2 bad arguments."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .uss file to import.")
        parser.add_argument(
            "--production", required=True, metavar="CODE", help="The production's code."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report the file, save nothing."
        )

    def handle(self, *args, **options):
        production = production_by_code(options["production"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}", returncode=USAGE)
        report = uss_import(
            actor=None,
            production=production,
            data=path.read_bytes(),
            filename=path.name,
            dry_run=options["dry_run"],
        )
        if options["json"]:
            self.emit_json(report.as_dict())
        else:
            self.stdout.write(self._summary(report))

    def _summary(self, report: UssImportReport) -> str:
        prefix = "Dry run, nothing saved:" if report.dry_run else "Imported"
        lines = [
            f"{prefix} {report.filename} into {report.production}",
            f"Scenes: {report.scenes} ({format_eighths(report.pages_eighths)} pages)",
            f"Elements: {report.elements_created} new, {report.elements_reused} already there",
            f"Boards: {', '.join(report.boards) or 'none'} ({report.strips} strips)",
            f"Calendar: {'set' if report.calendar else 'none'}",
        ]
        lines += [f"Ignored: {warning}" for warning in report.warnings]
        return "\n".join(lines)
