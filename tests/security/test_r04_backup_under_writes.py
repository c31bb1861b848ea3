"""R-04: `prodoffice backup` on a file SQLite database while 4 writers insert: the copy passes
PRAGMA integrity_check and is one consistent snapshot (the manifest's counts are the copy's, and
no writer's transaction is found half in it)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 4

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the online backup API is SQLite's"
)


def _file_database(path: Path) -> None:
    """A migrated file database in WAL mode: the migrated test database copied into a file."""
    target = sqlite3.connect(path)
    connection.ensure_connection()
    connection.connection.backup(target)
    target.execute("PRAGMA journal_mode=WAL")
    target.close()


def _writer(path: Path, n: int, stop: threading.Event, done: list[int], errors: list) -> None:
    """Insert pairs of groups (a plain table with a unique name), each pair in one
    transaction, until told to stop."""
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    db.execute("PRAGMA busy_timeout=30000")
    i = 0
    try:
        while not stop.is_set():
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO auth_group (name) VALUES (?)", (f"w{n}-{i}-a",))
            db.execute("INSERT INTO auth_group (name) VALUES (?)", (f"w{n}-{i}-b",))
            db.execute("COMMIT")
            i += 1
    except Exception as exc:  # reported by the test, not lost in the thread
        errors.append(exc)
    finally:
        db.close()
        done[n] = i


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_r04_backup_while_four_writers_insert(tmp_path):
    path = tmp_path / "live.sqlite3"
    _file_database(path)
    with sqlite3.connect(path) as db:  # some bulk, so the copy takes a while
        db.executemany(
            "INSERT INTO auth_group (name) VALUES (?)", ((f"seed-{i}" * 4,) for i in range(20000))
        )
    stop, done, errors = threading.Event(), [0] * WRITERS, []
    threads = [
        threading.Thread(target=_writer, args=(path, n, stop, done, errors)) for n in range(WRITERS)
    ]
    for t in threads:
        t.start()
    env = {
        **os.environ,
        "SQLITE_PATH": str(path),
        "DATABASE_URL": "",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRODOFFICE_VAR_DIR": str(tmp_path / "var"),
    }
    try:
        time.sleep(0.5)  # the writers are running before the backup starts
        started = _pairs(path)
        result = subprocess.run(
            [sys.executable, "-m", "prodoffice.cli", "backup", "--output", str(tmp_path / "b"),
             "--json"],
            capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False,
        )  # fmt: skip
        time.sleep(0.5)  # and still running after it
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not errors, errors
    assert result.returncode == 0, result.stderr
    folder = Path(json.loads(result.stdout)["path"])
    manifest = json.loads((folder / "manifest.json").read_text())
    copy = sqlite3.connect(folder / "database.sqlite3")
    assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    tables = [
        r[0]
        for r in copy.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    assert manifest["row_counts"] == {
        t: copy.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]  # noqa: S608
        for t in tables
    }
    # No pair is split: each writer's transactions are in the copy whole or not at all.
    names = {r[0] for r in copy.execute("SELECT name FROM auth_group WHERE name LIKE 'w%'")}
    assert all(n[:-1] + ("b" if n.endswith("a") else "a") in names for n in names)
    in_copy = len(names) // 2
    total = sum(done)
    # The writers wrote before, during and after the snapshot.
    assert started < in_copy < total, (started, in_copy, total)
    assert _pairs(path) == total


def _pairs(path: Path) -> int:
    with sqlite3.connect(path, timeout=30) as db:
        return db.execute("SELECT COUNT(*) FROM auth_group WHERE name LIKE 'w%'").fetchone()[0] // 2
