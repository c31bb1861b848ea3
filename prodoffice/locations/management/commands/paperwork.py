"""`prodoffice paperwork due --production CODE --days N [--json]`: what expires, is due to apply
or is still missing in the next N days; `prodoffice paperwork daily`: the daily run (expiries,
reminders at 90/60/30/7 days, the production managers' digest, the purge) for cron instead of the
worker; `prodoffice paperwork rules list|set`: the permit offices' rules; `prodoffice paperwork
purge [--dry-run]`: remove the paperwork past its retention (five years and more)."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.management.base import CommandError
from django.utils import timezone

from prodoffice.core.management.commands._base import USAGE, CliCommand
from prodoffice.locations.models import JurisdictionRule
from prodoffice.locations.selectors import paperwork_due
from prodoffice.locations.services import paperwork, retention
from prodoffice.productions.management.commands._production import production_by_code


def _rule_dict(rule: JurisdictionRule) -> dict:
    return {
        "id": rule.pk,
        "production": rule.production.code if rule.production_id else None,
        "name": rule.name,
        "jurisdiction": rule.jurisdiction,
        "lead_business_days": rule.lead_business_days,
        "max_days_ahead": rule.max_days_ahead,
        "required_limit": str(rule.required_limit) if rule.required_limit is not None else None,
        "currency": rule.currency,
        "required_wording": rule.required_wording,
        "holidays": list(rule.holidays or []),
    }


class Command(CliCommand):
    """The paperwork desk from the command line (runs as the system: every document)."""

    help = (
        "Paperwork: due --production CODE --days N (documents expiring, due to apply or missing "
        "in the next N days); daily (expire lapsed documents, send reminders and digests, purge); "
        "rules list [--production CODE] | rules set --name NAME (--production CODE | --shared) "
        "[--lead N --max-ahead N --limit X --currency C --wording TEXT --holidays D,D]; "
        "purge [--dry-run] (remove paperwork past its retention)."
    )

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["due", "daily", "rules", "purge"])
        parser.add_argument("action", nargs="?", choices=["list", "set"], help="rules: list, set")
        parser.add_argument("--production", metavar="CODE")
        parser.add_argument("--days", type=int, default=30, metavar="N")
        parser.add_argument("--dry-run", action="store_true", help="purge: list, remove nothing")
        parser.add_argument("--shared", action="store_true", help="rules set: a shared rule")
        parser.add_argument("--name", metavar="NAME", help="rules set: the permit office")
        parser.add_argument("--jurisdiction", metavar="TEXT")
        parser.add_argument("--lead", type=int, metavar="N", help="business days before")
        parser.add_argument("--max-ahead", type=int, metavar="N", help="days ahead at most")
        parser.add_argument("--limit", metavar="AMOUNT", help="required insurance limit")
        parser.add_argument("--currency", metavar="CODE")
        parser.add_argument("--wording", metavar="TEXT", help="additional-insured wording")
        parser.add_argument("--holidays", metavar="DATES", help="YYYY-MM-DD,YYYY-MM-DD ...")

    def handle(self, *args, **options):
        verb = options["verb"]
        if options["action"] and verb != "rules":
            raise CommandError(f"{verb} takes no {options['action']!r}.", returncode=USAGE)
        if verb == "daily":
            from prodoffice.locations.tasks import run_daily

            counts = run_daily()
            return self.emit_json(counts) if options["json"] else self.stdout.write(str(counts))
        if verb == "rules":
            return self._rules(options)
        if verb == "purge":
            return self._purge(options)
        return self._due(options)

    def _due(self, options):
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

    def _purge(self, options):
        found = retention.purge(dry_run=options["dry_run"])
        rows = [
            {"document": str(d), "production": d.production.code, "kind": d.kind} for d in found
        ]
        if options["json"]:
            return self.emit_json({"dry_run": options["dry_run"], "documents": rows})
        verb = "Would remove" if options["dry_run"] else "Removed"
        for row in rows:
            self.stdout.write(f"{verb} {row['production']}: {row['document']}")
        years = retention.retention_years()
        self.stdout.write(f"{verb} {len(rows)} document(s) past their {years}-year retention.")

    def _rules(self, options):
        action = options["action"] or "list"
        production = production_by_code(options["production"]) if options["production"] else None
        if action == "list":
            rules = JurisdictionRule.objects.select_related("production").order_by("name", "id")
            if production is not None:
                rules = rules.available_to(production)
            rows = [_rule_dict(r) for r in rules]
            if options["json"]:
                return self.emit_json(rows)
            for r in rows:
                owner = r["production"] or "shared"
                self.stdout.write(
                    f"{r['id']:>4}  {owner:<10}  {r['name']}: apply {r['lead_business_days']} "
                    f"business days before, at most {r['max_days_ahead']} days ahead"
                )
            return None
        if not options["name"]:
            raise CommandError("rules set needs --name NAME.", returncode=USAGE)
        if (production is None) == (not options["shared"]):
            raise CommandError(
                "rules set needs --production CODE or --shared (not both).", returncode=USAGE
            )
        values = self._rule_values(options)
        rule = JurisdictionRule.objects.filter(
            production=production, name__iexact=options["name"].strip()
        ).first()
        if rule is None:
            rule = paperwork.rule_create(
                actor=None, production=production, name=options["name"].strip(), **values
            )
        else:
            rule = paperwork.rule_update(actor=None, rule=rule, **values)
        if options["json"]:
            return self.emit_json(_rule_dict(rule))
        self.stdout.write(f"Saved {rule.name} (id {rule.pk}).")
        return None

    @staticmethod
    def _rule_values(options) -> dict:
        values = {}
        for option, field in (("lead", "lead_business_days"), ("max_ahead", "max_days_ahead")):
            if options[option] is not None:
                if options[option] < 0:
                    raise CommandError(f"--{option.replace('_', '-')} must be 0 or more.")
                values[field] = options[option]
        for option, field in (
            ("jurisdiction", "jurisdiction"),
            ("wording", "required_wording"),
        ):
            if options[option] is not None:
                values[field] = options[option].strip()
        if options["currency"] is not None:
            values["currency"] = options["currency"].strip().upper()
        if options["limit"] is not None:
            try:
                values["required_limit"] = Decimal(options["limit"]) if options["limit"] else None
            except InvalidOperation as exc:
                raise CommandError(f"--limit {options['limit']!r} is not an amount.") from exc
        if options["holidays"] is not None:
            days = []
            for n, text in enumerate(filter(None, options["holidays"].split(",")), start=1):
                try:
                    days.append(datetime.date.fromisoformat(text.strip()).isoformat())
                except ValueError as exc:
                    raise CommandError(
                        f"--holidays item {n}: {text!r} is not a date (YYYY-MM-DD)."
                    ) from exc
            values["holidays"] = sorted(set(days))
        return values
