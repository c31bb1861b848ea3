"""`prodoffice readiness --production CODE [--board NAME] [--from DATE --to DATE] [--json]`:
each location on each day of the board, ready, at risk or not ready, with what is missing."""

from __future__ import annotations

import datetime

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import USAGE, CliCommand
from prodoffice.locations.readiness import board_named, readiness_for_board
from prodoffice.productions.management.commands._production import production_by_code


def iso_date(value: str) -> datetime.date:
    """A YYYY-MM-DD argument, or a clear usage error."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{value!r} is not a date (YYYY-MM-DD).", returncode=USAGE) from exc


class Command(CliCommand):
    """Readiness of every location-day of a board (the CLI runs as the system)."""

    help = (
        "Readiness of each location on each shoot, prep and strike day of the working board "
        "(or --board NAME): ready, at_risk or not_ready, with the missing pieces. "
        "Exit codes: 0 listed, 2 unknown production or board, bad dates."
    )

    def add_arguments(self, parser):
        parser.add_argument("--production", required=True, metavar="CODE")
        parser.add_argument("--board", metavar="NAME", help="Default: the working board.")
        parser.add_argument("--from", dest="start", metavar="DATE", type=iso_date)
        parser.add_argument("--to", dest="end", metavar="DATE", type=iso_date)

    def handle(self, *args, **options):
        production = production_by_code(options["production"])
        start, end = options["start"], options["end"]
        if start and end and end < start:
            raise CommandError("--to is before --from.", returncode=USAGE)
        board = None
        if options["board"] is not None:
            board = board_named(production, options["board"])
            if board is None:
                raise CommandError(f'Unknown board "{options["board"]}".', returncode=USAGE)
        rows = readiness_for_board(production=production, board=board, start=start, end=end)
        if options["json"]:
            self.emit_json([row.as_dict() for row in rows])
            return
        for row in rows:
            self.stdout.write(f"{row.date.isoformat()}  {row.status:<9}  {row.location}")
            for text in row.missing:
                self.stdout.write(f"    - {text}")
        if not rows:
            self.stdout.write("No location is used on any day of the board.")
