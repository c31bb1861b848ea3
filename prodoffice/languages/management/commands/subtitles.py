"""`prodoffice subtitles VERB`: subtitle quality control from the command line.

qc FILE --language LANG [--fps 24] [--children] [--json]   check one file against the language's
                                                          profile; exit 0 when the file was read
                                                          (even with violations), 1 when it was not
convert FILE --to FORMAT --output OUT                     to SRT, WebVTT, ASS, SSA or TTML
cut-review CODE:CUT:vN                                    flag the events of every subtitle track
                                                          that this cut version changed, reopen
                                                          the affected work (run after an import)

The JSON of qc is a contract other tools rely on (docs/guide/languages.md).
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import FAILED, USAGE, CliCommand
from prodoffice.languages import qc
from prodoffice.languages.conversion import CONVERTIBLE, convert
from prodoffice.languages.services.cuts import subtitles_on_new_cut
from prodoffice.people.validators import validate_language
from prodoffice.post.selectors import version_by_reference


class Command(CliCommand):
    """Check a subtitle file against the QC rules, or convert it to another format."""

    help = (
        "Subtitles: qc FILE --language LANG [--fps 24] [--children] [--json]; "
        "convert FILE --to srt|vtt|ass|ssa|ttml --output OUT; cut-review CODE:CUT:vN."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "verb", choices=["qc", "convert", "cut-review"], help="What to do (see above)."
        )
        parser.add_argument(
            "file", help="The subtitle file (cut-review: the cut version CODE:CUT:vN)."
        )
        parser.add_argument("--language", help="BCP 47 tag of the subtitles' language (qc).")
        parser.add_argument("--fps", default="24", help="Frame rate: 24, 25, 23.976 or 24000/1001.")
        parser.add_argument("--children", action="store_true", help="Children's reading speed.")
        parser.add_argument("--to", choices=CONVERTIBLE, help="Target format (convert).")
        parser.add_argument("--output", help="Where to write the converted file (convert).")

    def handle(self, *args, **options):
        if options["verb"] == "cut-review":
            return self._cut_review(options)
        data = self._read(options["file"])
        if options["verb"] == "convert":
            return self._convert(data, options)
        profile, fps = self._settings(options)
        try:
            document = qc.read_bytes(data, filename=options["file"], language=options["language"])
        except qc.SubtitleReadError as exc:
            raise CommandError(f"{options['file']}: {exc}", returncode=FAILED) from None
        report = qc.run_qc(document, profile=profile, fps=fps)
        if options["json"]:
            return self.emit_json(report.as_dict())
        self._print(options["file"], report)

    def _read(self, name: str) -> bytes:
        try:
            return Path(name).read_bytes()
        except OSError as exc:
            raise CommandError(
                f"{name}: cannot be read ({exc.strerror})", returncode=FAILED
            ) from None

    def _settings(self, options) -> tuple[qc.Profile, object]:
        language = options["language"]
        if not language:
            raise CommandError(
                "qc needs --language, a BCP 47 tag such as en, es or pt-BR.", returncode=USAGE
            )
        try:
            validate_language(language)
            fps = qc.parse_fps(options["fps"])
        except ValidationError as exc:
            raise CommandError(f"--language: {exc.messages[0]}", returncode=USAGE) from None
        except qc.FrameRateError as exc:
            raise CommandError(f"--fps: {exc}", returncode=USAGE) from None
        return qc.default_profile(language, children=options["children"]), fps

    def _print(self, name: str, report: qc.Report) -> None:
        self.stdout.write(f"{name}: {report.events} events, {report.format}, {report.encoding}")
        for rule, count in report.counts.items():
            if count:
                self.stdout.write(f"  {rule}: {count} events")
        for v in report.violations:
            self.stdout.write(f"  #{v.event} {qc.format_ms(v.start_ms)} {v.rule}: {v.message}")
        if not report.violations:
            self.stdout.write("  no violations")

    def _convert(self, data: bytes, options) -> None:
        if not options["to"] or not options["output"]:
            raise CommandError("convert needs --to FORMAT and --output FILE.", returncode=USAGE)
        try:
            document = qc.read_bytes(data, filename=options["file"])
        except qc.SubtitleReadError as exc:
            raise CommandError(f"{options['file']}: {exc}", returncode=FAILED) from None
        Path(options["output"]).write_text(convert(document, options["to"]), encoding="utf-8")
        if options["json"]:
            return self.emit_json(
                {
                    "output": options["output"],
                    "format": options["to"],
                    "events": len(document.events),
                }
            )
        self.stdout.write(f"{options['output']}: {len(document.events)} events as {options['to']}")

    def _cut_review(self, options) -> None:
        new_cut = version_by_reference(options["file"])
        impacts = subtitles_on_new_cut(actor=None, new_cut=new_cut)
        rows = [
            {"track": str(i.subtitle_version), "events": i.events, "reopened": i.reopened}
            for i in impacts
        ]
        if options["json"]:
            return self.emit_json({"cut_version": new_cut.reference, "tracks": rows})
        for row in rows:
            events = ", ".join(map(str, row["events"])) or "none"
            self.stdout.write(
                f"{row['track']}: events {events}; {row['reopened']} work items reopened"
            )
        if not rows:
            self.stdout.write(
                f"No subtitle track is timed against an older version of {new_cut.reference}."
            )
