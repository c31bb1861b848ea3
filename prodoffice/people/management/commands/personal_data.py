"""`prodoffice personal-data`: a person's data export (S-14) and erasure (S-15).

`export PERSON` prints everything held about the person as JSON (to a file with `--output`);
`erase PERSON --basis TEXT` anonymises them, as the person page's Erase does, through the same
services and rules (no live engagement; signed contracts and paperwork kept). PERSON is the
person's public id or their e-mail address. Runs as the system (the server's operator).
"""

from __future__ import annotations

import argparse
import json
import uuid
from pathlib import Path

from django.core.management.base import CommandError

from prodoffice.core.management.commands._base import USAGE, CliCommand
from prodoffice.core.text import escape_bidi_json
from prodoffice.people import selectors, services
from prodoffice.people.models import Person


class Command(CliCommand):
    """Export or erase a person's personal data."""

    help = "A person's data: `export PERSON [--output FILE]`; `erase PERSON --basis TEXT`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        export = sub.add_parser("export", help="Everything held about the person, as JSON.")
        export.add_argument("person", help="Public id or e-mail address.")
        export.add_argument("--output", help="Write the JSON to this file instead of stdout.")
        erase = sub.add_parser("erase", help="Anonymise the person (cannot be undone).")
        erase.add_argument("person", help="Public id or e-mail address.")
        erase.add_argument("--basis", required=True, help="The request and its date, or the law.")
        for verb in (export, erase):
            verb.add_argument("--json", action="store_true", default=argparse.SUPPRESS)

    def handle(self, *args, **options):
        person = self._person(options["person"])
        if options["verb"] == "export":
            data = selectors.person_data_export(actor=None, person=person)
            text = escape_bidi_json(json.dumps(data, indent=2, ensure_ascii=False))
            if options.get("output"):
                Path(options["output"]).write_text(text + "\n", encoding="utf-8")
                self.stdout.write(f"Wrote {options['output']}.")
            else:
                self.stdout.write(text)
            return
        result = services.person_erase(actor=None, person=person, basis=options["basis"])
        if options["json"]:
            self.emit_json(result)
            return
        self.stdout.write(f"Erased person {result['person']}.")
        self.stdout.write(f"Deleted: {', '.join(result['deleted']) or 'nothing else'}.")
        self.stdout.write(f"Kept: {', '.join(result['kept']) or 'nothing'}.")

    @staticmethod
    def _person(key: str) -> Person:
        try:
            lookup = {"public_id": uuid.UUID(key)}
        except ValueError:
            lookup = {"email__iexact": key}
        person = Person.objects.filter(**lookup).first() if key else None
        if person is None:
            raise CommandError(f'No person "{key}".', returncode=USAGE)
        return person
