"""`prodoffice dubbing VERB CODE`: dubbing scripts, recording sessions and dubbed deliverables.

import CODE --language LANG --file FILE       replace the language's script with a CSV or XLSX
export CODE --language LANG --output OUT     the script as CSV or XLSX (by OUT's extension)
script CODE --language LANG                  list the script's lines
book CODE --language LANG --character NAME --room ID --start ISO --end ISO [--level LEVEL]
                                             a recording session: a booking of a post room
sessions CODE                                list the recording sessions
deliverables CODE --language LANG            find or add the dubbed version in the delivery
                                             schedules of the language's territories

The same services as the web pages and the API; run as the system (`source` cli in the audit).
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import FAILED, USAGE, CliCommand
from prodoffice.languages import script_io
from prodoffice.languages.models import DubbingLine, ProductionLanguage, RecordingSession, VoiceRole
from prodoffice.languages.services import deliveries, dubbing, script
from prodoffice.post.choices import BookingLevel
from prodoffice.post.models import Room
from prodoffice.productions.management.commands._production import production_by_code

VERBS = ("import", "export", "script", "book", "sessions", "deliverables")


class Command(CliCommand):
    """Dubbing scripts in and out, recording sessions in post rooms, dubbed deliverables."""

    help = (
        "Dubbing: import|export|script|book|sessions|deliverables CODE [--language LANG] "
        "(see the module's docstring)."
    )

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=VERBS, help="What to do.")
        parser.add_argument("production", help="The production's code.")
        parser.add_argument("--language", help="BCP 47 tag of the dubbed language.")
        parser.add_argument("--file", help="The CSV or XLSX script to import.")
        parser.add_argument("--output", help="Where to write the export (.csv or .xlsx).")
        parser.add_argument("--character", help="The voiced character (book).")
        parser.add_argument("--room", type=int, help="The post room's id (book).")
        parser.add_argument("--start", help="Start, ISO 8601 with offset (book).")
        parser.add_argument("--end", help="End, ISO 8601 with offset (book).")
        parser.add_argument(
            "--level", default=BookingLevel.CONFIRMED, choices=BookingLevel.values, help="(book)"
        )

    def handle(self, *args, **options):
        production = production_by_code(options["production"])
        verb = options["verb"].replace("-", "_")
        if verb not in ("sessions",) and not options["language"]:
            raise CommandError(f"{verb} needs --language (e.g. de).", returncode=USAGE)
        return getattr(self, f"_{verb}")(production, options)

    def _need(self, options, *names) -> None:
        missing = [f"--{n}" for n in names if not options.get(n)]
        if missing:
            raise CommandError(f"{options['verb']} needs {', '.join(missing)}.", returncode=USAGE)

    def _import(self, production, options) -> None:
        self._need(options, "file")
        try:
            data = Path(options["file"]).read_bytes()
        except OSError as exc:
            raise CommandError(
                f"{options['file']}: cannot be read ({exc.strerror})", returncode=FAILED
            ) from None
        lines = script.dubbing_script_import(
            actor=None,
            production=production,
            language=options["language"],
            filename=options["file"],
            data=data,
        )
        if options["json"]:
            return self.emit_json({"language": options["language"], "lines": len(lines)})
        self.stdout.write(f"{len(lines)} lines imported into the {options['language']} script.")

    def _lines(self, production, language):
        return list(DubbingLine.objects.filter(production=production, language__iexact=language))

    def _export(self, production, options) -> None:
        self._need(options, "output")
        lines = self._lines(production, options["language"])
        out = Path(options["output"])
        if out.suffix.lower() == ".xlsx":
            data = script_io.export_xlsx(lines, f"Dubbing {options['language']}")
        elif out.suffix.lower() == ".csv":
            data = script_io.export_csv(lines)
        else:
            raise CommandError("--output must end in .csv or .xlsx.", returncode=USAGE)
        out.write_bytes(data)
        if options["json"]:
            return self.emit_json({"output": str(out), "lines": len(lines)})
        self.stdout.write(f"{out}: {len(lines)} lines.")

    def _script(self, production, options) -> None:
        rows = [
            {c: getattr(line, c) for c in script_io.COLUMNS}
            for line in self._lines(production, options["language"])
        ]
        if options["json"]:
            return self.emit_json({"language": options["language"], "lines": rows})
        for row in rows:
            self.stdout.write(
                f"{row['number']:>4} {row['scene'] or '-':>5} {row['character']}: "
                f"{row['original']} | {row['adapted'] or '(to adapt)'}"
            )
        if not rows:
            self.stdout.write("No lines.")

    def _book(self, production, options) -> None:
        self._need(options, "character", "room", "start", "end")
        role = VoiceRole.objects.filter(
            production=production,
            language__iexact=options["language"],
            character__iexact=options["character"].strip(),
        ).first()
        if role is None:
            raise CommandError(
                f"No {options['language']} voice is cast for {options['character']}.",
                returncode=FAILED,
            )
        room = Room.objects.filter(pk=options["room"], facility__production=production).first()
        if room is None:
            raise CommandError(
                f"No room {options['room']} on {production.code}.", returncode=FAILED
            )
        session = dubbing.recording_session_book(
            actor=None,
            voice_role=role,
            room=room,
            starts_at=_when(options["start"], "--start"),
            ends_at=_when(options["end"], "--end"),
            level=options["level"],
        )
        if options["json"]:
            return self.emit_json(_session_row(session))
        self.stdout.write(f"Booked: {session} in {room} (booking #{session.booking_id}).")

    def _sessions(self, production, options) -> None:
        rows = [
            _session_row(s)
            for s in RecordingSession.objects.filter(production=production).select_related(
                "voice_role", "room__facility"
            )
        ]
        if options["json"]:
            return self.emit_json({"sessions": rows})
        for row in rows:
            self.stdout.write(
                f"{row['starts_at']} {row['language']} {row['character']} in {row['room']}: "
                f"{row['status']} (booking {row['booking'] or '-'})"
            )
        if not rows:
            self.stdout.write("No recording sessions.")

    def _deliverables(self, production, options) -> None:
        entry = ProductionLanguage.objects.filter(
            production=production, language__iexact=options["language"]
        ).first()
        if entry is None:
            raise CommandError(
                f"{options['language']} is not a language of {production.code}.", returncode=FAILED
            )
        links = deliveries.dubbed_versions_link(actor=None, entry=entry)
        rows = [
            {
                "schedule": str(x.schedule),
                "deliverable": x.deliverable.pk,
                "due_date": x.deliverable.due_date.isoformat(),
                "status": x.deliverable.status,
                "created": x.created,
            }
            for x in links
        ]
        if options["json"]:
            return self.emit_json({"language": entry.language, "deliverables": rows})
        for row in rows:
            added = "added" if row["created"] else "already there"
            self.stdout.write(f"{row['schedule']}: dubbed version due {row['due_date']} ({added})")
        if not rows:
            self.stdout.write(
                f"No delivery schedule for {', '.join(entry.territories) or 'its territories'}."
            )


def _when(value: str, name: str) -> datetime.datetime:
    try:
        when = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"{name}: {value!r} is not an ISO 8601 date and time.", returncode=USAGE
        ) from None
    if when.tzinfo is None:
        raise CommandError(
            f"{name}: give the UTC offset (e.g. 2027-03-01T09:00+01:00).", returncode=USAGE
        )
    return when


def _session_row(session) -> dict:
    return {
        "id": str(session.public_id),
        "language": session.voice_role.language,
        "character": session.voice_role.character,
        "room": str(session.room) if session.room_id else session.studio,
        "booking": session.booking_id,
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "status": session.status,
    }
