"""`prodoffice export-crew --production CODE --format csv|xlsx|json`: write the crew list."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import FAILED, CliCommand
from prodoffice.productions.exports import FORMATS, crew_export
from prodoffice.productions.management.commands._production import production_by_code


class Command(CliCommand):
    """Export a production's crew list (all columns, pay included: the CLI is the office)."""

    help = (
        "Export a production's crew and cast list as CSV, XLSX or JSON, to a file (--output) or "
        "to stdout (CSV and JSON only). The export is recorded in the audit log."
    )
    json_option = False

    def add_arguments(self, parser):
        parser.add_argument(
            "--production", required=True, metavar="CODE", help="The production's code."
        )
        parser.add_argument(
            "--format", required=True, choices=sorted(FORMATS), dest="fmt", help="File format."
        )
        parser.add_argument("--output", "-o", metavar="FILE", help="Write here instead of stdout.")

    def handle(self, *args, **options):
        production = production_by_code(options["production"])
        if options["fmt"] == "xlsx" and not options["output"]:
            raise CommandError("XLSX is binary: give --output FILE.", returncode=2)
        data, _content_type, _name = crew_export(
            user=None, production=production, fmt=options["fmt"]
        )
        if not options["output"]:
            self.stdout.write(data.decode("utf-8-sig"), ending="")
            return
        try:
            Path(options["output"]).write_bytes(data)
        except OSError as exc:
            raise CommandError(
                f"Cannot write {options['output']}: {exc}", returncode=FAILED
            ) from exc
        self.stderr.write(f"Wrote {len(data)} bytes to {options['output']}")
