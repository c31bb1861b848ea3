"""`prodoffice callsheet VERB`: call sheets from the command line.

build   --production CODE --date YYYY-MM-DD [--board NAME] [--json]   print the draft, save nothing
publish --production CODE --date YYYY-MM-DD [--override-reason TEXT]  publish the day's draft
send    --production CODE --date YYYY-MM-DD                           queue the published version
settings --production CODE [--cutoff HH:MM] [--rest-hours N] [--alarm-hours N]
         [--offset SLUG=MINUTES ...] [--union-rest UNION=HOURS ...] [--hide-cast-names yes|no]
         [--confirm-to EMAIL ...]                                      the production's rules
bounce  --production CODE (--email ADDRESS | --message-id ID | --dsn FILE ...) [--reason TEXT]
                                                                      record bounced mail
alarms  --production CODE       mail the alarm of days not published in time (once per version)
wrap    --production CODE --date YYYY-MM-DD --email ADDRESS (--at HH:MM | --clear)
                                a person's own wrap (dismiss time) on the day's draft

`build --json` is the contract other tools rely on: {date, time_zone, shoot_day, shoot_days,
version, general_call, sunrise, sunset, locations, scenes, cast, warnings}. The CLI acts as the
system (publishing over warnings still needs a reason, which is audited).
"""

from __future__ import annotations

import datetime

from django.core.management.base import CommandError

from prodoffice.callsheets.choices import SheetStatus
from prodoffice.callsheets.models import CallSheet
from prodoffice.callsheets.selectors.draft import board_for, build_draft
from prodoffice.callsheets.services import distribution, sheets
from prodoffice.core.management.commands._base import USAGE, CliCommand
from prodoffice.productions.management.commands._production import production_by_code


def cli_view(draft: dict) -> dict:
    """The documented JSON shape of `build --json`."""
    return {
        "date": draft["date"],
        "time_zone": draft["time_zone"],
        "shoot_day": draft["shoot_day"],
        "shoot_days": draft["shoot_days"],
        "version": draft["version"],
        "general_call": draft["general_call"],
        "sunrise": draft["sunrise"],
        "sunset": draft["sunset"],
        "locations": [
            {k: loc[k] for k in ("name", "address", "latitude", "longitude")}
            for loc in draft["locations"]
        ],
        "scenes": [
            {
                "number": s["number"],
                "int_ext": s["int_ext"],
                "set": s["set"],
                "day_night": s["day_night"],
                "eighths": s["eighths"],
                "cast": s["cast"],
            }
            for s in draft["scenes"]
        ],
        "cast": [
            {
                "board_id": c["board_id"],
                "character": c["character"],
                "performer": c["performer"],
                "status": c["status"],
                "call": c["offsets_hhmm"],
            }
            for c in draft["cast"]
        ],
        "warnings": draft["warnings"],
    }


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            f"--date: “{value}” is not a date (YYYY-MM-DD).", returncode=USAGE
        ) from exc


