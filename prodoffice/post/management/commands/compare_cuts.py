"""`prodoffice compare-cuts OLD NEW`: the change list between two cuts (files or stored)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import USAGE, CliCommand
from prodoffice.post.changelist import CATEGORIES, compare
from prodoffice.post.reader import CutRefused, read_cut, timecode
from prodoffice.post.selectors import is_reference, version_by_reference, version_events


def _events(which: str, fps) -> tuple[list, object]:
    """Events and rate of a file path or a stored `CODE:NAME:vN`."""
    if is_reference(which) and not Path(which).exists():
        version = version_by_reference(which)
        return version_events(version), version.fps
    path = Path(which)
    if not path.is_file():
        raise CommandError(f"No such file or stored version: {which}", returncode=USAGE)
    try:
        cut = read_cut(path.read_bytes(), path.name, fps)
    except CutRefused as exc:
        raise ValidationError(f"{path.name}: {exc}") from exc
    return cut.events, cut.fps


class Command(CliCommand):
    """Compare two cuts: added, removed, trimmed and moved shots with record frames."""

    help = (
        "Compare two cuts, each a file (.edl, .xml, .fcpxml, .otio) or a stored version "
        "CODE:NAME:vN. --json prints {added, removed, trimmed, moved}, each entry {clip, "
        "old_record_in, old_record_out, new_record_in, new_record_out} in frames from the "
        "cut's first frame (null where it does not apply). "
        "Exit codes: 0 compared, 1 refused file, 2 bad arguments."
    )

    def add_arguments(self, parser):
        parser.add_argument("old", help="The earlier cut: a file or CODE:NAME:vN.")
        parser.add_argument("new", help="The later cut: a file or CODE:NAME:vN.")
        parser.add_argument("--fps", default="24", help="Frame rate of EDL files (default 24).")

    def handle(self, *args, **options):
        old, _ = _events(options["old"], options["fps"])
        new, fps = _events(options["new"], options["fps"])
        result = compare(old, new)
        if options["json"]:
            self.emit_json(result.as_dict())
            return
        for name in CATEGORIES:
            for change in getattr(result, name):
                old_span = _span(change.old_record_in, change.old_record_out, fps)
                new_span = _span(change.new_record_in, change.new_record_out, fps)
                self.stdout.write(f"{name:8} {change.clip:30} {old_span:25} {new_span}")
        self.stdout.write(f"{len(result)} change(s).")


def _span(a, b, fps) -> str:
    return "-" if a is None else f"{timecode(a, fps)}-{timecode(b, fps)}"
