"""`prodoffice audit verify [--json]`: recompute every hash chain, audit and contract alike."""

from __future__ import annotations

from django.apps import apps
from django.core.management.base import CommandError

from prodoffice.audit.chain import ChainReport, audit_chain_report
from prodoffice.core.management.commands._base import FAILED, CliCommand


def chain_reports() -> list[ChainReport]:
    """The audit chains, then every app's own chains (an AppConfig's `chain_report()`)."""
    reports = [audit_chain_report()]
    for config in apps.get_app_configs():
        report = getattr(config, "chain_report", None)
        if report is not None:
            reports.append(report())
    return reports


class Command(CliCommand):
    """Recompute every chain; exit 1 naming the first broken link of each chain that breaks."""

    help = (
        "Audit: `verify` recomputes the hash chains of the audit log (one per production, one "
        "global) and of every contract's event log, and names the first broken link of each."
    )

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["verify"], help="What to do (verify).")

    def handle(self, *args, **options):
        reports = chain_reports()
        breaks = [(r.kind, b) for r in reports for b in r.breaks]
        if options["json"]:
            self.emit_json(
                {
                    "ok": not breaks,
                    "chains": {r.kind: {"chains": r.chains, "events": r.events} for r in reports},
                    "breaks": [{"chain": kind, **b.__dict__} for kind, b in breaks],
                }
            )
        else:
            for _kind, b in breaks:
                self.stderr.write(f"BROKEN {b}")
            if not breaks:
                summary = "; ".join(
                    f"{r.chains} {r.kind} chains, {r.events} events" for r in reports
                )
                self.stdout.write(f"OK: {summary} verified.")
        if breaks:
            chains = sum(r.chains for r in reports)
            raise CommandError(
                f"{len(breaks)} of {chains} chains do not verify.", returncode=FAILED
            )
