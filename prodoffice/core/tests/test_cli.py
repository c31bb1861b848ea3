"""The `prodoffice` console script in front of a database that was never migrated."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="an empty database is made here as a fresh SQLite file",
)
@pytest.mark.parametrize(
    "verb",
    [
        ["productions"],
        ["contracts", "list", "--production", "X"],
        ["export-crew", "--production", "X", "--format", "csv"],
    ],
)
def test_a_verb_on_an_unmigrated_database_says_to_migrate(tmp_path, verb):
    env = {**os.environ, "SQLITE_PATH": str(tmp_path / "empty.sqlite3"), "DATABASE_URL": ""}
    done = subprocess.run(
        [sys.executable, "-m", "prodoffice.cli", *verb],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "run `prodoffice migrate`" in done.stderr
    assert "Traceback" not in done.stderr
