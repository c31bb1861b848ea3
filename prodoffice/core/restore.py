"""Restore of a backup folder written by `core.backup` (R-01; ADR 0014).

The whole folder is validated first (manifest, every size and SHA-256, the engine, the schema,
the seal's passphrase) and refused untouched at the first problem; then the database is replaced
in one transaction, the files and the seal are put back, and the result is verified: row counts,
file hashes, and the checks named in settings.PRODOFFICE_RESTORE_CHECKS (the contract chains,
executed contracts by the acceptance rule).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.utils.module_loading import import_string

from prodoffice.core.backup import (
    FILES_DIR,
    FORMAT_VERSION,
    MANIFEST,
    PASSPHRASE_ENV,
    PG_FILE,
    SEAL_FILE,
    SQLITE_FILE,
    BackupError,
    count_sql,
    engine_of,
    pg_env,
    run_tool,
    seal_cipher,
    seal_folder,
    sha256_file,
)


@dataclass
class Check:
    """One verification after a restore: its name, whether it passed, and what is wrong."""

    name: str
    ok: bool
    problems: list[str] = field(default_factory=list)


@dataclass
class RestoreReport:
    """What a restore put back and what its verification found."""

    backup: str
    engine: str
    tables: int
    rows: int
    files: int
    seal: str
    migrated: bool
    checks: list[Check]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def as_dict(self) -> dict:
        return {**asdict(self), "ok": self.ok}


# --- validation --------------------------------------------------------------------------------


def _need(cond: bool, message: str) -> None:
    if not cond:
        raise BackupError(message)


def _read_manifest(folder: Path) -> dict[str, Any]:
    _need(folder.is_dir(), f"{folder} is not a folder.")
    path = folder / MANIFEST
    _need(path.is_file(), f"{folder} holds no {MANIFEST}: not a backup, or an incomplete one.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"{MANIFEST} is not valid JSON: {exc}") from exc
    _need(isinstance(manifest, dict), f"{MANIFEST} is not a JSON object.")
    _need(manifest.get("format") == "prodoffice-backup", f"{MANIFEST}: format is not ours.")
    _need(
        manifest.get("version") == FORMAT_VERSION,
        f"{MANIFEST}: version {manifest.get('version')!r} is not {FORMAT_VERSION}.",
    )
    shapes = {
        "created_at": str,
        "engine": str,
        "database": dict,
        "migrations": dict,
        "row_counts": dict,
        "files": list,
        "seal": dict,
    }
    for key, kind in shapes.items():
        _need(isinstance(manifest.get(key), kind), f"{MANIFEST}: {key} is missing or malformed.")
    return manifest


def _check_file(path: Path, size: Any, digest: Any, label: str) -> None:
    _need(path.is_file(), f"{label} is missing from the backup.")
    _need(path.stat().st_size == size, f"{label}: size {path.stat().st_size}, manifest {size}.")
    _need(sha256_file(path) == digest, f"{label}: SHA-256 does not match the manifest (damaged).")


def _safe_name(name: Any) -> bool:
    if not isinstance(name, str) or not name or "\\" in name:
        return False
    parts = PurePosixPath(name).parts
    return not PurePosixPath(name).is_absolute() and ".." not in parts and "." not in parts


def _check_schema(migrations: dict[str, Any]) -> list[tuple[str, str]]:
    """Refuse a backup from a newer schema; return the migrations it lacks (to apply after)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    backed_up = set()
    for app, names in migrations.items():
        _need(isinstance(names, list), f"{MANIFEST}: migrations of {app} malformed.")
        for name in names:
            _need(
                (app, name) in known,
                f"The backup is from a newer version: migration {app}.{name} is unknown here. "
                "Upgrade prodoffice first, then restore.",
            )
            backed_up.add((app, name))
    return sorted(known - backed_up)


def backup_validate(
    folder: Path | str, *, seal: str = "restore", passphrase: str | None = None, using="default"
) -> dict[str, Any]:
    """Every check a restore makes before touching anything; raises BackupError at the first
    problem. Returns the manifest with `_missing_migrations` and `_seal_payload` filled in."""
    folder = Path(folder)
    manifest = _read_manifest(folder)
    engine = engine_of(using)
    _need(
        manifest["engine"] == engine,
        f"The backup is of a {manifest['engine']} database; this installation uses {engine}.",
    )
    db = manifest["database"]
    expected_file = SQLITE_FILE if engine == "sqlite" else PG_FILE
    _need(db.get("file") == expected_file, f"{MANIFEST}: database.file is not {expected_file}.")
    _check_file(folder / expected_file, db.get("size"), db.get("sha256"), "The database copy")
    for entry in manifest["files"]:
        _need(isinstance(entry, dict), f"{MANIFEST}: a files entry is malformed.")
        name = entry.get("name")
        _need(_safe_name(name), f"{MANIFEST}: file name {name!r} is not a safe relative path.")
        _check_file(folder / FILES_DIR / name, entry.get("size"), entry.get("sha256"), name)
    for table, count in manifest["row_counts"].items():
        _need(isinstance(count, int) and count >= 0, f"{MANIFEST}: row count of {table} bad.")
    manifest["_missing_migrations"] = _check_schema(manifest["migrations"])
    manifest["_seal_payload"] = _validate_seal(folder, manifest["seal"], seal, passphrase)
    return manifest


