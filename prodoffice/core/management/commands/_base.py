"""Shared plumbing of the prodoffice CLI verbs: `--json`, the cli audit source, clear errors.

Not a command itself (Django skips command modules whose name starts with an underscore).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from prodoffice.core.context import operation

#: Exit codes: 1 the operation failed (bad rows, refused file ...), 2 bad arguments.
FAILED, USAGE = 1, 2


def validation_text(exc: ValidationError) -> str:
    """A ValidationError as one line per field: `field: message`."""
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
    return " ".join(exc.messages)


class CliCommand(BaseCommand):
    """A verb run as one `cli` operation; service refusals become a message and exit code 1."""

    json_option = True

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        if self.json_option:
            parser.add_argument(
                "--json", action="store_true", help="Print machine-readable JSON on stdout."
            )
        return parser

    def execute(self, *args, **options):
        with operation(src="cli"):
            try:
                return super().execute(*args, **options)
            except ValidationError as exc:
                raise CommandError(validation_text(exc), returncode=FAILED) from exc
            except PermissionDenied as exc:
                raise CommandError(str(exc) or "Permission denied.", returncode=FAILED) from exc

    def emit_json(self, data: Any) -> None:
        """Write one JSON document to stdout."""
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str))
