"""`prodoffice contracts list --production CODE [--status S] [--json]`: a production's contracts;
`prodoffice contracts expire`: the expiry sweep; `prodoffice contracts sweep`: the recovery sweep
(ADR 0009); `prodoffice contracts remind [--production CODE]`: reminders that are due (run the
last three from cron)."""

from __future__ import annotations

import datetime

from django.core.management.base import CommandError

from prodoffice.contracts.choices import PUBLICITY, PUBLICITY_REFUSED, ContractStatus, ContractType
from prodoffice.contracts.models import Contract
from prodoffice.contracts.recovery import sweep
from prodoffice.contracts.reminders import contracts_remind_due
from prodoffice.contracts.services import contracts_expire
from prodoffice.core.management.commands._base import FAILED, USAGE, CliCommand
from prodoffice.productions.management.commands._production import production_by_code


class Command(CliCommand):
    """List a production's contracts (the CLI runs as the system: every contract, no terms)."""

    help = (
        "Contracts: `list --production CODE [--status S] [--type T] [--json]`; `expire`; "
        "`sweep [--verify-files]` (finish interrupted sealing and link e-mails, delete orphan "
        "files); `remind [--production CODE]` (parties unsigned after "
        "PRODOFFICE_CONTRACT_REMINDER_DAYS days)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "verb",
            choices=["list", "expire", "sweep", "remind"],
            help="list; expire (deadline sweep); sweep (recovery); remind (due reminders).",
        )
        parser.add_argument("--production", help="The production's code (list, remind).")
        parser.add_argument(
            "--verify-files",
            action="store_true",
            help="sweep: also check every executed contract's final file against its SHA-256.",
        )
        parser.add_argument(
            "--grace",
            type=int,
            default=300,
            help="sweep: seconds after which unfinished work counts as lost (default 300).",
        )
        parser.add_argument("--status", help=f"One of: {', '.join(ContractStatus.values)}.")
        parser.add_argument("--type", dest="contract_type", help="A contract type.")

    def handle(self, *args, **options):
        if options["verb"] == "expire":
            count = contracts_expire()
            if options["json"]:
                self.emit_json({"expired": count})
            else:
                self.stdout.write(f"{count} contracts past their signing deadline expired.")
            return
        if options["verb"] == "sweep":
            return self._sweep(options)
        if options["verb"] == "remind":
            production = (
                production_by_code(options["production"]) if options["production"] else None
            )
            count = contracts_remind_due(production=production)
            if options["json"]:
                self.emit_json({"reminded": count})
            else:
                self.stdout.write(f"{count} parties reminded (fresh link and code by e-mail).")
            return
        if not options["production"]:
            raise CommandError("list needs --production CODE.", returncode=USAGE)
        production = production_by_code(options["production"])
        rows = Contract.objects.filter(production=production).select_related("production")
        if options["status"]:
            if options["status"] not in ContractStatus.values:
                raise CommandError(
                    f"Unknown status {options['status']!r}; one of: "
                    f"{', '.join(ContractStatus.values)}.",
                    returncode=USAGE,
                )
            rows = rows.filter(status=options["status"])
        if options["contract_type"]:
            rows = rows.filter(contract_type=_type(options["contract_type"]))
        data = [_row(c) for c in rows.order_by("number")]
        if options["json"]:
            self.emit_json(data)
            return
        if not data:
            self.stdout.write(f"No contracts in {production.code} match.")
        for r in data:
            self.stdout.write(f"{r['reference']:<22} {r['status']:<14} {r['type']:<9} {r['title']}")

    def _sweep(self, options) -> None:
        if options["grace"] < 0:
            raise CommandError("--grace is a number of seconds, 0 or more.", returncode=USAGE)
        report = sweep(
            grace=datetime.timedelta(seconds=options["grace"]),
            verify_files=options["verify_files"],
        )
        if options["json"]:
            self.emit_json(report.as_dict())
        else:
            for line in report.lines():
                self.stdout.write(line)
        if not report.clean:
            raise CommandError(
                "Some contracts need attention (see above); the sweep retries failed seals.",
                returncode=FAILED,
            )


def _type(value: str) -> str:
    if value == PUBLICITY:
        raise CommandError(PUBLICITY_REFUSED, returncode=USAGE)
    if value not in ContractType.values:
        raise CommandError(
            f"Unknown contract type {value!r}; one of: {', '.join(ContractType.values)}.",
            returncode=USAGE,
        )
    return value


def _row(c: Contract) -> dict:
    return {
        "id": str(c.public_id),
        "reference": c.reference,
        "number": c.number,
        "version": c.version,
        "type": c.contract_type,
        "title": c.title,
        "status": c.status,
        "sent_at": c.sent_at.isoformat() if c.sent_at else None,
        "countersigned_at": c.countersigned_at.isoformat() if c.countersigned_at else None,
    }
