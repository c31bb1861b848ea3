"""`prodoffice locations candidates --production CODE [--set NAME] [--json]`: the candidate
venues of each set side by side (price flat or per day, the total for the set's shoot days on the
working board, scouting status, type, facilities), cheapest total first; the same comparison as
the web page and `GET /api/v1/location-candidates/comparison/{code}/`."""

from __future__ import annotations

from prodoffice.core.management.commands._base import CliCommand
from prodoffice.locations.selectors import candidate_comparison
from prodoffice.productions.management.commands._production import production_by_code


class Command(CliCommand):
    """Locations from the command line (runs as the system: prices included)."""

    help = (
        "Locations: candidates --production CODE [--set NAME] (the candidate venues of each set, "
        "priced for its shoot days on the working board, cheapest first)."
    )

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["candidates"])
        parser.add_argument("--production", metavar="CODE", required=True)
        parser.add_argument("--set", metavar="NAME", help="one set, as the scene headings say")

    def handle(self, *args, **options):
        production = production_by_code(options["production"])
        sets = candidate_comparison(
            user=None, production=production, set_name=(options["set"] or "").strip() or None
        )
        rows = [s.as_dict(show_money=True) for s in sets]
        if options["json"]:
            return self.emit_json(rows)
        for row in rows:
            self.stdout.write(f"{row['set_name']}  ({row['shoot_days']} shoot day(s))")
            for v in row["venues"]:
                price = f"{v['price']} {v['currency']} {v['basis']}" if v["price"] else "no price"
                total = f"total {v['total']} {v['currency']}" if v["total"] else "no total"
                self.stdout.write(f"  {v['location_name']:<30} {price:<24} {total}")
        if not rows:
            self.stdout.write(
                "No candidate venues" + (f" for {options['set']}." if options["set"] else ".")
            )
