"""`prodoffice restore DIR [--check] [--seal restore|skip] [--json]`.

Refuses a damaged, incomplete, foreign or newer backup before touching anything (exit 1, the first
problem named); then replaces the database and puts the files back, and verifies row counts, file
hashes, contract chains and executed contracts. Stop the server and the worker first.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import CommandError

from prodoffice.core import backup, restore
from prodoffice.core.management.commands._base import FAILED, CliCommand
from prodoffice.core.management.commands.backup import passphrase_for


def _seal_mode(folder: str) -> str | None:
    """The seal mode the manifest states; None when unreadable (validation names the problem)."""
    try:
        return json.loads((Path(folder) / backup.MANIFEST).read_text())["seal"]["mode"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


class Command(CliCommand):
    """Restore a backup folder written by `prodoffice backup`, then verify it."""

    help = (
        "Restore DIR (a prodoffice-<time> folder): validate everything first, then replace the "
        "database and the stored files, then verify counts, hashes, chains and executed "
        "contracts. --check validates only. Stop the server and the worker before restoring."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup folder (holds manifest.json).")
        parser.add_argument(
            "--check", action="store_true", help="Validate the backup only; change nothing."
        )
        parser.add_argument(
            "--seal",
            choices=["restore", "skip"],
            default="restore",
            help="Restore the encrypted office seal when the backup holds one (default).",
        )

    def handle(self, *args, **options):
        folder, seal = options["folder"], options["seal"]
        # Ask for the passphrase only when the backup holds an encrypted seal to restore.
        if seal == "restore" and _seal_mode(folder) != "encrypted":
            seal_passphrase = None
        else:
            seal_passphrase = passphrase_for(seal)
        try:
            if options["check"]:
                manifest = restore.backup_validate(folder, seal=seal, passphrase=seal_passphrase)
                return self._checked(folder, manifest, options["json"])
            report = restore.backup_restore(folder, seal=seal, passphrase=seal_passphrase)
        except backup.BackupError as exc:
            raise CommandError(f"RESTORE REFUSED: {exc}", returncode=FAILED) from exc
        if options["json"]:
            self.emit_json(report.as_dict())
        else:
            self.stdout.write(
                f"Restored {report.backup}: {report.rows} rows in {report.tables} tables, "
                f"{report.files} files, office seal {report.seal}"
                + (", schema migrated to this version." if report.migrated else ".")
            )
            for check in report.checks:
                self.stdout.write(f"  {'ok  ' if check.ok else 'FAIL'} {check.name}")
                for problem in check.problems[:20]:
                    self.stdout.write(f"       {problem}")
        if not report.ok:
            failed = [c.name for c in report.checks if not c.ok]
            raise CommandError(
                f"RESTORE VERIFICATION FAILED ({'; '.join(failed)}): the data is restored but "
                "does not verify; keep the backup and investigate.",
                returncode=FAILED,
            )

    def _checked(self, folder, manifest, as_json):
        rows = sum(manifest["row_counts"].values())
        if as_json:
            files, engine = len(manifest["files"]), manifest["engine"]
            self.emit_json(
                {"ok": True, "path": str(folder), "rows": rows, "files": files, "engine": engine}
            )
        else:
            self.stdout.write(
                f"{folder} is complete and intact: {rows} rows, "
                f"{len(manifest['files'])} files, {manifest['engine']}. Nothing was changed."
            )
