"""`prodoffice signing-key init|import|show`: the office seal's key and certificate."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from prodoffice.contracts.sealing import (
    SealError,
    SigningKeyMissing,
    import_signing_key,
    init_signing_key,
    office_certificate,
)
from prodoffice.core.management.commands._base import FAILED, USAGE, CliCommand


class Command(CliCommand):
    """Create, import or show the office seal key (see docs/guide/office-seal.md)."""

    help = (
        "Manage the production office's seal: `init` creates a key and a self-signed "
        "certificate (10 years), `import FILE.p12` takes an existing one, `show` prints the "
        "certificate. Existing keys are never overwritten without --force."
    )
    json_option = False

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="init|import|show")
        init = sub.add_parser("init", help="Create the office key and self-signed certificate.")
        init.add_argument("--common-name", default="Production office seal")
        init.add_argument("--organisation", default="Production office")
        init.add_argument("--force", action="store_true", help="Replace an existing key.")
        init.add_argument("--json", action="store_true", help="Print the certificate as JSON.")
        imp = sub.add_parser("import", help="Import the key and certificate from a PKCS#12 file.")
        imp.add_argument("file", help="The .p12 / .pfx file.")
        imp.add_argument(
            "--passphrase-file", help="File holding the PKCS#12 passphrase (first line)."
        )
        imp.add_argument("--force", action="store_true", help="Replace an existing key.")
        imp.add_argument("--json", action="store_true", help="Print the certificate as JSON.")
        show = sub.add_parser("show", help="Print subject, SHA-256 fingerprint and validity.")
        show.add_argument("--json", action="store_true", help="Print machine-readable JSON.")

    def handle(self, *args, **options):
        action = options["action"]
        try:
            if action == "init":
                cert = init_signing_key(
                    options["common_name"], options["organisation"], force=options["force"]
                )
            elif action == "import":
                cert = import_signing_key(
                    options["file"], self._passphrase(options), force=options["force"]
                )
            else:
                cert = office_certificate()
        except SigningKeyMissing as exc:
            raise CommandError(str(exc), returncode=FAILED) from exc
        except SealError as exc:
            raise CommandError(str(exc), returncode=FAILED) from exc
        if options["json"]:
            self.emit_json(cert.as_dict())
            return
        verb = {"init": "Created", "import": "Imported", "show": "Office seal"}[action]
        self.stdout.write(
            f"{verb}: {cert.subject}\n"
            f"  issuer       {cert.issuer}\n"
            f"  fingerprint  SHA-256 {cert.fingerprint_sha256}\n"
            f"  valid        {cert.not_before:%Y-%m-%d %H:%M} UTC to "
            f"{cert.not_after:%Y-%m-%d %H:%M} UTC\n"
            f"  stored in    {cert.path.parent}"
        )

    def _passphrase(self, options) -> str | None:
        path = options.get("passphrase_file")
        if not path:
            return None
        try:
            lines = Path(path).read_text().splitlines()
        except OSError as exc:
            raise CommandError(
                f"--passphrase-file {path}: cannot read it ({exc.strerror}).", returncode=USAGE
            ) from exc
        return lines[0] if lines else ""
