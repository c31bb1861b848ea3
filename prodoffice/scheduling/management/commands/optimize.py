"""`prodoffice optimize --production CODE --board NAME`: optimize a board into a what-if board."""

from __future__ import annotations

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import FAILED, USAGE, CliCommand
from prodoffice.productions.management.commands._production import production_by_code
from prodoffice.scheduling.bounds import bound_words
from prodoffice.scheduling.choices import RunStatus
from prodoffice.scheduling.models import Board
from prodoffice.scheduling.services.optimization import optimization_start


def _pin(text: str) -> tuple[str, int]:
    number, sep, day = text.partition("=")
    if not sep or not number.strip() or not day.strip().isdigit():
        raise ValueError(text)
    return number.strip(), int(day)


def _pair(text: str) -> list[str]:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not all(parts):
        raise ValueError(text)
    return parts


class Command(CliCommand):
    """Run the optimizer on a board now (no worker needed) and print its proposal."""

    help = (
        "Optimize the shooting order of a board: creates a new what-if board with the proposed "
        "order and day breaks (the board itself is never changed) and prints the cost, lower "
        "bound, proof, gap and the order as scene numbers. Exit codes: 0 a proposal was made, "
        "1 no proposal (conflicts, bad settings ...), 2 unknown production or board, bad option."
    )

    def add_arguments(self, parser):
        parser.add_argument("--production", required=True, metavar="CODE")
        parser.add_argument("--board", required=True, metavar="NAME", help="The board's name.")
        parser.add_argument(
            "--time-limit", type=float, default=30.0, metavar="S", help="Seconds (default 30)."
        )
        parser.add_argument(
            "--max-pages", type=float, metavar="P", help="Pages a day at most (default by type)."
        )
        parser.add_argument("--move-cost", type=int, metavar="N", help="Cost of a company move.")
        parser.add_argument(
            "--mix-day-night", action="store_true", help="Allow day and night scenes on one day."
        )
        parser.add_argument(
            "--pin", type=_pin, action="append", default=[], metavar="SCENE=DAY",
            help="Shoot a scene on a shoot day (1 = the first); repeatable.",
        )  # fmt: skip
        parser.add_argument(
            "--before", type=_pair, action="append", default=[], metavar="A,B",
            help="Shoot scene A on or before the day of scene B; repeatable.",
        )  # fmt: skip

    def handle(self, *args, **options):
        if not options["time_limit"] > 0:
            raise CommandError(
                "--time-limit must be a positive number of seconds.", returncode=USAGE
            )
        production = production_by_code(options["production"])
        board = self._board(production, options["board"])
        run = optimization_start(
            actor=None, board=board, time_limit=options["time_limit"],
            settings=self._settings(options), wait=True,
        )  # fmt: skip
        result = dict(run.result)
        if options["json"]:
            self.emit_json({**result, "run_status": run.status, "run": str(run.public_id)})
        else:
            self.stdout.write(self._text(board, run, result))
        if run.result_board_id is None:
            problems = result.get("conflicts") or [run.message]
            raise CommandError("No proposal: " + "; ".join(problems), returncode=FAILED)

    def _board(self, production, name: str) -> Board:
        board = Board.objects.filter(production=production, name=name).first()
        if board is None:
            names = ", ".join(production.boards.order_by("name").values_list("name", flat=True))
            hint = f" Boards: {names}." if names else " The production has no boards yet."
            raise CommandError(f'Unknown board "{name}".{hint}', returncode=USAGE)
        return board

    def _settings(self, options) -> dict:
        settings: dict = {
            "pins": dict(options["pin"]),
            "precedences": [list(p) for p in options["before"]],
            "separate_day_night": not options["mix_day_night"],
        }
        if options["max_pages"] is not None:
            settings["max_eighths_per_day"] = round(options["max_pages"] * 8)
        if options["move_cost"] is not None:
            settings["company_move_cost"] = options["move_cost"]
        return settings

    def _text(self, board, run, result) -> str:
        cur = result.get("currency", "")
        lines = [f'Board "{board.name}": {run.get_status_display().lower()}.']
        if run.result_board_id is not None:
            before = result["before"]["cost"]
            lines += [
                f'Proposal: "{result["board"]}"',
                f"Cost: {result['cost']:,} {cur} (the board as it stands: {before:,} {cur})",
                f"Lower bound: {bound_words(result)}",
                f"Proven optimal: {'yes' if result['proven_optimal'] else 'no'}",
                f"Order: {' '.join(result['order'])}",
                f"Seconds: {result['seconds']:.2f}",
            ]
        lines += result.get("explanation", [])
        if run.status == RunStatus.STOPPED:
            lines.append("Stopped before the time limit.")
        return "\n".join(lines)
