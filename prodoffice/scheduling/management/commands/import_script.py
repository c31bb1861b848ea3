"""`prodoffice import-script FILE --production CODE`: import a Fountain or Final Draft script."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import USAGE, CliCommand
from prodoffice.productions.management.commands._production import production_by_code
from prodoffice.scheduling.engine.eighths import format_eighths
from prodoffice.scheduling.services.script import ImportReport, script_import


class Command(CliCommand):
    """Import a draft into a production: every scene or none."""

    help = (
        "Import a screenplay (Fountain or Final Draft .fdx, any common encoding) into a "
        "production. The first import is the White draft; later imports are revisions matched "
        "to the current draft with locked scene numbers (inserted scenes become 12A, cut scenes "
        "stay as OMITTED); --new-script starts a new script instead. Prints scenes, total "
        "pages in eighths and speaking characters. "
        "Exit codes: 0 imported, 1 refused file, 2 bad arguments."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .fountain or .fdx file to import.")
        parser.add_argument(
            "--production", required=True, metavar="CODE", help="The production's code."
        )
        parser.add_argument(
            "--colour", metavar="COLOUR", help="Revision colour (default: the next one)."
        )
        parser.add_argument(
            "--new-script",
            action="store_true",
            help="Start a new script instead of a revision of the current one.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and report the script, save nothing."
        )

    def handle(self, *args, **options):
        production = production_by_code(options["production"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}", returncode=USAGE)
        report = script_import(
            actor=None,
            production=production,
            filename=path.name,
            data=path.read_bytes(),
            revision_colour=options["colour"],
            new_script=options["new_script"],
            dry_run=options["dry_run"],
        )
        if options["json"]:
            self.emit_json(report.as_dict())
        else:
            self.stdout.write(self._summary(report))

    def _summary(self, report: ImportReport) -> str:
        prefix = "Dry run, nothing saved:" if report.dry_run else "Imported"
        lines = [
            f"{prefix} {report.filename} into {report.production} ({report.revision_colour})",
            f"Scenes: {report.scenes}",
            f"Pages: {format_eighths(report.pages_eighths)} ({report.pages_eighths} eighths)",
            f"Speaking characters: {', '.join(report.speaking_characters) or 'none'}",
        ]
        if report.new_script:
            lines.append("New script: the previous one is no longer current.")
        if report.is_revision:
            for label, numbers in (
                ("Added", report.added), ("Omitted", report.omitted), ("Changed", report.changed)
            ):  # fmt: skip
                lines.append(f"{label}: {', '.join(numbers) or 'none'}")
        for warning in report.warnings:
            lines.append(f"Warning: {warning}")
        if report.cast_to_review:
            lines.append(f"Cast to review (no engagement): {', '.join(report.cast_to_review)}")
        return "\n".join(lines)
