"""`prodoffice verify-contract FILE.pdf [--json]`: the verdict on a sealed contract PDF.

The office seal is checked by pyHanko with the office certificate as trust root; when the file
names one of our contracts, its SHA-256 must also equal the stored final document's (which catches
bytes changed inside the signature gap or appended after %%EOF).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from prodoffice.contracts.selectors import pdf_verify
from prodoffice.core.management.commands._base import FAILED, USAGE, CliCommand


class Command(CliCommand):
    """Verify a contract PDF: seal, coverage, later changes, and the stored hash."""

    help = "Verify a sealed contract PDF (pyHanko, office trust root, stored SHA-256)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The PDF to verify.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}", returncode=USAGE)
        data = path.read_bytes()
        verdict, compared = pdf_verify(data)
        result = {**verdict.as_dict(), "stored_hash_checked": compared}
        if options["json"]:
            self.emit_json(result)
        else:
            self.stdout.write(f"{path.name}: {verdict.status}")
            if verdict.contract_ref:
                self.stdout.write(f"  contract: {verdict.contract_ref}")
            if verdict.signer:
                self.stdout.write(f"  signer: {verdict.signer}")
            for message in verdict.messages:
                self.stdout.write(f"  {message}")
        if not verdict.ok:
            raise CommandError(f"{path.name} does not verify: {verdict.status}", returncode=FAILED)
