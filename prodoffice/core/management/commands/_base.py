"""Shared plumbing of the prodoffice CLI verbs: `--json`, the cli audit source, clear errors.

What a verb prints cannot be reordered by bidirectional control characters stored in free
text: text output shows each as a visible marker ("[U+202E]", as pages and PDFs do), and JSON
output writes each as its escape ("\\u202e"), which is the same JSON value, so tools still read
what is stored.

Not a command itself (Django skips command modules whose name starts with an underscore).
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from prodoffice.core.context import operation
from prodoffice.core.text import escape_bidi_json, neutralise

#: Exit codes: 1 the operation failed (bad rows, refused file ...), 2 bad arguments.
FAILED, USAGE = 1, 2


def validation_text(exc: ValidationError) -> str:
    """A ValidationError as one line per field: `field: message`."""
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
    return " ".join(exc.messages)


class NeutralisingStream:
    """A text stream that writes bidi controls as visible markers (the CLI's stdout, stderr)."""

    def __init__(self, out):
        self._out = out

    def write(self, text: str):
        return self._out.write(neutralise(text))

    def __getattr__(self, name):
        return getattr(self._out, name)


class CliCommand(BaseCommand):
    """A verb run as one `cli` operation; service refusals become a message and exit code 1."""

    json_option = True

    def __init__(self, stdout=None, stderr=None, no_color=False, force_color=False):
        super().__init__(
            stdout=NeutralisingStream(stdout or sys.stdout),
            stderr=NeutralisingStream(stderr or sys.stderr),
            no_color=no_color,
            force_color=force_color,
        )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        if self.json_option:
            parser.add_argument(
                "--json", action="store_true", help="Print machine-readable JSON on stdout."
            )
        return parser

    def execute(self, *args, **options):
        for stream in ("stdout", "stderr"):
            if options.get(stream):
                options[stream] = NeutralisingStream(options[stream])
        with operation(src="cli"):
            try:
                return super().execute(*args, **options)
            except ValidationError as exc:
                raise CommandError(validation_text(exc), returncode=FAILED) from exc
            except PermissionDenied as exc:
                raise CommandError(str(exc) or "Permission denied.", returncode=FAILED) from exc

    def emit_json(self, data: Any) -> None:
        """Write one JSON document to stdout."""
        text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
        self.stdout.write(escape_bidi_json(text))
