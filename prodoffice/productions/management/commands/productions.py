"""`prodoffice productions`: list the productions."""

from __future__ import annotations

from prodoffice.core.management.commands._base import CliCommand
from prodoffice.productions.models import Production


class Command(CliCommand):
    """List every production: code, title, phase."""

    help = "List the productions with their codes, titles and phases (a table, or --json)."

    def handle(self, *args, **options):
        # The CLI runs as the system: it sees every production (there is no user to scope by).
        rows = [
            {"code": p.code, "title": p.title, "kind": p.kind, "phase": p.phase}
            for p in Production.objects.order_by("code")
        ]
        if options["json"]:
            self.emit_json(rows)
            return
        if not rows:
            self.stdout.write("No productions yet: `prodoffice demo` loads one.")
            return
        width = max(len(r["code"]) for r in rows)
        for r in rows:
            self.stdout.write(f"{r['code']:<{width}}  {r['phase']:<16} {r['title']}")
