"""`prodoffice audit verify [--json]`: recompute every contract's hash chain."""

from __future__ import annotations

from django.core.management.base import CommandError

from prodoffice.contracts.chain import verify_chains
from prodoffice.core.management.commands._base import FAILED, CliCommand


class Command(CliCommand):
    """Recompute every contract event chain; exit 1 naming each contract and seq that breaks."""

    help = "Audit: `verify` recomputes the hash chain of every contract's event log."

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["verify"], help="What to do (verify).")

    def handle(self, *args, **options):
        checked = events = 0
        breaks = []
        for _contract, count, broken in verify_chains():
            checked, events = checked + 1, events + count
            if broken:
                breaks.append(broken)
        if options["json"]:
            self.emit_json(
                {
                    "ok": not breaks,
                    "contracts": checked,
                    "events": events,
                    "breaks": [b.__dict__ for b in breaks],
                }
            )
        else:
            for b in breaks:
                self.stderr.write(f"BROKEN {b}")
            if not breaks:
                self.stdout.write(f"OK: {checked} contract chains, {events} events verified.")
        if breaks:
            raise CommandError(
                f"{len(breaks)} of {checked} contract chains do not verify.", returncode=FAILED
            )
