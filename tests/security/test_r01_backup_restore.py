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

    _destroy_database()
    shutil.rmtree(settings.MEDIA_ROOT)

    report = restore.backup_restore(folder)
    assert report.ok, [c for c in report.checks if not c.ok]
    names = [c.name for c in report.checks]
    assert names == [
        "row counts equal the backup's",
        "stored files match their SHA-256",
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
def test_r01_the_office_seal_travels_encrypted(world, office_seal, settings, tmp_path):  # noqa: F811
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
    report = restore.backup_restore(folder, passphrase="correct horse battery")
    assert report.ok and report.seal == "restored", report.checks
    assert {
        p.relative_to(seal_dir): p.read_bytes() for p in seal_dir.rglob("*") if p.is_file()
    } == (seal_files)


# --- refusals: nothing is touched ---------------------------------------------------------------


@pytest.fixture
def made(world, tmp_path):
    """A backup of the world plus an upload; then a change the refused restore must keep."""
    default_storage.save(UPLOAD, ContentFile(b"first version\n"))
    folder, _manifest = backup.backup_create(output=tmp_path / "backups")
    Person.objects.filter(pk=world.engagement_a.person_id).update(first_name="Changed")
    return folder


def _refused(folder: Path, match: str, world) -> None:
    counts, hashes = _counts(), _hashes()
    with pytest.raises(CommandError, match=match) as info:
        call_command("restore", str(folder))
    assert info.value.returncode == 1 and "RESTORE REFUSED" in str(info.value)
    assert _counts() == counts and _hashes() == hashes
    assert Person.objects.get(pk=world.engagement_a.person_id).first_name == "Changed"


def _manifest(folder: Path) -> dict:
    return json.loads((folder / backup.MANIFEST).read_text())


def _write_manifest(folder: Path, manifest: dict) -> None:
    (folder / backup.MANIFEST).write_text(json.dumps(manifest))


@pytest.mark.django_db
def test_a_flipped_byte_in_a_stored_file_is_refused(made, world):
    path = made / backup.FILES_DIR / UPLOAD
    data = bytearray(path.read_bytes())
    data[0] ^= 1
    path.write_bytes(bytes(data))
    _refused(made, f"{UPLOAD}: SHA-256 does not match", world)


@pytest.mark.django_db
def test_a_damaged_database_copy_is_refused(made, world):
    db = made / _manifest(made)["database"]["file"]
    with open(db, "r+b") as fh:
        fh.seek(200)
        byte = fh.read(1)
        fh.seek(200)
        fh.write(bytes([byte[0] ^ 0xFF]))
    _refused(made, "The database copy: SHA-256 does not match", world)


@pytest.mark.django_db
def test_a_missing_file_is_refused(made, world):
    (made / backup.FILES_DIR / UPLOAD).unlink()
    _refused(made, f"{UPLOAD} is missing from the backup", world)


@pytest.mark.django_db
def test_an_incomplete_backup_without_manifest_is_refused(made, world):
    (made / backup.MANIFEST).unlink()
    _refused(made, "holds no manifest.json", world)


@pytest.mark.django_db
def test_a_manifest_that_is_not_json_is_refused(made, world):
    (made / backup.MANIFEST).write_text('{"format": "prodoffice-backup", ')
    _refused(made, "manifest.json is not valid JSON", world)


@pytest.mark.django_db
def test_a_manifest_without_row_counts_is_refused(made, world):
    manifest = _manifest(made)
    del manifest["row_counts"]
    _write_manifest(made, manifest)
    _refused(made, "row_counts is missing or malformed", world)


@pytest.mark.django_db
def test_a_file_name_leaving_the_storage_is_refused(made, world):
    manifest = _manifest(made)
    manifest["files"][0]["name"] = "../../etc/passwd"
    _write_manifest(made, manifest)
    _refused(made, "not a safe relative path", world)


@pytest.mark.django_db
def test_a_backup_from_a_newer_schema_is_refused(made, world):
    manifest = _manifest(made)
    manifest["migrations"]["contracts"].append("9999_from_the_future")
    _write_manifest(made, manifest)
    _refused(made, "newer version: migration contracts.9999_from_the_future", world)


@pytest.mark.django_db
def test_a_backup_of_the_other_engine_is_refused(made, world):
    manifest = _manifest(made)
    manifest["engine"] = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    _write_manifest(made, manifest)
    _refused(made, "this installation uses", world)


@pytest.mark.django_db
def test_check_validates_and_changes_nothing(made, world, capsys):
    call_command("restore", str(made), "--check", "--json")
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] is True and result["files"] == 1
    assert Person.objects.get(pk=world.engagement_a.person_id).first_name == "Changed"
