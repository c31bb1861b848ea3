"""`prodoffice contracts list --production CODE [--status S] [--json]`: a production's contracts;
`prodoffice contracts expire`: the expiry sweep (run it from cron)."""

from __future__ import annotations

from django.core.management.base import CommandError

from prodoffice.contracts.choices import PUBLICITY, PUBLICITY_REFUSED, ContractStatus, ContractType
from prodoffice.contracts.models import Contract
from prodoffice.contracts.services import contracts_expire
from prodoffice.core.management.commands._base import USAGE, CliCommand
from prodoffice.productions.management.commands._production import production_by_code


class Command(CliCommand):
    """List a production's contracts (the CLI runs as the system: every contract, no terms)."""

    help = "Contracts: `list --production CODE [--status S] [--type T] [--json]`; `expire`."

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["list", "expire"], help="list, or expire (sweep).")
        parser.add_argument("--production", help="The production's code (list).")
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
