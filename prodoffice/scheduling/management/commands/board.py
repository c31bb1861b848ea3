"""`prodoffice board VERB`: stripboards from the command line.

list --production CODE                              the boards, the working one first
show --production CODE --board NAME                 the strips in order with days and dates
move --production CODE --board NAME --from N --to M [--boneyard | --no-boneyard]
working --production CODE --board NAME              make it the working board

Positions count from 1, as on the board page. Moves go through the board page's audited
service (`strip_place`); the CLI acts as the system.
"""

from __future__ import annotations

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import USAGE, CliCommand
from prodoffice.productions.management.commands._production import production_by_code
from prodoffice.scheduling.models import Board, Strip, StripKind
from prodoffice.scheduling.selectors.stripboard import strip_rows
from prodoffice.scheduling.services import boards as services


class Command(CliCommand):
    """List, show and rearrange a production's stripboards."""

    help = (
        "Stripboards: list --production CODE; show --production CODE --board NAME; move "
        "--production CODE --board NAME --from N --to M [--boneyard|--no-boneyard]; working "
        "--production CODE --board NAME. Positions count from 1. Exit codes: 0 done, 1 refused "
        "(e.g. a position outside the board), 2 bad arguments or unknown production or board."
    )

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["list", "show", "move", "working"])
        parser.add_argument("--production", required=True, metavar="CODE")
        parser.add_argument("--board", metavar="NAME", help="The board's name.")
        parser.add_argument("--from", dest="from_position", type=int, metavar="N")
        parser.add_argument("--to", dest="to_position", type=int, metavar="M")
        parser.add_argument(
            "--boneyard",
            action="store_true",
            default=None,
            help="move: into the boneyard as well.",
        )
        parser.add_argument(
            "--no-boneyard",
            dest="boneyard",
            action="store_false",
            help="move: out of the boneyard as well.",
        )

    def handle(self, *args, **options):
        production = production_by_code(options["production"])
        if options["verb"] == "list":
            return self._list(production, options)
        board = _board(production, options["board"])
        if options["verb"] == "working":
            services.board_set_working(actor=None, board=board)
            if not options["json"]:
                self.stdout.write(f'"{board.name}" is now the working board of {production.code}.')
        elif options["verb"] == "move":
            self._move(board, options)
        self._show(board, options)

    def _list(self, production, options) -> None:
        rows = []
        for board in Board.objects.filter(production=production).order_by("-is_working", "name"):
            strips = Strip.objects.filter(board=board, kind=StripKind.SCENE)
            rows.append(
                {
                    "id": str(board.public_id),
                    "name": board.name,
                    "working": board.is_working,
                    "scenes": strips.filter(in_boneyard=False).count(),
                    "boneyard": strips.filter(in_boneyard=True).count(),
                }
            )
        if options["json"]:
            self.emit_json(rows)
            return
        if not rows:
            self.stdout.write(f"{production.code} has no boards yet.")
        for r in rows:
            mark = " (working)" if r["working"] else ""
            self.stdout.write(
                f"{r['name']}{mark}: {r['scenes']} scenes, {r['boneyard']} in the boneyard"
            )

    def _move(self, board: Board, options) -> None:
        if options["from_position"] is None or options["to_position"] is None:
            raise CommandError("move needs --from N and --to M (from 1).", returncode=USAGE)
        strip = Strip.objects.filter(board=board, position=options["from_position"] - 1).first()
        if strip is None:
            count = Strip.objects.filter(board=board).count()
            raise CommandError(
                f"No strip at position {options['from_position']}: the board has {count} strips.",
                returncode=USAGE,
            )
        services.strip_place(
            actor=None,
            board=board,
            strip=strip,
            to_position=options["to_position"] - 1,
            in_boneyard=options["boneyard"],
        )

    def _show(self, board: Board, options) -> None:
        rows = strip_rows(board)
        if options["json"]:
            self.emit_json(
                {
                    "board": board.name,
                    "working": Board.objects.get(pk=board.pk).is_working,
                    "strips": rows,
                }
            )
            return
        for r in rows:
            where = "boneyard" if r["in_boneyard"] else f"day {r['shoot_day'] or '-'}"
            when = f" {r['date']:%a %d %b %Y}" if r["date"] else ""
            if r["kind"] == StripKind.SCENE:
                what = f"Sc. {r['number']}  {r['int_ext']} {r['set']} {r['day_night']}"
            elif r["kind"] == StripKind.DAY_BREAK:
                what = "— end of day —"
            else:
                what = f"[{r['banner_kind']}] {r['text']}"
            self.stdout.write(f"{r['position']:>4}  {where:<9}{when:<16} {what}")


def _board(production, name: str | None) -> Board:
    if not name:
        raise CommandError("Give the board with --board NAME.", returncode=USAGE)
    board = Board.objects.filter(production=production, name=name).first()
    if board is None:
        names = ", ".join(production.boards.order_by("name").values_list("name", flat=True))
        hint = f" Boards: {names}." if names else " The production has no boards yet."
        raise CommandError(f'Unknown board "{name}".{hint}', returncode=USAGE)
    return board
