"""`prodoffice conflicts --production CODE [--board NAME] [--json]`: a schedule's conflicts."""

from __future__ import annotations

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import FAILED, USAGE, CliCommand
from prodoffice.productions.management.commands._production import production_by_code
from prodoffice.scheduling.models import Board
from prodoffice.scheduling.selectors.conflicts import BoardConflicts, production_conflicts


class Command(CliCommand):
    """List cast and locations booked on days they cannot be there, per board."""

    help = (
        "Conflicts of a production's boards: cast working on days they are unavailable or "
        "outside their engagement dates, scenes at locations on days the location cannot be "
        "used. Exit codes: 0 no conflicts, 1 conflicts found (or a board could not be checked, "
        "e.g. no production calendar), 2 unknown production or board."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--production", required=True, metavar="CODE", help="The production's code."
        )
        parser.add_argument(
            "--board", metavar="NAME", help="Only this board (default: every board)."
        )

    def handle(self, *args, **options):
        production = production_by_code(options["production"])
        boards = Board.objects.filter(production=production)
        if options["board"] is not None:
            boards = boards.filter(name=options["board"])
            if not boards.exists():
                names = ", ".join(production.boards.order_by("name").values_list("name", flat=True))
                hint = f" Boards: {names}." if names else " The production has no boards yet."
                raise CommandError(f'Unknown board "{options["board"]}".{hint}', returncode=USAGE)
        results = production_conflicts(production, boards=boards)
        if options["json"]:
            self.emit_json([_as_dict(r) for r in results])
        else:
            self.stdout.write(_text(results))
        problems = [f"{r.board.name}: {r.error}" for r in results if r.error]
        count = sum(len(r.conflicts) for r in results)
        if count:
            problems.append(f"{count} conflict{'s' * (count != 1)} found.")
        if problems:
            # Exit code 1 tells scripts and CI that the schedule needs attention.
            raise CommandError(" ".join(problems), returncode=FAILED)


def _as_dict(result: BoardConflicts) -> dict:
    return {
        "board": result.board.name,
        "working": result.board.is_working,
        "error": result.error or None,
        "conflicts": [c.as_dict() for c in result.conflicts],
    }


def _text(results: list[BoardConflicts]) -> str:
    """Per board a heading, then one line per conflict: date, day, scene, kind, message."""
    if not results:
        return "No boards."
    lines = []
    for result in results:
        count = len(result.conflicts)
        state = "not checked" if result.error else f"{count} conflict{'s' * (count != 1)}"
        lines.append(f"{result.board.name}{' (working)' * result.board.is_working}: {state}")
        for c in result.conflicts:
            lines.append(
                f"  {c.date.isoformat()}  day {c.shoot_day:<3} sc {c.scene.number:<6} "
                f"{c.kind:<24} {c.message}"
            )
    return "\n".join(lines)
