"""`prodoffice verify-contract FILE.pdf [--json]`: the verdict on a sealed contract PDF.

The office seal is checked by pyHanko with the office certificate as trust root; when the file
names one of our contracts, its SHA-256 must also equal the stored final document's (which catches
bytes changed inside the signature gap or appended after %%EOF).
"""

from __future__ import annotations

import re
from pathlib import Path

from django.core.management.base import CommandError

from prodoffice.contracts.choices import DocumentKind
from prodoffice.contracts.models import ContractDocument
from prodoffice.core.management.commands._base import FAILED, USAGE, CliCommand

REFERENCE = re.compile(r"^(?P<code>[A-Z0-9-]+)-C(?P<number>\d{4,})-v(?P<version>\d+)$")


def stored_sha256(contract_ref: str | None) -> str | None:
    """The stored SHA-256 of the final document a reference names, if it is ours."""
    m = REFERENCE.match(contract_ref or "")
    if not m:
        return None
    doc = ContractDocument.objects.filter(
        contract__production__code=m["code"],
        contract__number=int(m["number"]),
        version=int(m["version"]),
        kind=DocumentKind.FINAL,
    ).first()
    return doc.sha256 if doc else None


class Command(CliCommand):
    """Verify a contract PDF: seal, coverage, later changes, and the stored hash."""

    help = "Verify a sealed contract PDF (pyHanko, office trust root, stored SHA-256)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The PDF to verify.")

    def handle(self, *args, **options):
        from prodoffice.contracts.sealing import verify_pdf

        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}", returncode=USAGE)
        data = path.read_bytes()
        verdict = verify_pdf(data)
        expected = stored_sha256(verdict.contract_ref)
        if expected is not None:
            verdict = verify_pdf(data, stored_sha256=expected)
        result = {**verdict.as_dict(), "stored_hash_checked": expected is not None}
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