class Command(CliCommand):
    """Build, publish and send a shoot day's call sheet."""

    help = (
        "Call sheets: build|publish|send --production CODE --date YYYY-MM-DD [--board NAME] "
        "[--override-reason TEXT] [--json]. build prints the draft and saves nothing. Exit codes: "
        "0 done, 1 refused (e.g. open warnings, already published), 2 bad arguments."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "verb", choices=["build", "publish", "send", "settings", "bounce", "alarms", "wrap"]
        )
        parser.add_argument("--at", metavar="HH:MM", help="wrap: the dismiss time.")
        parser.add_argument("--clear", action="store_true", help="wrap: back to the computed.")
        parser.add_argument("--production", required=True, metavar="CODE")
        parser.add_argument("--date", metavar="YYYY-MM-DD", help="build, publish, send.")
        parser.add_argument("--cutoff", metavar="HH:MM", help="settings: call-change cutoff.")
        parser.add_argument("--rest-hours", type=int, metavar="N")
        parser.add_argument("--alarm-hours", type=int, metavar="N")
        parser.add_argument("--offset", action="append", default=[], metavar="SLUG=MINUTES")
        parser.add_argument("--union-rest", action="append", default=[], metavar="UNION=HOURS")
        parser.add_argument("--hide-cast-names", choices=["yes", "no"])
        parser.add_argument("--email", metavar="ADDRESS", help="bounce: the address that bounced.")
        parser.add_argument("--message-id", metavar="ID", help="bounce: our mail's Message-ID.")
        parser.add_argument(
            "--dsn",
            action="append",
            default=[],
            metavar="FILE",
            help="bounce: a delivery status notification (RFC 3464) as saved from the mailbox.",
        )
        parser.add_argument("--reason", default="", metavar="TEXT")
        parser.add_argument("--confirm-to", action="append", default=None, metavar="EMAIL")
        parser.add_argument(
            "--board", metavar="NAME", help="build: a board other than the working one."
        )
        parser.add_argument("--override-reason", default="", metavar="TEXT")

    def handle(self, *args, **options):
        production = production_by_code(options["production"])
        if options["verb"] == "settings":
            return self._settings(production, options)
        if options["verb"] == "bounce":
            return self._bounce(production, options)
        if options["verb"] == "alarms":
            from prodoffice.callsheets.services.alarm import callsheet_alarms_send

            sent = callsheet_alarms_send(production=production)
            return self._answer(options, {"alarms": sent}, f"{sent} alarm(s) sent.")
        if not options["date"]:
            raise CommandError("--date YYYY-MM-DD is needed.", returncode=USAGE)
        day = _date(options["date"])
        verb = options["verb"]
        if verb == "build":
            return self._build(production, day, options)
        if verb == "publish":
            return self._publish(production, day, options)
        if verb == "wrap":
            return self._wrap(production, day, options)
        return self._send(production, day, options)

    def _build(self, production, day, options) -> None:
        board = board_for(production, options["board"])
        sheet = CallSheet.objects.filter(
            production=production, date=day, status=SheetStatus.DRAFT
        ).first()
        if sheet is None:
            latest = (
                CallSheet.objects.filter(production=production, date=day)
                .order_by("-version")
                .first()
            )
            sheet = CallSheet(
                production=production,
                date=day,
                time_zone=production.time_zone,
                version=latest.version + 1 if latest else 1,
            )
        draft = build_draft(production=production, day=day, board=board, sheet=sheet)
        for row in draft["cast"]:
            row["offsets_hhmm"] = _hhmm(sheet, row["offsets"]["call"])
        view = cli_view(draft)
        if options["json"]:
            self.emit_json(view)
            return
        self.stdout.write(
            f"{production.code} day {view['shoot_day']} of {view['shoot_days']}, "
            f"{view['date']}, v{view['version']}: general call {view['general_call']}"
        )
        for row in view["cast"]:
            self.stdout.write(
                f"  {row['board_id']:>4} {row['character']:<24} {row['status']:<4} {row['call']}"
            )
        for text in view["warnings"]:
            self.stdout.write(f"  warning: {text}")

    def _publish(self, production, day, options) -> None:
        sheet = CallSheet.objects.filter(
            production=production, date=day, status=SheetStatus.DRAFT
        ).first()
        if sheet is None:
            raise CommandError(
                f"No draft for {day.isoformat()}: build one on the call sheets page "
                "or revise the published version.",
                returncode=1,
            )
        sheet = sheets.callsheet_publish(
            actor=None, sheet=sheet, override_reason=options["override_reason"]
        )
        self._answer(
            options,
            {
                "date": day.isoformat(),
                "version": sheet.version,
                "status": sheet.status,
                "warnings": sheet.snapshot["warnings"],
            },
            f"Version {sheet.version} of {day.isoformat()} published.",
        )

    def _send(self, production, day, options) -> None:
        sheet = CallSheet.objects.filter(
            production=production, date=day, status=SheetStatus.PUBLISHED
        ).first()
        if sheet is None:
            raise CommandError(
                f"Nothing published for {day.isoformat()}: publish first.", returncode=1
            )
        queued = distribution.callsheet_send(actor=None, sheet=sheet)
        self._answer(
            options,
            {"date": day.isoformat(), "version": sheet.version, "queued": queued},
            f"Version {sheet.version} of {day.isoformat()} queued to {queued} people.",
        )

    def _wrap(self, production, day, options) -> None:
        if not options["email"] or (options["at"] is None) == (not options["clear"]):
            raise CommandError(
                "wrap needs --email ADDRESS and either --at HH:MM or --clear.", returncode=USAGE
            )
        at = None
        if options["at"] is not None:
            try:
                at = datetime.time.fromisoformat(options["at"])
            except ValueError as exc:
                raise CommandError("--at: give HH:MM.", returncode=USAGE) from exc
        sheet = CallSheet.objects.filter(
            production=production, date=day, status=SheetStatus.DRAFT
        ).first()
        if sheet is None:
            raise CommandError(f"No draft for {day.isoformat()}.", returncode=1)
        engagement = _engagements_by_email(production, [options["email"]])[0]
        row = sheets.call_wrap_set(actor=None, sheet=sheet, engagement=engagement, at=at)
        wrap = _hhmm(sheet, row.wrap) if row.wrap is not None else "general wrap"
        self._answer(
            options,
            {
                "date": day.isoformat(),
                "email": options["email"],
                "wrap": row.wrap,
                "manual": row.wrap_manual,
            },
            f"{engagement.person} wraps at {wrap} on {day.isoformat()}.",
        )

    def _bounce(self, production, options) -> None:
        if options["dsn"]:
            rows = []
            for name in options["dsn"]:
                try:
                    with open(name, "rb") as handle:
                        raw = handle.read(2_000_000)
                except OSError as exc:
                    raise CommandError(f"--dsn: cannot read {name}: {exc.strerror}.") from exc
                rows += distribution.bounces_from_dsn(actor=None, production=production, raw=raw)
        elif options["email"] or options["message_id"]:
            rows = [
                distribution.recipient_bounce(
                    actor=None,
                    production=production,
                    email=options["email"] or "",
                    message_id=options["message_id"] or "",
                    reason=options["reason"],
                )
            ]
        else:
            raise CommandError("Give --email, --message-id or --dsn FILE.", returncode=USAGE)
        data = [
            {
                "date": r.sheet.date.isoformat(),
                "version": r.sheet.version,
                "email": r.email,
                "state": r.state,
                "reason": r.error,
            }
            for r in rows
        ]
        self._answer(
            options,
            {"bounced": data},
            "\n".join(
                f"Bounced: {d['email']} ({d['date']} v{d['version']}): {d['reason']}" for d in data
            ),
        )

    def _settings(self, production, options) -> None:
        from prodoffice.callsheets.selectors.draft import settings_for
        from prodoffice.callsheets.services.settings import settings_update

        values = _settings_values(settings_for(production), options)
        confirm_to = None
        if options["confirm_to"] is not None:
            confirm_to = _engagements_by_email(production, options["confirm_to"])
        rules = settings_update(
            actor=None, production=production, values=values, confirm_to=confirm_to
        )
        data = {
            "cutoff": rules.cutoff_time.strftime("%H:%M"),
            "rest_hours": rules.rest_hours,
            "alarm_hours": rules.alarm_hours,
            "union_rest_hours": rules.union_rest_hours,
            "hide_cast_names": rules.hide_cast_names,
            "department_offsets": rules.department_offsets,
            "confirm_to": [e.person.email for e in rules.confirm_to.select_related("person")],
        }
        self._answer(options, data, f"Call sheet rules of {production.code}: {data}")

    def _answer(self, options, data: dict, text: str) -> None:
        if options["json"]:
            self.emit_json(data)
        else:
            self.stdout.write(text)


