"""R-03: a failing backup exits non-zero with a loud message and leaves no folder that could be
taken for a backup."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from prodoffice.core import backup

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def _failed(*args: str) -> CommandError:
    with pytest.raises(CommandError) as info:
        call_command("backup", *args)
    assert info.value.returncode == 1
    assert str(info.value).startswith("BACKUP FAILED: ")
    return info.value


def test_an_output_that_is_a_file_fails_loudly(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    error = _failed("--output", str(blocker))
    assert str(blocker) in str(error)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_unreadable_stored_file_fails_and_leaves_nothing(tmp_path, monkeypatch):
    default_storage.save("uploads/a.txt", ContentFile(b"a"))
    default_storage.save("uploads/b.txt", ContentFile(b"b"))
    real_open = FileSystemStorage.open

    def failing_open(self, name, mode="rb"):
        if name.endswith("b.txt"):
            raise PermissionError(13, "Permission denied", name)
        return real_open(self, name, mode)

    monkeypatch.setattr(FileSystemStorage, "open", failing_open)
    error = _failed("--output", str(tmp_path / "out"))
    assert "uploads/b.txt cannot be copied" in str(error)
    assert list((tmp_path / "out").iterdir()) == []  # the partial folder is gone


def test_a_copy_failing_the_integrity_check_fails(tmp_path, monkeypatch):
    real = backup._sqlite_snapshot if backup.engine_of("default") == "sqlite" else None
    if real is None:
        pytest.skip("the integrity check is SQLite's")

    def corrupt(using, target):
        raise backup.BackupError("The database copy fails PRAGMA integrity_check: page 7 bad")

    monkeypatch.setattr(backup, "_sqlite_snapshot", corrupt)
    error = _failed("--output", str(tmp_path / "out"))
    assert "integrity_check" in str(error)
    assert list((tmp_path / "out").iterdir()) == []


def test_encrypting_the_seal_without_a_passphrase_fails(tmp_path, monkeypatch):
    monkeypatch.delenv(backup.PASSPHRASE_ENV, raising=False)
    error = _failed("--output", str(tmp_path / "out"), "--seal", "encrypt")
    assert backup.PASSPHRASE_ENV in str(error)
    assert not (tmp_path / "out").exists()  # refused before anything was written


def test_the_console_script_exits_1_on_stderr(tmp_path):
    """The real process: exit status 1 and the message on stderr, no traceback."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    env = {
        **os.environ,
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        "DATABASE_URL": "",
        "PRODOFFICE_VAR_DIR": str(tmp_path / "var"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "prodoffice.cli", "backup", "--output", str(blocker)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "BACKUP FAILED" in done.stderr and "Traceback" not in done.stderr


@pytest.fixture
def postgres():
    if backup.engine_of("default") != "postgresql":
        pytest.skip("pg_dump is PostgreSQL's")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_missing_pg_dump_fails(postgres, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    error = _failed("--output", str(tmp_path / "out"))
    assert "pg_dump is not installed" in str(error)
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_pg_dump_names_its_error(postgres, tmp_path, monkeypatch):
    real_env = backup.pg_env
    monkeypatch.setattr(
        backup, "pg_env", lambda using: {**real_env(using), "PGDATABASE": "po_backup_absent"}
    )
    error = _failed("--output", str(tmp_path / "out"))
    assert "pg_dump failed (the database dump)" in str(error) and "po_backup_absent" in str(error)
    assert list((tmp_path / "out").iterdir()) == []
