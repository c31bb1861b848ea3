"""Backup of the database and every stored file (R-01, R-03, R-04; ADR 0014).

A backup is one folder `prodoffice-<UTC time>/` holding a consistent copy of the database
(SQLite: the online backup API, writers continue; PostgreSQL: `pg_dump --format=custom` inside an
exported REPEATABLE READ snapshot), the files of the default storage under `files/`, the office
seal folder encrypted or left out, and `manifest.json`: row counts taken from the snapshot itself,
the applied migrations, and the size and SHA-256 of every file. The folder is written under a
`.partial` name and renamed when complete, so a failed backup never looks like a good one.
Restoring is `core.restore`.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connections

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
FILES_DIR = "files"
SEAL_FILE = "seal.enc"
PREFIX = "prodoffice-"
PASSPHRASE_ENV = "PRODOFFICE_BACKUP_PASSPHRASE"  # noqa: S105 (the variable's name)
SEAL_MODES = ("exclude", "encrypt")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup could not be made, or a backup folder is refused; the message names the problem."""


# --- helpers ---------------------------------------------------------------------------------


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def engine_of(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def count_sql(table: str) -> str:
    # Table names come from the database's own catalogue, quoted as identifiers.
    quoted = '"' + table.replace('"', '""') + '"'
    return f"SELECT COUNT(*) FROM {quoted}"  # noqa: S608


def _migrations_from_rows(rows) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in rows:
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


# --- the database snapshot -------------------------------------------------------------------


def _sqlite_snapshot(using: str, target: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Copy the live SQLite database by the online backup API, check and count the copy."""
    conn = connections[using]
    if conn.in_atomic_block:
        # The copy would wait forever for this very connection's write lock.
        raise BackupError("A backup cannot run inside a database transaction.")
    conn.ensure_connection()
    dest = sqlite3.connect(target)
    try:
        # One step (pages=-1) copies every page inside one read transaction: a snapshot, while
        # writers keep appending to the WAL.
        conn.connection.backup(dest)
        verdict = dest.execute("PRAGMA integrity_check").fetchall()
        if verdict != [("ok",)]:
            problems = "; ".join(str(r[0]) for r in verdict[:5])
            raise BackupError(f"The database copy fails PRAGMA integrity_check: {problems}")
        tables = [
            r[0]
            for r in dest.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        counts = {t: dest.execute(count_sql(t)).fetchone()[0] for t in tables}
        migrations = _migrations_from_rows(dest.execute("SELECT app, name FROM django_migrations"))
        dest.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
    finally:
        dest.close()
    return counts, migrations


def pg_env(using: str) -> dict[str, str]:
    s = connections[using].settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update(PGDATABASE=s["NAME"], PGUSER=s["USER"] or "", PGHOST=s["HOST"] or "")
    if s.get("PORT"):
        env["PGPORT"] = str(s["PORT"])
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    return {k: v for k, v in env.items() if v != ""}


def _pg_connect(using: str):
    import psycopg

    s = connections[using].settings_dict
    return psycopg.connect(
        dbname=s["NAME"],
        user=s["USER"] or None,
        password=s["PASSWORD"] or None,
        host=s["HOST"] or None,
        port=s["PORT"] or None,
    )


def _pg_counts(cur) -> tuple[dict[str, int], dict[str, list[str]]]:
    cur.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    counts = {}
    for (table,) in cur.fetchall():
        cur.execute(count_sql(table))
        counts[table] = cur.fetchone()[0]
    cur.execute("SELECT app, name FROM django_migrations")
    return counts, _migrations_from_rows(cur.fetchall())


def run_tool(argv: list[str], env: dict[str, str], what: str) -> None:
    try:
        result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=3600)
    except FileNotFoundError as exc:
        raise BackupError(f"{argv[0]} is not installed: {what} needs it.") from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise BackupError(f"{argv[0]} failed ({what}): {' / '.join(detail[-3:]) or 'no output'}")


def _pg_snapshot(using: str, target: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    """pg_dump in custom format from a snapshot that the row counts are taken in too."""
    with _pg_connect(using) as pg, pg.cursor() as cur:
        cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cur.execute("SELECT pg_export_snapshot()")
        snapshot = cur.fetchone()[0]
        # The snapshot lives as long as this transaction: dump first, count in the same view.
        argv = ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"]
        run_tool(argv, pg_env(using), "the database dump")
        counts, migrations = _pg_counts(cur)
        pg.rollback()
    return counts, migrations


# --- files ---------------------------------------------------------------------------------------


def storage_names(storage, folder: str = "") -> Iterator[str]:
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(dirs):
        yield from storage_names(storage, f"{folder}/{sub}" if folder else sub)


def _copy_stream(source, target: Path) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return size, digest.hexdigest()


def _copy_files(folder: Path) -> list[dict[str, Any]]:
    """Every file of the default storage (contract PDFs, uploads), copied and hashed."""
    listed = []
    for name in storage_names(default_storage):
        try:
            with default_storage.open(name, "rb") as source:
                size, digest = _copy_stream(source, folder / FILES_DIR / name)
        except OSError as exc:
            raise BackupError(f"Stored file {name} cannot be copied: {exc}") from exc
        listed.append({"name": name, "size": size, "sha256": digest})
    return listed


# --- the office seal -------------------------------------------------------------------------


def seal_cipher(passphrase: str, salt: bytes):
    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    key = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))
    return Fernet(base64.urlsafe_b64encode(key))


def seal_folder() -> Path:
    return Path(settings.PRODOFFICE_SIGNING_DIR)


def _backup_seal(folder: Path, mode: str, passphrase: str) -> dict[str, Any]:
    if mode == "exclude":
        return {"mode": "excluded"}
    seal_dir = seal_folder()
    names = sorted(p for p in seal_dir.rglob("*") if p.is_file()) if seal_dir.is_dir() else []
    if not names:
        raise BackupError(f"--seal encrypt: the office seal folder {seal_dir} holds no files.")
    payload = {
        str(p.relative_to(seal_dir)): base64.b64encode(p.read_bytes()).decode() for p in names
    }
    salt = os.urandom(16)
    token = seal_cipher(passphrase, salt).encrypt(json.dumps(payload).encode())
    (folder / SEAL_FILE).write_bytes(token)
    return {
        "mode": "encrypted",
        "kdf": "scrypt-n32768-r8-p1",
        "salt": base64.b64encode(salt).decode(),
        "files": sorted(payload),
        "size": len(token),
        "sha256": hashlib.sha256(token).hexdigest(),
    }


# --- backup ----------------------------------------------------------------------------------


def backup_create(
    *,
    output: Path | str | None = None,
    seal: str = "exclude",
    passphrase: str | None = None,
    using: str = "default",
) -> tuple[Path, dict[str, Any]]:
    """Write a complete backup folder under `output` and return its path and manifest.

    Raises BackupError naming the problem; nothing but an already complete folder is left behind.
    """
    engine = engine_of(using)
    if seal not in SEAL_MODES:
        raise BackupError(f"--seal must be one of {', '.join(SEAL_MODES)}, not {seal!r}.")
    if seal == "encrypt" and not passphrase:
        raise BackupError(f"--seal encrypt needs a passphrase: set {PASSPHRASE_ENV}.")
    parent = Path(output or settings.PRODOFFICE_BACKUP_DIR)
    now = datetime.datetime.now(datetime.UTC)
    name = PREFIX + now.strftime("%Y%m%dT%H%M%S%fZ")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        partial = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".partial", dir=parent))
    except OSError as exc:
        raise BackupError(f"The backup folder {parent} cannot be written: {exc}") from exc
    try:
        manifest = _write_backup(partial, engine, using, now, seal, passphrase)
        final = parent / name
        partial.rename(final)
        _fsync_dir(parent)
    except BaseException as exc:
        shutil.rmtree(partial, ignore_errors=True)
        if isinstance(exc, BackupError) or not isinstance(exc, Exception):
            raise
        if isinstance(exc, OSError):
            raise BackupError(f"The backup could not be written to {parent}: {exc}") from exc
        raise BackupError(f"The backup could not be made: {type(exc).__name__}: {exc}") from exc
    return final, manifest


def _write_backup(folder, engine, using, now, seal, passphrase) -> dict[str, Any]:
    db_file = folder / (SQLITE_FILE if engine == "sqlite" else PG_FILE)
    snapshot = _sqlite_snapshot if engine == "sqlite" else _pg_snapshot
    counts, migrations = snapshot(using, db_file)
    files = _copy_files(folder)
    manifest = {
        "format": "prodoffice-backup",
        "version": FORMAT_VERSION,
        "created_at": now.isoformat(),
        "engine": engine,
        "database": {
            "file": db_file.name,
            "size": db_file.stat().st_size,
            "sha256": sha256_file(db_file),
        },
        "migrations": migrations,
        "latest_migrations": {app: names[-1] for app, names in migrations.items()},
        "row_counts": counts,
        "files": files,
        "seal": _backup_seal(folder, seal, passphrase),
    }
    with open(folder / MANIFEST, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    _fsync_dir(folder)
    return manifest


def backup_prune(*, folder: Path | str | None = None, keep: int | None = None) -> list[Path]:
    """Delete all but the newest `keep` complete backups in `folder`; return what was deleted."""
    folder = Path(folder or settings.PRODOFFICE_BACKUP_DIR)
    keep = settings.PRODOFFICE_BACKUP_KEEP if keep is None else keep
    if keep < 1:
        raise BackupError("PRODOFFICE_BACKUP_KEEP must be at least 1.")
    complete = sorted(
        p for p in folder.glob(PREFIX + "*") if p.is_dir() and (p / MANIFEST).is_file()
    )
    doomed = complete[:-keep]
    for path in doomed:
        shutil.rmtree(path)
    return doomed