def _hhmm(sheet, offset: int) -> str:
    from prodoffice.callsheets import calltimes

    return calltimes.call_at(sheet.date, sheet.general_call, sheet.time_zone, offset).strftime(
        "%H:%M"
    )


def _settings_values(rules, options) -> dict:
    """The changed rules from the options; offsets merge into the production's table."""
    values: dict = {}
    if options["cutoff"]:
        try:
            values["cutoff_time"] = datetime.time.fromisoformat(options["cutoff"])
        except ValueError as exc:
            raise CommandError("--cutoff: give HH:MM.", returncode=USAGE) from exc
    for name in ("rest_hours", "alarm_hours"):
        if options[name] is not None:
            values[name] = options[name]
    if options["offset"]:
        offsets = dict(rules.department_offsets)
        for item in options["offset"]:
            slug, _, minutes = item.partition("=")
            if not slug or not minutes.lstrip("-").isdigit():
                raise CommandError(f"--offset: “{item}” is not SLUG=MINUTES.", returncode=USAGE)
            offsets[slug] = int(minutes)
        values["department_offsets"] = offsets
    if options["union_rest"]:
        unions = dict(rules.union_rest_hours or {})
        for item in options["union_rest"]:
            union, _, hours = item.partition("=")
            if not union.strip() or not hours.isdigit():
                raise CommandError(f"--union-rest: “{item}” is not UNION=HOURS.", returncode=USAGE)
            unions[union.strip()] = int(hours)
        values["union_rest_hours"] = unions
    if options["hide_cast_names"]:
        values["hide_cast_names"] = options["hide_cast_names"] == "yes"
    return values


def _engagements_by_email(production, emails: list[str]) -> list:
    """Engagements of the production whose person has each e-mail (unknown ones refused)."""
    found = []
    for email in emails:
        engagement = production.engagements.filter(person__email__iexact=email).first()
        if engagement is None:
            raise CommandError(
                f"--confirm-to: nobody engaged here has the e-mail {email}.", returncode=1
            )
        found.append(engagement)
    return found
