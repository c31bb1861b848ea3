"""`prodoffice backup [--output DIR] [--seal exclude|encrypt] [--keep N] [--json]`.

Writes `DIR/prodoffice-<UTC time>/` (default PRODOFFICE_BACKUP_DIR): a consistent copy of the
database, every stored file, optionally the encrypted office seal, and `manifest.json`. A failure
exits 1 with "BACKUP FAILED" and leaves no folder behind (R-03).
"""

from __future__ import annotations

import getpass
import os
import sys

from django.conf import settings
from django.core.management.base import CommandError

from prodoffice.core import backup
from prodoffice.core.management.commands._base import FAILED, CliCommand


def passphrase_for(seal: str) -> str | None:
    """The seal passphrase from PRODOFFICE_BACKUP_PASSPHRASE, else asked on a terminal."""
    value = os.environ.get(backup.PASSPHRASE_ENV)
    if value or seal not in {"encrypt", "restore"} or not sys.stdin.isatty():
        return value
    return getpass.getpass("Office seal backup passphrase: ") or None


class Command(CliCommand):
    """Back up the database and the stored files into a new folder with a manifest."""

    help = (
        "Back up the database (SQLite online backup / pg_dump) and every stored file into "
        "DIR/prodoffice-<time>/ with a manifest of row counts and SHA-256s. The office seal "
        "folder is left out unless --seal encrypt (passphrase: PRODOFFICE_BACKUP_PASSPHRASE)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Parent folder (default PRODOFFICE_BACKUP_DIR).")
        parser.add_argument(
            "--seal",
            choices=backup.SEAL_MODES,
            default=None,
            help="The office seal folder: exclude (default PRODOFFICE_BACKUP_SEAL) or encrypt.",
        )
        parser.add_argument(
            "--keep",
            type=int,
            help="Afterwards delete all but the newest N backups in the folder.",
        )

    def handle(self, *args, **options):
        seal = options["seal"] or settings.PRODOFFICE_BACKUP_SEAL
        try:
            folder, manifest = backup.backup_create(
                output=options["output"], seal=seal, passphrase=passphrase_for(seal)
            )
            pruned = (
                backup.backup_prune(folder=folder.parent, keep=options["keep"])
                if options["keep"] is not None
                else []
            )
        except backup.BackupError as exc:
            raise CommandError(f"BACKUP FAILED: {exc}", returncode=FAILED) from exc
        summary = {
            "ok": True,
            "path": str(folder),
            "engine": manifest["engine"],
            "tables": len(manifest["row_counts"]),
            "rows": sum(manifest["row_counts"].values()),
            "files": len(manifest["files"]),
            "seal": manifest["seal"]["mode"],
            "pruned": [str(p) for p in pruned],
        }
        if options["json"]:
            self.emit_json(summary)
            return
        self.stdout.write(
            f"Backup written to {folder}: {summary['engine']} database "
            f"({summary['rows']} rows in {summary['tables']} tables), {summary['files']} files, "
            f"office seal {summary['seal']}."
        )
        for path in pruned:
            self.stdout.write(f"  pruned {path}")
