"""`prodoffice schedule-report --production CODE --board NAME --kind K --format F [-o FILE]`."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import FAILED, USAGE, CliCommand
from prodoffice.productions.management.commands._production import production_by_code
from prodoffice.scheduling.models import Board
from prodoffice.scheduling.report_exports import FORMATS, KINDS, report_export


class Command(CliCommand):
    """Write a board's shooting schedule, one-liner, element summary or DOOD as CSV, XLSX or PDF."""

    help = (
        "A report of a production's board, the same rows as the web pages: the shooting "
        "schedule, the one-liner, the breakdown summary per element or the day-out-of-days, as "
        "csv, xlsx or pdf. CSV goes to stdout without -o; xlsx and pdf need -o. Exit codes: 0 "
        "written, 1 the report cannot be made (no calendar for the DOOD ...), 2 bad arguments "
        "(unknown production or board, binary format without -o)."
    )
    json_option = False

    def add_arguments(self, parser):
        parser.add_argument(
            "--production", required=True, metavar="CODE", help="The production's code."
        )
        parser.add_argument("--board", required=True, metavar="NAME", help="The board's name.")
        parser.add_argument("--kind", required=True, choices=KINDS, help="Which report.")
        parser.add_argument("--format", required=True, choices=list(FORMATS), dest="fmt")
        parser.add_argument("-o", "--output", metavar="FILE", help="Write to this file.")

    def handle(self, *args, **options):
        fmt, output = options["fmt"], options["output"]
        if fmt != "csv" and not output:
            raise CommandError(f"{fmt} is binary: give a file with -o.", returncode=USAGE)
        board = _board(production_by_code(options["production"]), options["board"])
        data, _, _ = report_export(board, options["kind"], fmt)
        if output:
            try:
                Path(output).write_bytes(data)
            except OSError as exc:
                message = f"Cannot write {output}: {exc.strerror}."
                raise CommandError(message, returncode=FAILED) from exc
            self.stderr.write(f"Wrote {output} ({len(data)} bytes).")
        else:
            self.stdout.write(data.decode("utf-8-sig"), ending="")


def _board(production, name: str) -> Board:
    """The production's board of that name, or a usage error listing its boards."""
    board = Board.objects.filter(production=production, name=name).first()
    if board is None:
        names = ", ".join(production.boards.order_by("name").values_list("name", flat=True))
        hint = f" Boards: {names}." if names else " The production has no boards yet."
        raise CommandError(f'Unknown board "{name}".{hint}', returncode=USAGE)
    return board
