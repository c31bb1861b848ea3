"""`prodoffice paperwork due --production CODE --days N [--json]`: what expires, is due to apply
or is still missing in the next N days; `prodoffice paperwork daily`: the daily run (expiries,
reminders at 90/60/30/7 days, the production managers' digest) for cron instead of the worker."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils import timezone

from prodoffice.core.management.commands._base import USAGE, CliCommand
from prodoffice.locations.selectors import paperwork_due
from prodoffice.productions.management.commands._production import production_by_code


class Command(CliCommand):
    """The paperwork desk from the command line (runs as the system: every document)."""

    help = (
        "Paperwork: due --production CODE --days N (documents expiring, due to apply or missing "
        "in the next N days); daily (expire lapsed documents, send reminders and digests)."
    )

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["due", "daily"])
        parser.add_argument("--production", metavar="CODE")
        parser.add_argument("--days", type=int, default=30, metavar="N")

    def handle(self, *args, **options):
        if options["verb"] == "daily":
            from prodoffice.locations.tasks import run_daily

            counts = run_daily()
            return self.emit_json(counts) if options["json"] else self.stdout.write(str(counts))
        if not options["production"]:
            raise CommandError("due needs --production CODE.", returncode=USAGE)
        if not 1 <= options["days"] <= 3660:
            raise CommandError("--days must be between 1 and 3660.", returncode=USAGE)
        production = production_by_code(options["production"])
        items = paperwork_due(
            user=None, production=production, days=options["days"], today=timezone.localdate()
        )
        if options["json"]:
            return self.emit_json([item.as_dict() for item in items])
        for item in items:
            where = f" ({item.location})" if item.location else ""
            self.stdout.write(f"{item.date.isoformat()}  {item.why:<8}  {item.document}{where}")
        if not items:
            self.stdout.write(f"Nothing due in the next {options['days']} days.")
