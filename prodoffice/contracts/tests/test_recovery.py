"""The recovery sweep, F-01 (kill -9 at every step of the countersignature) and F-06 (disk full
while sealing)."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from prodoffice.contracts import faults, recovery
from prodoffice.contracts.chain import verify_chains
from prodoffice.contracts.models import Contract, ContractDocument
from prodoffice.contracts.sealing import verify_pdf
from prodoffice.contracts.services import countersign, documents, sealing, sending
from prodoffice.contracts.tests.helpers import draft, otp_code, sent, sign_all

ROOT = Path(__file__).resolve().parents[3]
#: Up to here the countersignature has not committed: a kill leaves the contract untouched.
UNTOUCHED = faults.COUNTERSIGN_POINTS[: faults.COUNTERSIGN_POINTS.index("countersign:committed")]
#: Up to here the send request has not committed: a kill leaves the draft untouched.
SEND_UNTOUCHED = faults.SEND_POINTS[: faults.SEND_POINTS.index("send:committed")]


def _stored_names() -> set[str]:
    try:
        return {f"{recovery.FOLDER}/{n}" for n in default_storage.listdir(recovery.FOLDER)[1]}
    except FileNotFoundError:
        return set()


def assert_consistent(contract: Contract, *, verify: bool = True) -> str:
    """Untouched (signed) or fully executed with its intact, verifiable final file; the chain
    verifies and no file lies in storage without its row. Returns the status."""
    contract.refresh_from_db()
    assert all(b is None for _, _, b in verify_chains(Contract.objects.filter(pk=contract.pk)))
    events = contract.events
    finals = contract.documents.filter(kind="final")
    if contract.status == "signed":
        assert contract.countersigned_at is None and not finals.exists()
        assert not events.filter(action__in=("countersigned", "sealed")).exists()
    else:
        assert contract.status == "executed", contract.status
        assert events.filter(action="countersigned").count() == 1
        assert events.filter(action="sealed").count() == 1
        final = finals.get()
        data = final.file.read()
        assert hashlib.sha256(data).hexdigest() == final.sha256 and len(data) == final.size
        assert not verify or verify_pdf(data, stored_sha256=final.sha256).ok  # E-01
    rows = set(ContractDocument.objects.values_list("file", flat=True))
    assert _stored_names() == rows
    return contract.status


# --- the sweep -----------------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


def _countersigned(world, settings) -> Contract:
    """A contract countersigned whose seal task waits in the queue (no worker runs it)."""
    contract = sign_all(world, sent(world))
    immediate = settings.TASKS
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    contract = countersign.contract_countersign(
        actor=world.office, contract=contract, otp_code=otp_code(world.office)
    )
    settings.TASKS = immediate
    assert contract.status == "countersigned"
    return contract


def test_the_sweep_seals_a_countersigned_contract_whose_task_was_lost(world, office_seal, settings):
    contract = _countersigned(world, settings)
    report = recovery.sweep(grace=recovery.GRACE * 0)
    assert report.sealed == [contract.reference] and report.clean
    assert assert_consistent(contract) == "executed"
    # The executed copies are queued at the seal's commit, which never comes inside the test's
    # transaction: the next sweep mails them (as after a crash right after the commit).
    again = recovery.sweep(grace=recovery.GRACE * 0)
    assert again.sealed == [] and len(again.copies_mailed) == contract.parties.count()
    last = recovery.sweep(grace=recovery.GRACE * 0)  # idempotent: nothing left to do
    assert last.lines() == ["Nothing to recover."]
    assert contract.events.filter(action="sealed").count() == 1


def test_the_sweep_deletes_orphan_files_but_not_young_ones(world, office_seal):
    contract = sent(world)
    default_storage.save("contracts/orphan.pdf", io.BytesIO(b"%PDF-1.7 half"))
    assert recovery.sweep().orphans_deleted == []  # young: may be a transaction still open
    report = recovery.sweep(grace=recovery.GRACE * 0)
    assert report.orphans_deleted == ["contracts/orphan.pdf"]
    assert _stored_names() == {contract.documents.get().file.name}


def test_the_sweep_rolls_back_a_send_without_its_document(world):
    contract = sent(world)
    ContractDocument.objects.filter(contract=contract).delete()
    report = recovery.sweep(grace=recovery.GRACE * 0)
    contract.refresh_from_db()
    assert report.sends_rolled_back == [contract.reference.replace("-v2", "-v1")]
    assert contract.status == "draft" and contract.version == 2


def test_the_sweep_reports_an_executed_contract_whose_final_file_changed(
    world, office_seal, settings
):
    contract = _countersigned(world, settings)
    recovery.sweep(grace=recovery.GRACE * 0)
    final = contract.documents.get(kind="final")
    path = Path(final.file.path)
    path.write_bytes(path.read_bytes()[:-10])
    report = recovery.sweep(grace=recovery.GRACE * 0, verify_files=True)
    assert report.bad_finals == [contract.reference] and not report.clean


def test_a_stale_final_document_is_never_accepted_when_sealing(world, office_seal, settings):
    contract = _countersigned(world, settings)
    stale = documents.store(contract, "final", b"%PDF-1.7 not the sealed one")
    Path(stale.file.path).write_bytes(b"%PDF-1.7 tampered after the hash was taken")
    sealing.contract_seal(contract_id=contract.pk)
    assert assert_consistent(contract) == "executed"
    final = contract.documents.get(kind="final")
    assert final.pk != stale.pk and final.sha256 != stale.sha256


def test_cli_sweep_reports_in_json_and_fails_while_a_seal_fails(
    world, office_seal, settings, tmp_path
):
    contract = _countersigned(world, settings)
    settings.PRODOFFICE_SIGNING_DIR = tmp_path / "gone"
    from prodoffice.contracts.sealing import keys

    keys.forget_cached_signer()
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("contracts", "sweep", "--json", "--grace", "0", stdout=out)
    assert caught.value.returncode == 1
    data = json.loads(out.getvalue())
    assert list(data["seal_failed"]) == [contract.reference]
    assert "signing key" in data["seal_failed"][contract.reference]
    contract.refresh_from_db()
    assert contract.status == "countersigned" and contract.seal_attempts == 1


# --- F-06: disk full while sealing ---------------------------------------------------------------


def full_disk(self, name, content):
    """FileSystemStorage._save on a full file system: half the bytes reach the disk, then the
    write fails."""
    path = Path(self.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.read()[: content.size // 2])
    raise OSError(errno.ENOSPC, "No space left on device", str(path))


def test_f06_disk_full_while_sealing_keeps_the_contract_countersigned_then_the_sweep_seals(
    world, office_seal, monkeypatch
):
    contract = sign_all(world, sent(world))
    real_save = FileSystemStorage._save
    monkeypatch.setattr(FileSystemStorage, "_save", full_disk)
    contract = countersign.contract_countersign(
        actor=world.office, contract=contract, otp_code=otp_code(world.office)
    )
    assert contract.status == "countersigned"
    assert "No space left on device" in contract.seal_error
    assert not contract.documents.filter(kind="final").exists()
    assert not contract.events.filter(action="sealed").exists()
    # Nothing truncated is stored or referenced: only the original is on disk.
    assert _stored_names() == {contract.documents.get(kind="original").file.name}
    failed = recovery.sweep(grace=recovery.GRACE * 0)  # still full: reported, nothing changes
    assert list(failed.seal_failed) == [contract.reference]
    assert _stored_names() == {contract.documents.get(kind="original").file.name}

    monkeypatch.setattr(FileSystemStorage, "_save", real_save)  # space is back
    report = recovery.sweep(grace=recovery.GRACE * 0)
    assert report.sealed == [contract.reference]
    assert assert_consistent(contract) == "executed"
    contract.refresh_from_db()
    assert contract.seal_error == "" and contract.seal_attempts == 3


# --- F-01: kill -9 at every step -----------------------------------------------------------------


def _child_env(settings, media: Path, database: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRODOFFICE_")}
    env.update(
        DJANGO_SETTINGS_MODULE="prodoffice.settings",
        SECRET_KEY=settings.SECRET_KEY,
        MEDIA_ROOT=str(media),
        PRODOFFICE_SIGNING_DIR=str(settings.PRODOFFICE_SIGNING_DIR),
        PRODOFFICE_VAR_DIR=str(media.parent / "var"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    env.pop("DATABASE_URL", None)
    if connection.vendor == "sqlite":
        env["SQLITE_PATH"] = database
    else:
        s = connection.settings_dict
        auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
        env["DATABASE_URL"] = f"postgres://{auth}@{s['HOST']}:{s['PORT'] or 5432}/{database}"
    return env


class _Copies:
    """Copies of the test database (SQLite: files by the backup API; PostgreSQL: databases
    from the test database as template), and switching the test's connection onto one."""

    def __init__(self, tmp_path: Path):
        self.tmp_path = tmp_path
        self.pg_names: list[str] = []
        self.test_name = connection.settings_dict["NAME"]

    def make(self, label: str) -> str:
        if connection.vendor == "sqlite":
            path = str(self.tmp_path / f"{label}.sqlite3")
            target = sqlite3.connect(path)
            connection.ensure_connection()
            connection.connection.backup(target)
            target.close()
            return path
        name = f"{self.test_name}_{label}".replace(":", "_").replace("-", "_")[:60]
        connection.close()
        with self._pg_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.test_name}"')
        self.pg_names.append(name)
        return name

    def _pg_admin(self):
        import psycopg

        s = connection.settings_dict
        return psycopg.connect(
            dbname="postgres",
            user=s["USER"],
            password=s["PASSWORD"] or None,
            host=s["HOST"],
            port=s["PORT"] or 5432,
            autocommit=True,
        )

    def use(self, database: str) -> None:
        """Point the test's connection at a copy (SQLite: restore the copy into the test DB)."""
        if connection.vendor == "sqlite":
            source = sqlite3.connect(database)
            connection.ensure_connection()
            source.backup(connection.connection)
            source.close()
        else:
            connection.close()
            connection.settings_dict["NAME"] = database

    def drop(self) -> None:
        """Back to the test database; the copies are dropped in a thread the interpreter waits
        for at exit (each DROP DATABASE waits for a checkpoint: seconds apiece)."""
        if connection.vendor != "sqlite":
            connection.close()
            connection.settings_dict["NAME"] = self.test_name
            threading.Thread(target=self._drop_copies, name="f01-drop").start()

    def _drop_copies(self) -> None:
        with self._pg_admin() as admin:
            for name in self.pg_names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _killed_at_each(contract, office, settings, tmp_path, points, operation: str):
    """Run `operation` on `contract` in child processes, each killed (SIGKILL) at one of
    `points`, against its own copy of the test database and media; then yield each point with
    the test's connection and MEDIA_ROOT switched onto the copy it left behind."""
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    copies = _Copies(tmp_path)
    try:
        jobs = []
        for i, point in enumerate(points):
            shutil.copytree(media, tmp_path / f"media_{i}")
            jobs.append(
                {
                    "operation": operation,
                    "point": point,
                    "database": copies.make(f"f01_{operation}_{i}"),
                    "media": str(tmp_path / f"media_{i}"),
                }
            )
        argv = [sys.executable, "-m", "prodoffice.contracts.tests.crash_child"]
        argv += [str(contract.pk), str(office.pk)]
        env = _child_env(settings, media, jobs[0]["database"])
        result = subprocess.run(
            argv, env=env, cwd=ROOT, input=json.dumps(jobs).encode(), capture_output=True,
            timeout=120,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr.decode()[-3000:]
        ended = json.loads(result.stdout.decode().strip().splitlines()[-1])
        assert ended == {point: -9 for point in points}, (ended, result.stderr.decode()[-3000:])
        for job in jobs:
            copies.use(job["database"])
            settings.MEDIA_ROOT = job["media"]
            yield job["point"]
    finally:
        copies.drop()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_f01_kill_9_at_every_step_of_the_countersignature(world, office_seal, settings, tmp_path):
    contract = sign_all(world, sent(world))
    points = faults.COUNTERSIGN_POINTS
    for point in _killed_at_each(contract, world.office, settings, tmp_path, points, "countersign"):
        report = recovery.sweep(grace=recovery.GRACE * 0)
        assert report.clean, (point, report.as_dict())
        expected = "signed" if point in UNTOUCHED else "executed"
        assert assert_consistent(contract) == expected, point
        # The seal task queued with the countersignature may still be delivered: a no-op.
        sealing.contract_seal(contract_id=contract.pk)
        assert assert_consistent(contract, verify=False) == expected, point


def assert_send_consistent(contract: Contract) -> str:
    """An untouched draft, or sent with its intact original, one "sent" event and every party's
    link mailed; the chain verifies and no file lies in storage without its row."""
    contract.refresh_from_db()
    assert all(b is None for _, _, b in verify_chains(Contract.objects.filter(pk=contract.pk)))
    originals = contract.documents.filter(kind="original")
    if contract.status == "draft":
        assert not originals.exists() and not contract.events.filter(action="sent").exists()
        assert contract.sent_at is None
    else:
        assert contract.status == "sent", (contract.status, contract.send_error)
        assert contract.events.filter(action="sent").count() == 1
        original = originals.get()
        data = original.file.read()
        assert hashlib.sha256(data).hexdigest() == original.sha256 and len(data) == original.size
        assert not contract.parties.filter(link_mailed_at__isnull=True).exists()
    rows = set(ContractDocument.objects.values_list("file", flat=True))
    assert _stored_names() == rows
    return contract.status


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_f01_kill_9_at_every_step_of_a_send(world, settings, tmp_path):
    contract = draft(world)
    points = faults.SEND_POINTS
    for point in _killed_at_each(contract, world.office, settings, tmp_path, points, "send"):
        report = recovery.sweep(grace=recovery.GRACE * 0)
        assert report.clean, (point, report.as_dict())
        expected = "draft" if point in SEND_UNTOUCHED else "sent"
        assert assert_send_consistent(contract) == expected, point
        # The render task queued with the send may still be delivered: a no-op.
        sending.contract_freeze(contract_id=contract.pk)
        assert assert_send_consistent(contract) == expected, point


def test_the_worker_sweeps_when_it_starts(world, office_seal, settings, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    contract = _countersigned(world, settings)
    DBTaskResult.objects.all().delete()  # the queued seal task was lost
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0",
                 stdout=io.StringIO())  # fmt: skip
    assert assert_consistent(contract) == "executed"


def test_cli_sweep_says_when_there_is_nothing_to_do(world):
    out = io.StringIO()
    call_command("contracts", "sweep", stdout=out)
    assert out.getvalue().strip() == "Nothing to recover."
    with pytest.raises(CommandError) as caught:
        call_command("contracts", "sweep", "--grace", "-1", stdout=io.StringIO())
    assert caught.value.returncode == 2 and "--grace" in str(caught.value)


def test_a_running_worker_keeps_one_sweep_queued(world, settings):
    from django_tasks_db.models import DBTaskResult

    from prodoffice.contracts import tasks

    assert recovery.schedule_sweep() is False  # inline tasks: no worker to run it later
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django.utils import timezone

    before = timezone.now()
    assert recovery.schedule_sweep() is True
    assert recovery.schedule_sweep() is False  # one waiting already, however many workers
    waiting = DBTaskResult.objects.get(task_path=tasks.sweep_contracts.module_path)
    assert waiting.status == "READY" and waiting.run_after >= before + recovery.SWEEP_EVERY
    # When it runs it sweeps and queues the next one.
    waiting.delete()
    assert tasks.sweep_contracts.call() == recovery.SweepReport().as_dict()
    assert (
        DBTaskResult.objects.filter(
            task_path=tasks.sweep_contracts.module_path, status="READY"
        ).count()
        == 1
    )
