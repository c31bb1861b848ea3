"""Issue 11 item 12 (R-05): DATABASE_URL=sqlite:///path gets the durability pragmas and the
BEGIN IMMEDIATE transactions of the default SQLite, so the start-up check passes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json; from django.db import connection; c = connection.cursor(); "
    "p = {k: c.execute(f'PRAGMA {k}').fetchone()[0] "
    "for k in ('journal_mode', 'synchronous', 'foreign_keys', 'busy_timeout')}; "
    "p['transaction_mode'] = connection.transaction_mode; "
    "p['name'] = connection.settings_dict['NAME']; "
    "print(json.dumps(p))"
)


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SQLITE_PATH"}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'by-url.sqlite3'}",
        PRODOFFICE_VAR_DIR=str(tmp_path / "var"),
    )
    return subprocess.run(
        [sys.executable, "-m", "prodoffice.cli", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip


def test_the_start_up_check_passes_for_a_sqlite_database_url(tmp_path):
    done = _run(tmp_path, "check", "--database", "default", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stderr
    assert "journal_mode" not in done.stderr


def test_the_pragmas_and_transaction_mode_are_in_effect(tmp_path):
    done = _run(tmp_path, "shell", "-c", PROBE)
    assert done.returncode == 0, done.stderr
    pragmas = json.loads(done.stdout.strip().splitlines()[-1])
    assert pragmas["name"] == str(tmp_path / "by-url.sqlite3")
    assert pragmas["journal_mode"] == "wal"
    assert pragmas["synchronous"] == 2  # FULL
    assert pragmas["foreign_keys"] == 1
    assert pragmas["busy_timeout"] >= 5000
    assert pragmas["transaction_mode"] == "IMMEDIATE"
