"""`prodoffice optimize-file FILE`: the exact talent-scheduling solver on a benchmark file."""

from __future__ import annotations

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import FAILED, USAGE, CliCommand
from prodoffice.optimizer.instance import InstanceError, load_talent
from prodoffice.optimizer.talent import solve
from prodoffice.scheduling.bounds import bound_figures, bound_words


class Command(CliCommand):
    """Solve one instance of ../shared/data/talent/ format; no database involved."""

    # It touches neither the database nor the site: Django's system checks would be most of
    # its start-up time (issue 17: a small instance answers in under 2 s).
    requires_system_checks: list[str] = []

    help = (
        "Solve a talent-scheduling instance (the benchmark format: name, scenes n, actors m, "
        "m rows of n 0/1 flags and a daily cost, n durations) and print cost, lower bound, "
        "proof and the order (0-based scene indices in file order). "
        "Exit codes: 0 solved, 1 malformed file, 2 bad option."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument(
            "--time-limit", type=float, default=10.0, metavar="S", help="Seconds (default 10)."
        )
        parser.add_argument(
            "--allow-unused-actors",
            action="store_true",
            help="Accept actors who appear in no scene (film-12 has one); they are never paid.",
        )

    def handle(self, *args, **options):
        limit = options["time_limit"]
        if not limit > 0:
            raise CommandError(
                "--time-limit must be a positive number of seconds.", returncode=USAGE
            )
        try:
            inst = load_talent(options["file"], allow_unused_actors=options["allow_unused_actors"])
        except OSError as exc:
            raise CommandError(
                f"{options['file']}: {exc.strerror or exc}", returncode=FAILED
            ) from None
        except UnicodeDecodeError:
            raise CommandError(
                f"{options['file']}: not a UTF-8 text file", returncode=FAILED
            ) from None
        except InstanceError as exc:
            hint = ""
            if "appears in no scene" in str(exc):
                hint = " (--allow-unused-actors accepts it)"
            raise CommandError(f"{exc}{hint}", returncode=FAILED) from None
        result = solve(inst, limit)
        data = {
            "cost": result.cost,
            "lower_bound": result.lower_bound,
            "proven_optimal": result.proven_optimal,
            "order": list(result.order),
            "seconds": round(result.seconds, 4),
        }
        if options["json"]:
            figures = bound_figures(result.cost, result.lower_bound, result.proven_optimal)
            gap = None if figures["gap"] is None else round(figures["gap"], 6)
            self.emit_json(
                {"instance": inst.name, **data, "gap": gap, "bound_useful": figures["bound_useful"]}
            )
            return
        self.stdout.write(
            f"{inst.name}: {inst.n_scenes} scenes, {inst.n_actors} actors\n"
            f"Cost: {data['cost']}\nLower bound: {bound_words(data)}\n"
            f"Proven optimal: {'yes' if data['proven_optimal'] else 'no'}\n"
            f"Order: {' '.join(str(s) for s in data['order'])}\nSeconds: {data['seconds']:.3f}"
        )
