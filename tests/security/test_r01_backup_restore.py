"""R-01: the restore drill on the configured database (SQLite or PostgreSQL): seed, back up the
database and the files, destroy both, restore; counts and checksums equal, every executed
contract passes the acceptance rule (E-01), the chains verify. And the refusals: a damaged,
incomplete, foreign or newer backup is refused before anything is touched."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from prodoffice.contracts.chain import verify_chains
from prodoffice.contracts.models import Contract, ContractDocument
from prodoffice.contracts.sealing import verify_pdf
from prodoffice.contracts.services import countersign
from prodoffice.contracts.tests.conftest import _rsa_key, office_seal  # noqa: F401
from prodoffice.contracts.tests.helpers import otp_code, sent, sign_all
from prodoffice.core import backup, restore
from prodoffice.people.models import Person

UPLOAD = "uploads/call-sheet-day-01.txt"


def _seed(world) -> Contract:
    """An executed, sealed contract, a sent one, and an upload beside the contract PDFs."""
    contract = sign_all(world, sent(world))
    contract = countersign.contract_countersign(
        actor=world.office, contract=contract, otp_code=otp_code(world.office)
    )
    sent(world)
    default_storage.save(UPLOAD, ContentFile(b"Unit call 07:00, breakfast 06:30\n"))
    return contract


def _hashes() -> dict[str, str]:
    return {
        name: hashlib.sha256(default_storage.open(name, "rb").read()).hexdigest()
        for name in backup.storage_names(default_storage)
    }


def _counts() -> dict[str, int]:
    tables = connection.introspection.table_names()
    return {t: n for t, n in restore._live_counts("default", tables).items()}


def _destroy_database() -> None:
    """Every table gone: SQLite replaced by an empty database, PostgreSQL's schema dropped."""
    if connection.vendor == "sqlite":
        empty = sqlite3.connect(":memory:")
        connection.ensure_connection()
        empty.backup(connection.connection)
        empty.close()
    else:
        with connection.cursor() as cur:
            cur.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    assert connection.introspection.table_names() == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_r01_seed_back_up_destroy_restore(world, office_seal, settings, tmp_path):  # noqa: F811
    contract = _seed(world)
    counts, hashes = _counts(), _hashes()
    assert len(hashes) == 4 and UPLOAD in hashes  # two originals, the sealed final, the upload

    folder, manifest = backup.backup_create(output=tmp_path / "backups")
    assert manifest["row_counts"] == counts
    assert {f["name"]: f["sha256"] for f in manifest["files"]} == hashes
    assert manifest["engine"] == connection.vendor and manifest["seal"] == {"mode": "excluded"}
    assert manifest["latest_migrations"]["contracts"] == manifest["migrations"]["contracts"][-1]
    assert folder.stat().st_mode & 0o077 == 0  # personal data: the owner's only

    _destroy_database()
    shutil.rmtree(settings.MEDIA_ROOT)

    report = restore.backup_restore(folder)
    assert report.ok, [c for c in report.checks if not c.ok]
    names = [c.name for c in report.checks]
    assert names == [
        "row counts equal the backup's",
        "stored files match their SHA-256",
        "Every audit chain recomputes",
        "Every contract's event chain recomputes",
        "Every executed contract's final PDF passes the acceptance rule (E-01)",
    ]
    assert _counts() == counts
    assert _hashes() == hashes
    # The drill's own assertions, independent of the restore's checks.
    final = ContractDocument.objects.get(contract=contract, kind="final")
    verdict = verify_pdf(final.file.read(), stored_sha256=final.sha256)
    assert verdict.ok and verdict.contract_ref == contract.reference, verdict.messages
    assert Contract.objects.get(pk=contract.pk).status == "executed"
    chains = list(verify_chains())
    assert len(chains) == 2 and all(broken is None for _c, _n, broken in chains)


