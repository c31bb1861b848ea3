"""`prodoffice import-cut FILE --production CODE`: keep a cut file as the next version of a cut."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import USAGE, CliCommand
from prodoffice.post.services.editorial import cut_import
from prodoffice.productions.management.commands._production import production_by_code


def version_summary(version) -> dict:
    """The JSON contract of import-cut."""
    return {
        "cut": version.cut.name,
        "version": version.number,
        "fps": float(version.fps) if version.fps.denominator != 1 else version.fps.numerator,
        "events": version.clip_count,
        "transitions": version.transition_count,
        "gaps": version.gap_count,
        "duration_frames": version.duration_frames,
        "duration": version.duration,
    }


class Command(CliCommand):
    """Import a CMX 3600 EDL, Final Cut Pro 7 XML, FCPXML or OTIO file."""

    help = (
        "Import a cut (CMX 3600 .edl, Final Cut Pro 7 .xml, .fcpxml or .otio) as the next "
        "version of a cut; every version is kept. --fps is the rate of an EDL (other formats "
        "carry their own). `events` counts clips only. "
        "Exit codes: 0 imported, 1 refused file (the reader's reason), 2 bad arguments."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The cut file.")
        parser.add_argument("--production", required=True, metavar="CODE")
        parser.add_argument("--fps", default="24", help="Frame rate of an EDL (default 24).")
        parser.add_argument("--name", default="", help="The cut's name (default: the title).")

    def handle(self, *args, **options):
        production = production_by_code(options["production"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}", returncode=USAGE)
        version = cut_import(
            actor=None,
            production=production,
            data=path.read_bytes(),
            filename=path.name,
            fps=options["fps"],
            name=options["name"],
        )
        summary = version_summary(version)
        if options["json"]:
            self.emit_json(summary)
            return
        self.stdout.write(
            f"{version}: {summary['events']} clips, {summary['transitions']} transitions, "
            f"{summary['gaps']} gaps, {summary['duration']} at {version.fps_label} fps."
        )
