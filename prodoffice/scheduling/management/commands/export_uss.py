"""`prodoffice export-uss --production CODE [-o FILE]`: the schedule as a USS file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import USAGE, CliCommand
from prodoffice.productions.management.commands._production import production_by_code
from prodoffice.scheduling.models import Board
from prodoffice.scheduling.services.interchange import uss_export_file


class Command(CliCommand):
    """Write a production's script, breakdown, boards and calendar as Universal Schedule
    Standard JSON."""

    help = (
        "Export a production's current draft, breakdown, stripboards (with day breaks, "
        "banners and boneyard) and calendar as a Universal Schedule Standard (.uss) JSON file. "
        "Exit codes: 0 written, 2 unknown production or board, or an unwritable file."
    )
    json_option = False  # the output is JSON already

    def add_arguments(self, parser):
        parser.add_argument(
            "--production", required=True, metavar="CODE", help="The production's code."
        )
        parser.add_argument("--board", metavar="NAME", help="Only this board (default: all).")
        parser.add_argument(
            "-o", "--output", metavar="FILE", help="Write to FILE (default: standard output)."
        )

    def handle(self, *args, **options):
        production = production_by_code(options["production"])
        board = None
        if options["board"]:
            board = Board.objects.filter(production=production, name=options["board"]).first()
            if board is None:
                raise CommandError(f'Unknown board "{options["board"]}".', returncode=USAGE)
        text = uss_export_file(actor=None, production=production, board=board)
        if not options["output"]:
            self.stdout.write(text)
            return
        try:
            Path(options["output"]).write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            message = f"Cannot write {options['output']}: {exc}"
            raise CommandError(message, returncode=USAGE) from exc
        self.stderr.write(f"Wrote {options['output']}")