def _files_in(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_r01_the_office_seal_travels_encrypted(
    world,
    office_seal,  # noqa: F811
    settings,
    tmp_path,
    monkeypatch,
    capsys,
):
    _seed(world)
    seal_dir = Path(settings.PRODOFFICE_SIGNING_DIR)
    seal_files = {
        p.relative_to(seal_dir): p.read_bytes() for p in seal_dir.rglob("*") if p.is_file()
    }
    folder, manifest = backup.backup_create(
        output=tmp_path / "b", seal="encrypt", passphrase="correct horse battery"
    )
    assert manifest["seal"]["mode"] == "encrypted"
    raw = (folder / backup.SEAL_FILE).read_bytes()
    assert all(data not in raw for data in seal_files.values())  # nothing in clear

    with pytest.raises(backup.BackupError, match="wrong passphrase"):
        restore.backup_restore(folder, passphrase="incorrect")
    with pytest.raises(backup.BackupError, match=backup.PASSPHRASE_ENV):
        restore.backup_restore(folder)

    shutil.rmtree(seal_dir)
    shutil.rmtree(settings.MEDIA_ROOT)
    monkeypatch.setenv(backup.PASSPHRASE_ENV, "correct horse battery")
    call_command("restore", str(folder), "--json")  # the command, as an operator runs it
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["seal"] == "restored", report["checks"]
    assert {
        p.relative_to(seal_dir): p.read_bytes() for p in seal_dir.rglob("*") if p.is_file()
    } == (seal_files)


# --- refusals: nothing is touched ---------------------------------------------------------------


def _manifest_edit(edit):
    def apply(folder: Path) -> None:
        manifest = json.loads((folder / backup.MANIFEST).read_text())
        edit(manifest)
        (folder / backup.MANIFEST).write_text(json.dumps(manifest))

    return apply


def _flip(relative: str, offset: int = 0):
    def apply(folder: Path) -> None:
        path = folder / relative
        data = bytearray(path.read_bytes())
        data[offset] ^= 0xFF
        path.write_bytes(bytes(data))

    return apply


def _other_engine(m):
    m["engine"] = "postgresql" if connection.vendor == "sqlite" else "sqlite"


DAMAGES = {
    "a flipped byte in a stored file": (
        _flip(f"{backup.FILES_DIR}/{UPLOAD}"),
        f"{UPLOAD}: SHA-256 does not match",
    ),
    "a flipped byte in the database copy": (
        lambda f: _flip(json.loads((f / backup.MANIFEST).read_text())["database"]["file"], 200)(f),
        "The database copy: SHA-256 does not match",
    ),
    "a missing file": (
        lambda f: (f / backup.FILES_DIR / UPLOAD).unlink(),
        f"{UPLOAD} is missing from the backup",
    ),
    "no manifest (incomplete)": (
        lambda f: (f / backup.MANIFEST).unlink(),
        "holds no manifest.json",
    ),
    "a truncated manifest": (
        lambda f: (f / backup.MANIFEST).write_text('{"format": "prodoffice-backup", '),
        "manifest.json is not valid JSON",
    ),
    "no row counts": (
        _manifest_edit(lambda m: m.pop("row_counts")),
        "row_counts is missing or malformed",
    ),
    "a file name leaving the storage": (
        _manifest_edit(lambda m: m["files"][0].update(name="../../etc/passwd")),
        "not a safe relative path",
    ),
    "a newer schema": (
        _manifest_edit(lambda m: m["migrations"]["contracts"].append("9999_from_the_future")),
        "newer version: migration contracts.9999_from_the_future",
    ),
    "the other engine": (_manifest_edit(_other_engine), "this installation uses"),
}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_damaged_or_incomplete_backup_is_refused_untouched(world, tmp_path, capsys):
    default_storage.save(UPLOAD, ContentFile(b"first version\n"))
    good, _manifest = backup.backup_create(output=tmp_path / "backups")
    person = world.engagement_a.person_id
    Person.objects.filter(pk=person).update(first_name="Changed")
    counts, hashes = _counts(), _hashes()

    call_command("restore", str(good), "--check", "--json")
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] is True and result["files"] == 1

    for case, (damage, message) in DAMAGES.items():
        folder = tmp_path / case.replace(" ", "-")
        shutil.copytree(good, folder)
        damage(folder)
        with pytest.raises(CommandError) as info:
            call_command("restore", str(folder))
        assert info.value.returncode == 1, case
        assert str(info.value).startswith("RESTORE REFUSED: "), case
        assert message in str(info.value), (case, str(info.value))
        assert _counts() == counts and _hashes() == hashes, case
        assert Person.objects.get(pk=person).first_name == "Changed", case


@pytest.mark.django_db
def test_a_backup_inside_a_transaction_is_refused_not_hung(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("pg_dump reads from its own connection")
    with pytest.raises(backup.BackupError, match="inside a database transaction"):
        backup.backup_create(output=tmp_path)