def _validate_seal(folder: Path, entry: dict, mode: str, passphrase: str | None) -> dict | None:
    _need(mode in {"restore", "skip"}, f"--seal must be restore or skip, not {mode!r}.")
    if entry.get("mode") != "encrypted" or mode == "skip":
        return None
    _check_file(folder / SEAL_FILE, entry.get("size"), entry.get("sha256"), "The office seal")
    _need(
        bool(passphrase),
        f"The backup holds the encrypted office seal: set {PASSPHRASE_ENV}, or --seal skip.",
    )
    from cryptography.fernet import InvalidToken

    try:
        salt = base64.b64decode(entry.get("salt", ""))
        data = seal_cipher(passphrase, salt).decrypt((folder / SEAL_FILE).read_bytes())
    except (InvalidToken, ValueError) as exc:
        raise BackupError("The office seal does not decrypt: wrong passphrase.") from exc
    payload = json.loads(data)
    for name in payload:
        _need(_safe_name(name), f"The office seal holds an unsafe file name {name!r}.")
    return payload


# --- restore ---------------------------------------------------------------------------------


def _restore_sqlite(using: str, source: Path) -> None:
    conn = connections[using]
    conn.ensure_connection()
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        # The backup API replaces every page of the live database in one write transaction.
        src.backup(conn.connection)
    finally:
        src.close()


def _restore_pg(using: str, source: Path) -> None:
    connections[using].close()
    argv = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"]
    argv += ["--exit-on-error", f"--dbname={connections[using].settings_dict['NAME']}", str(source)]
    run_tool(argv, pg_env(using), "the database restore")


def _restore_files(folder: Path, files: list[dict]) -> None:
    for entry in files:
        name = entry["name"]
        if default_storage.exists(name):
            default_storage.delete(name)
        with open(folder / FILES_DIR / name, "rb") as fh:
            saved = default_storage.save(name, File(fh))
        if saved != name:
            raise BackupError(f"Stored file {name} was saved as {saved}.")


def _restore_seal(payload: dict[str, str]) -> None:
    seal_dir = seal_folder()
    for name, data in payload.items():
        path = seal_dir / name
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(base64.b64decode(data))


def _live_counts(using: str, tables) -> dict[str, int | None]:
    counts: dict[str, int | None] = {}
    existing = set(connections[using].introspection.table_names())
    with connections[using].cursor() as cur:
        for table in tables:
            if table not in existing:
                counts[table] = None
                continue
            cur.execute(count_sql(table))
            counts[table] = cur.fetchone()[0]
    return counts


def _check_counts(using: str, expected: dict[str, int]) -> Check:
    live = _live_counts(using, sorted(expected))
    problems = [
        f"{t}: {live[t] if live[t] is not None else 'missing'} rows, backup {n}"
        for t, n in expected.items()
        if live[t] != n
    ]
    return Check("row counts equal the backup's", not problems, problems)


def _check_files(files: list[dict]) -> Check:
    problems = []
    for entry in files:
        try:
            with default_storage.open(entry["name"], "rb") as fh:
                digest = hashlib.file_digest(fh, "sha256").hexdigest()
        except OSError as exc:
            problems.append(f"{entry['name']}: {exc}")
            continue
        if digest != entry["sha256"]:
            problems.append(f"{entry['name']}: SHA-256 differs after the restore")
    return Check("stored files match their SHA-256", not problems, problems)


def restore_checks() -> list[Check]:
    """The domain checks of settings.PRODOFFICE_RESTORE_CHECKS: each a callable returning a list
    of problems (empty when all is well), named by its docstring's first line."""
    checks = []
    for path in getattr(settings, "PRODOFFICE_RESTORE_CHECKS", ()):
        func = import_string(path)
        name = (func.__doc__ or path).strip().splitlines()[0].rstrip(".")
        try:
            problems = [str(p) for p in func()]
        except Exception as exc:  # a check that cannot run is a failed check, reported by name
            problems = [f"the check could not run: {type(exc).__name__}: {exc}"]
        checks.append(Check(name, not problems, problems))
    return checks


def backup_restore(
    folder: Path | str,
    *,
    seal: str = "restore",
    passphrase: str | None = None,
    using: str = "default",
) -> RestoreReport:
    """Validate the backup (refusing it untouched at the first problem), restore the database,
    the files and the office seal, then verify counts, hashes and the domain checks."""
    folder = Path(folder)
    manifest = backup_validate(folder, seal=seal, passphrase=passphrase, using=using)
    engine = manifest["engine"]
    if engine == "sqlite":
        _restore_sqlite(using, folder / SQLITE_FILE)
    else:
        _restore_pg(using, folder / PG_FILE)
    _restore_files(folder, manifest["files"])
    payload = manifest["_seal_payload"]
    if payload:
        _restore_seal(payload)
    checks = [_check_counts(using, manifest["row_counts"]), _check_files(manifest["files"])]
    migrated = bool(manifest["_missing_migrations"])
    if migrated:
        # An older backup: bring its schema up to this version before the domain checks read it.
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
    checks += restore_checks()
    return RestoreReport(
        backup=str(folder),
        engine=engine,
        tables=len(manifest["row_counts"]),
        rows=sum(manifest["row_counts"].values()),
        files=len(manifest["files"]),
        seal="restored" if payload else manifest["seal"].get("mode", "excluded"),
        migrated=migrated,
        checks=checks,
    )
