"""`prodoffice contracts VERB`: the contract desk from the command line.

list --production CODE [--status S] [--type T]   a production's contracts
show REF                                         terms, parties, documents and the timeline
import FILE --production CODE [--dry-run] [--skip-invalid]   drafts from CSV or XLSX
preview REF --output FILE.pdf                    a draft's PDF, marked as a preview (nothing stored)
send REF [--expires YYYY-MM-DD]                  render and freeze the document, mail the links
void REF --reason TEXT                           void a contract that is not executed
countersign REF --as USERNAME --otp CODE         the office signatory, with a fresh TOTP code
expire                                           the expiry sweep
sweep [--verify-files] [--grace SECONDS]         the recovery sweep (ADR 0009)
remind [--production CODE]                       reminders that are due

Run expire, sweep and remind from cron (the worker also sweeps when it starts).

REF is a contract's reference (HARBOR-C0007 or HARBOR-C0007-v2). The CLI acts as the system
(the operator of the server), except `countersign`, which acts as the named signatory.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.core.management.base import CommandError
from django.db import models
from django.utils import timezone

from prodoffice.contracts.choices import PUBLICITY, PUBLICITY_REFUSED, ContractStatus, ContractType
from prodoffice.contracts.display import event_sentence, term_value
from prodoffice.contracts.importer import COLUMNS, REQUIRED, contracts_import
from prodoffice.contracts.models import Contract
from prodoffice.contracts.recovery import sweep
from prodoffice.contracts.services import countersign, drafting, ending, sending
from prodoffice.contracts.services.ending import contracts_expire
from prodoffice.contracts.services.reminders import contracts_remind_due
from prodoffice.core.display import day, language_name, local_datetime, zone
from prodoffice.core.management.commands._base import FAILED, USAGE, CliCommand
from prodoffice.productions.management.commands._production import production_by_code


class Command(CliCommand):
    """List a production's contracts (the CLI runs as the system: every contract, no terms)."""

    help = (
        "Contracts: list --production CODE [--status S] [--type T]; show REF; import FILE "
        "--production CODE [--dry-run] [--skip-invalid]; preview REF --output FILE.pdf; "
        "send REF [--expires DATE]; void REF "
        "--reason TEXT; countersign REF --as USERNAME --otp CODE; expire; sweep "
        "[--verify-files] (finish interrupted sealing and link e-mails, delete orphan files); "
        "remind [--production CODE] "
        "(parties unsigned after PRODOFFICE_CONTRACT_REMINDER_DAYS days). Import columns: "
        f"{', '.join(REQUIRED)} (required), {', '.join(c for c in COLUMNS if c not in REQUIRED)}."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "verb",
            choices=[
                "list",
                "show",
                "import",
                "preview",
                "send",
                "void",
                "countersign",
                "expire",
                "sweep",
                "remind",
            ],
            help="What to do (see above).",
        )
        parser.add_argument("target", nargs="?", help="A contract reference, or the import file.")
        parser.add_argument("--production", help="The production's code (list, import, remind).")
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
        parser.add_argument("--dry-run", action="store_true", help="import: save nothing.")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import: keep the valid rows."
        )
        parser.add_argument("--output", help="preview: where to write the PDF.")
        parser.add_argument(
            "--expires",
            help="send: the signing deadline (YYYY-MM-DD, the end of that day in the "
            "production's time zone).",
        )
        parser.add_argument("--reason", default="", help="void: why.")
        parser.add_argument("--as", dest="username", help="countersign: the signatory's login.")
        parser.add_argument("--otp", default="", help="countersign: their authenticator code.")

    def handle(self, *args, **options):
        verb = options["verb"]
        if verb in ("show", "preview", "send", "void", "countersign"):
            return getattr(self, f"_{verb}")(by_reference(options["target"]), options)
        if verb == "import":
            return self._import(options)
        if verb == "expire":
            count = contracts_expire()
            if options["json"]:
                self.emit_json({"expired": count})
            else:
                self.stdout.write(f"{count} contracts past their signing deadline expired.")
            return
        if verb == "sweep":
            return self._sweep(options)
        if verb == "remind":
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
        labels, types = dict(ContractStatus.choices), dict(ContractType.choices)
        for r in data:
            status, kind = labels[r["status"]], types[r["type"]].split(" (")[0]
            self.stdout.write(f"{r['reference']:<22} {status:<22} {kind:<28} {r['title']}")

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
                "Some contracts need attention (see above): failed sends are back in draft "
                "(send them again); the sweep retries failed seals.",
                returncode=FAILED,
            )

    def _show(self, contract: Contract, options) -> None:
        data = _row(contract) | {
            "production": contract.production.code,
            "terms": {f: _plain(getattr(contract, f)) for f in drafting.TERM_FIELDS},
            "parties": [
                {
                    "name": p.display_name,
                    "email": p.email,
                    "role": p.role,
                    "status": p.status,
                    "signed_at": _plain(p.signed_at),
                }
                for p in contract.parties.select_related("person", "company").order_by("order")
            ],
            "documents": [
                {"version": d.version, "kind": d.kind, "sha256": d.sha256, "size": d.size}
                for d in contract.documents.order_by("version", "kind")
            ],
            "events": [
                {"seq": e.seq, "at": _plain(e.at), "action": e.action, "by": e.actor_label}
                for e in contract.events.order_by("seq")
            ],
            "send_error": contract.send_error,
            "seal_error": contract.seal_error,
        }
        if options["json"]:
            self.emit_json(data)
            return
        where = contract.production
        self.stdout.write(
            f"{data['reference']}  {data['title']}  [{contract.get_status_display()}]"
        )
        if contract.status == "draft" and contract.send_error:
            self.stdout.write(f"  last send failed: {contract.send_error}")
        if contract.status == "countersigned" and contract.seal_error:
            self.stdout.write(f"  seal failed (the sweep retries): {contract.seal_error}")
        for name, value in data["terms"].items():
            if value not in (None, ""):
                label = name.replace("_", " ").capitalize()
                self.stdout.write(f"  {label}: {_term(contract, name, value)}")
        for p in contract.parties.select_related("person", "company").order_by("order"):
            signed = f", {local_datetime(p.signed_at, where)}" if p.signed_at else ""
            self.stdout.write(
                f"  party {p.display_name} <{p.email}> {p.get_role_display()}: "
                f"{p.get_status_display()}{signed}"
            )
        for d in contract.documents.order_by("version", "kind"):
            self.stdout.write(f"  document v{d.version} {d.get_kind_display()} sha256 {d.sha256}")
        for e in contract.events.order_by("seq"):
            self.stdout.write(f"  #{e.seq} {local_datetime(e.at, where)}  {event_sentence(e)}")

    def _preview(self, contract: Contract, options) -> None:
        if not options["output"]:
            raise CommandError("preview needs --output FILE.pdf.", returncode=USAGE)
        data = sending.contract_preview(actor=None, contract=contract)
        path = Path(options["output"])
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"--output: cannot write {path}: {exc.strerror}") from None
        missing = list(sending.contract_missing(contract).values())
        if options["json"]:
            self.emit_json(
                _row(contract) | {"preview": str(path), "size": len(data), "missing": missing}
            )
        else:
            self.stdout.write(
                f"Preview of {contract.reference} written to {path} ({len(data)} bytes)."
            )
            if missing:
                self.stdout.write("Not ready to send: " + " ".join(missing))

    def _send(self, contract: Contract, options) -> None:
        expires_at = None
        if options["expires"]:
            try:
                day = datetime.date.fromisoformat(options["expires"])
            except ValueError:
                raise CommandError(
                    "--expires: give a date as YYYY-MM-DD.", returncode=USAGE
                ) from None
            # The end of that day where the production is, as on the web form.
            end_of_day = datetime.datetime.combine(day, datetime.time(23, 59))
            expires_at = timezone.make_aware(end_of_day, zone(contract.production))
        contract = sending.contract_send(actor=None, contract=contract, expires_at=expires_at)
        if contract.status == "draft" and contract.send_error:
            raise CommandError(
                f"{contract.reference}: the document could not be rendered, nothing went out: "
                f"{contract.send_error}"
            )
        if contract.status == "sending":
            text = (
                f"Sending {contract.reference}: the worker renders the document and mails the "
                "links (prodoffice worker)."
            )
        else:
            text = f"Sent {contract.reference} to its parties."
        self._done(contract, options, text)

    def _void(self, contract: Contract, options) -> None:
        if not options["reason"].strip():
            raise CommandError("void needs --reason TEXT.", returncode=USAGE)
        contract = ending.contract_void(actor=None, contract=contract, reason=options["reason"])
        self._done(contract, options, f"Voided {contract.reference}.")

    def _countersign(self, contract: Contract, options) -> None:
        if not options["username"]:
            raise CommandError("countersign needs --as USERNAME and --otp CODE.", returncode=USAGE)
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']!r}.", returncode=USAGE)
        contract = countersign.contract_countersign(
            actor=user, contract=contract, otp_code=options["otp"]
        )
        contract.refresh_from_db()
        self._done(contract, options, f"Countersigned {contract.reference}: {contract.status}.")

    def _done(self, contract: Contract, options, text: str) -> None:
        if options["json"]:
            self.emit_json(_row(contract))
        else:
            self.stdout.write(text)

    def _import(self, options) -> None:
        if not options["production"] or not options["target"]:
            raise CommandError("import needs FILE and --production CODE.", returncode=USAGE)
        production = production_by_code(options["production"])
        path = Path(options["target"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}", returncode=USAGE)
        report = contracts_import(
            actor=None,
            production=production,
            file=path,
            skip_invalid=options["skip_invalid"],
            dry_run=options["dry_run"],
        )
        if options["json"]:
            self.emit_json(report.as_dict())
        else:
            for error in report.errors:
                self.stderr.write(str(error))
            if report.applied or report.dry_run:
                prefix = "Dry run, nothing saved: would draft" if report.dry_run else "Drafted"
                self.stdout.write(
                    f"{prefix} {report.imported} of {report.rows} contracts in "
                    f"{report.production}: {', '.join(report.references)}"
                )
        if not report.ok:
            bad = len({e.line for e in report.errors})
            raise CommandError(
                f"{bad} invalid row(s) of {report.rows}"
                + ("; the valid rows were drafted." if report.applied else ": nothing imported."),
                returncode=FAILED,
            )


REFERENCE = re.compile(r"^(?P<code>[A-Za-z0-9_-]+?)-C(?P<number>\d+)(?:-v\d+)?$")


def by_reference(reference: str | None) -> Contract:
    """The contract of a reference such as HARBOR-C0007 or HARBOR-C0007-v2 (the current one)."""
    match = REFERENCE.match((reference or "").strip())
    if not match:
        raise CommandError(
            f"Give a contract reference such as HARBOR-C0007 (got {reference!r}).",
            returncode=USAGE,
        )
    production = production_by_code(match["code"])
    contract = Contract.objects.filter(production=production, number=int(match["number"])).first()
    if contract is None:
        raise CommandError(f"No contract {reference} in {production.code}.", returncode=USAGE)
    return contract


def _plain(value):
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _term(contract: Contract, name: str, value) -> str:
    """A term as a person reads it: a choice's label, a language's name, Yes/No, a local time."""
    try:
        field = Contract._meta.get_field(name)
    except FieldDoesNotExist:
        return term_value(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if "language" in name:
        return language_name(str(value))
    if isinstance(field, models.DateTimeField):
        return local_datetime(getattr(contract, name), contract.production)
    if isinstance(field, models.DateField):
        return day(getattr(contract, name))
    if field.is_relation:
        return str(getattr(contract, name))
    return term_value(value)


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
