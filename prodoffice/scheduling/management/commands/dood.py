"""`prodoffice dood --production CODE --board NAME`: a board's day-out-of-days."""

from __future__ import annotations

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import USAGE, CliCommand
from prodoffice.productions.management.commands._production import production_by_code
from prodoffice.scheduling.models import Board
from prodoffice.scheduling.selectors.dood import BoardDood, day_out_of_days


class Command(CliCommand):
    """Print the day-out-of-days of one board: one row per element, one column per day."""

    help = (
        "Day-out-of-days of a production's board: per element (cast first) a code per calendar "
        "day (SW, W, WF, SWF, H, D, PW, /, M ...) and the totals. Exit codes: 0 printed, "
        "1 the DOOD cannot be computed (no calendar ...), 2 unknown production or board."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--production", required=True, metavar="CODE", help="The production's code."
        )
        parser.add_argument("--board", required=True, metavar="NAME", help="The board's name.")

    def handle(self, *args, **options):
        production = production_by_code(options["production"])
        board = Board.objects.filter(production=production, name=options["board"]).first()
        if board is None:
            names = ", ".join(production.boards.order_by("name").values_list("name", flat=True))
            hint = f" Boards: {names}." if names else " The production has no boards yet."
            raise CommandError(f'Unknown board "{options["board"]}".{hint}', returncode=USAGE)
        dood = day_out_of_days(board)
        if options["json"]:
            self.emit_json([line.as_dict() for line in dood.lines])
        else:
            self.stdout.write(self._table(dood))

    def _table(self, dood: BoardDood) -> str:
        """A plain-text grid: ID, element, a code per day (MM-DD), then the totals."""
        days = [column.date for column in dood.days]
        totals = ["Work", "Hold", "Trv", "Fit", "Reh", "Tot"]
        header = ["ID", "Element"] + [d.strftime("%m-%d") for d in days] + totals
        rows = [header]
        for line in dood.lines:
            codes = [line.row.codes[d] or "." for d in days]
            totals = line.row.totals
            counts = [
                str(n)
                for n in (totals.work, totals.hold, totals.travel, totals.fitting,
                          totals.rehearsal, totals.total)
            ]  # fmt: skip
            rows.append([line.board_id, line.element[:24], *codes, *counts])
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        return "\n".join(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            for row in rows
        )
