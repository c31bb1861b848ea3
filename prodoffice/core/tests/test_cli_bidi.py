"""CLI output: stored bidi controls never reorder what a verb prints (issue 11, item 8).

Text output shows each control as its visible marker, like pages and PDFs; `--json` writes each
as its JSON escape, so a tool parsing the output still reads the stored value.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from prodoffice.core.management.commands._base import CliCommand
from prodoffice.core.text import BIDI_CONTROLS

NOTE = "pay \u202eyad rep 005\u202c"


class _Echo(CliCommand):
    """Prints a stored note as text or JSON, or refuses it (a service's ValidationError)."""

    def add_arguments(self, parser):
        parser.add_argument("--refuse", action="store_true")

    def handle(self, *args, **options):
        if options["refuse"]:
            raise ValidationError({"notes": [f"Cannot use {NOTE}."]})
        if options["json"]:
            self.emit_json({"notes": NOTE})
        else:
            self.stdout.write(f"Notes: {NOTE}")


def test_text_output_shows_bidi_controls_as_markers():
    out = io.StringIO()
    call_command(_Echo(), stdout=out)
    assert out.getvalue().strip() == "Notes: pay [U+202E]yad rep 005[U+202C]"


def test_json_output_escapes_bidi_controls_and_keeps_the_stored_value():
    out = io.StringIO()
    call_command(_Echo(), "--json", stdout=out)
    text = out.getvalue()
    assert not BIDI_CONTROLS & set(text)
    assert "\\u202e" in text
    assert json.loads(text) == {"notes": NOTE}


def test_refusal_messages_show_bidi_controls_as_markers():
    with pytest.raises(CommandError) as refused:
        call_command(_Echo(), "--refuse")
    # The message is what run_from_argv writes to stderr; the stream neutralises it there.
    err = io.StringIO()
    command = _Echo(stderr=err)
    command.stderr.write(str(refused.value))
    assert "notes: Cannot use pay [U+202E]yad rep 005[U+202C]." in err.getvalue()


def test_default_streams_are_neutralised(capsys):
    call_command(_Echo())
    assert "[U+202E]" in capsys.readouterr().out
