"""`prodoffice catalogue`: list the department and position catalogue, add or change entries.

The CLI runs as the system (the operator of the server): it is how site administrators change
the shared catalogue; `--production CODE` works on that production's local entries instead.
"""

from __future__ import annotations

import argparse

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import USAGE, CliCommand
from prodoffice.productions.management.commands._production import production_by_code
from prodoffice.productions.models import Department, Position
from prodoffice.productions.services import catalogue


class Command(CliCommand):
    """List the catalogue; add or change a department or a position."""

    help = (
        "The department and position catalogue. `list` prints it; `department SLUG NAME` adds "
        "or renames a department; `position DEPT_SLUG TITLE` adds or changes a position. "
        "Without --production the shared catalogue (every production sees it) is changed."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        listing = sub.add_parser("list", help="Print the catalogue.")
        listing.add_argument("--production", help="Add this production's local entries.")
        dept = sub.add_parser("department", help="Add a department, or rename/reorder one.")
        dept.add_argument("slug")
        dept.add_argument("name")
        dept.add_argument("--order", type=int)
        dept.add_argument("--production", help="Local to this production (by code).")
        pos = sub.add_parser("position", help="Add a position, or change one (by title).")
        pos.add_argument("department", help="The department's slug.")
        pos.add_argument("title")
        pos.add_argument("--aliases", help="Other titles, comma-separated (imports).")
        pos.add_argument("--responsibilities")
        pos.add_argument("--key", dest="is_key", action="store_true", default=None)
        pos.add_argument("--years", dest="min_years_experience", type=int)
        pos.add_argument("--order", type=int)
        pos.add_argument("--production", help="Local to this production (by code).")
        for verb in (listing, dept, pos):  # --json after the verb too
            verb.add_argument("--json", action="store_true", default=argparse.SUPPRESS)

    def handle(self, *args, **options):
        production = options.get("production")
        production = production_by_code(production) if production else None
        verb = options["verb"]
        if verb == "list":
            return self._list(production, options["json"])
        if verb == "department":
            obj = self._department(production, options)
        else:
            obj = self._position(production, options)
        where = f"local to {production.code}" if production else "shared"
        if options["json"]:
            self.emit_json({"id": obj.pk, "name": str(obj), "catalogue": where})
        else:
            self.stdout.write(f"Saved {obj._meta.verbose_name} “{obj}” ({where}).")

    def _department(self, production, options) -> Department:
        values = {"name": options["name"]}
        if options.get("order") is not None:
            values["order"] = options["order"]
        slug = options["slug"]
        existing = self._scope(Department, production).filter(
            slug__in=self._slugs(slug, production)
        )
        if existing.exists():
            return catalogue.department_update(actor=None, department=existing.get(), **values)
        return catalogue.department_create(actor=None, production=production, slug=slug, **values)

    def _position(self, production, options) -> Position:
        slugs = self._slugs(options["department"], production)
        department = Department.objects.for_production(production).filter(slug__in=slugs).first()
        if department is None:
            raise CommandError(f'Unknown department "{options["department"]}".', returncode=USAGE)
        fields = ("aliases", "responsibilities", "is_key", "min_years_experience", "order")
        values = {f: options[f] for f in fields if options.get(f) is not None}
        existing = self._scope(Position, production).filter(
            department=department, title__iexact=options["title"]
        )
        if existing.exists():
            return catalogue.position_update(actor=None, position=existing.get(), **values)
        return catalogue.position_create(
            actor=None,
            production=production,
            department=department,
            title=options["title"],
            **values,
        )

    @staticmethod
    def _scope(model, production):
        return model.objects.filter(production=production)

    @staticmethod
    def _slugs(slug: str, production) -> list[str]:
        """The slug as given, and with the production's prefix local slugs carry."""
        return [slug] + ([f"{production.code.lower()}-{slug}"] if production else [])

    def _list(self, production, as_json: bool) -> None:
        departments = (
            Department.objects.for_production(production)
            if production
            else Department.objects.shared()
        )
        positions = (
            Position.objects.for_production(production) if production else Position.objects.shared()
        )
        rows = [
            {
                "department": d.slug,
                "name": d.name,
                "local": d.production_id is not None,
                "positions": [
                    {"title": p.title, "aliases": p.aliases, "local": p.production_id is not None}
                    for p in positions.filter(department=d)
                ],
            }
            for d in departments.order_by("order", "name")
        ]
        if as_json:
            self.emit_json(rows)
            return
        for row in rows:
            self.stdout.write(f"{row['name']} ({row['department']}){' *' if row['local'] else ''}")
            for p in row["positions"]:
                self.stdout.write(f"  {p['title']}{' *' if p['local'] else ''}")
