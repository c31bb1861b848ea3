"""Backup and restore of the database and every stored file (R-01, R-03, R-04; ADR 0011).

A backup is one folder `prodoffice-<UTC time>/` holding a consistent copy of the database
(SQLite: the online backup API, writers continue; PostgreSQL: `pg_dump --format=custom` inside an
exported REPEATABLE READ snapshot), the files of the default storage under `files/`, the office
seal folder encrypted or left out, and `manifest.json`: row counts taken from the snapshot itself,
the applied migrations, and the size and SHA-256 of every file. The folder is written under a
`.partial` name and renamed when complete, so a failed backup never looks like a good one.

A restore validates the whole folder first (manifest, every hash, the schema, the passphrase) and
touches nothing when anything is wrong; then it replaces the database in one transaction, puts
the files back and verifies: row counts, file hashes, and the checks named in
settings.PRODOFFICE_RESTORE_CHECKS (the contract chains, executed contracts by the acceptance rule).
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
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.utils.module_loading import import_string

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


# --- helpers ---------------------------------------------------------------------------------


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _engine(using: str) -> str:
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


def _count_sql(table: str) -> str:
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
        counts = {t: dest.execute(_count_sql(t)).fetchone()[0] for t in tables}
        migrations = _migrations_from_rows(dest.execute("SELECT app, name FROM django_migrations"))
        dest.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
    finally:
        dest.close()
    return counts, migrations


def _pg_env(using: str) -> dict[str, str]:
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
        cur.execute(_count_sql(table))
        counts[table] = cur.fetchone()[0]
    cur.execute("SELECT app, name FROM django_migrations")
    return counts, _migrations_from_rows(cur.fetchall())


def _run(argv: list[str], env: dict[str, str], what: str) -> None:
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
        _run(argv, _pg_env(using), "the database dump")
        counts, migrations = _pg_counts(cur)
        pg.rollback()
    return counts, migrations


# --- files ---------------------------------------------------------------------------------------


def _storage_names(storage, folder: str = "") -> Iterator[str]:
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(dirs):
        yield from _storage_names(storage, f"{folder}/{sub}" if folder else sub)


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
    for name in _storage_names(default_storage):
        try:
            with default_storage.open(name, "rb") as source:
                size, digest = _copy_stream(source, folder / FILES_DIR / name)
        except OSError as exc:
            raise BackupError(f"Stored file {name} cannot be copied: {exc}") from exc
        listed.append({"name": name, "size": size, "sha256": digest})
    return listed


# --- the office seal -------------------------------------------------------------------------


def _fernet(passphrase: str, salt: bytes):
    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    key = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))
    return Fernet(base64.urlsafe_b64encode(key))


def _seal_dir() -> Path:
    return Path(settings.PRODOFFICE_SIGNING_DIR)


def _backup_seal(folder: Path, mode: str, passphrase: str | None) -> dict[str, Any]:
    if mode not in SEAL_MODES:
        raise BackupError(f"--seal must be one of {', '.join(SEAL_MODES)}, not {mode!r}.")
    if mode == "exclude":
        return {"mode": "excluded"}
    if not passphrase:
        raise BackupError(f"--seal encrypt needs a passphrase: set {PASSPHRASE_ENV}.")
    seal_dir = _seal_dir()
    names = sorted(p for p in seal_dir.rglob("*") if p.is_file()) if seal_dir.is_dir() else []
    if not names:
        raise BackupError(f"--seal encrypt: the office seal folder {seal_dir} holds no files.")
    payload = {
        str(p.relative_to(seal_dir)): base64.b64encode(p.read_bytes()).decode() for p in names
    }
    salt = os.urandom(16)
    token = _fernet(passphrase, salt).encrypt(json.dumps(payload).encode())
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
    engine = _engine(using)
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
        if isinstance(exc, OSError):
            raise BackupError(f"The backup could not be written to {parent}: {exc}") from exc
        raise
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
    engine = _engine(using)
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
        data = _fernet(passphrase, salt).decrypt((folder / SEAL_FILE).read_bytes())
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
    _run(argv, _pg_env(using), "the database restore")


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
    seal_dir = _seal_dir()
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
            cur.execute(_count_sql(table))
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
