"""The nightly backup: queued for the next backup hour by the worker's start-up hook, requeued by
each run, never twice; each run keeps the newest PRODOFFICE_BACKUP_KEEP backups."""

from __future__ import annotations

import datetime

import pytest
from django_tasks_db.models import DBTaskResult

from prodoffice.core import backup, tasks

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture
def queue(settings):
    """The database queue of `prodoffice worker` instead of the tests' inline tasks."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_next_run_is_the_next_backup_hour_in_utc(settings):
    settings.PRODOFFICE_BACKUP_HOUR = 3
    before = datetime.datetime(2026, 12, 3, 2, 59, tzinfo=UTC)
    after = datetime.datetime(2026, 12, 3, 3, 0, tzinfo=UTC)
    assert tasks.next_run(before) == datetime.datetime(2026, 12, 3, 3, 0, tzinfo=UTC)
    assert tasks.next_run(after) == datetime.datetime(2026, 12, 4, 3, 0, tzinfo=UTC)


def test_the_worker_queues_one_nightly_backup(queue, settings):
    assert "prodoffice.core.tasks.schedule_nightly_backup" in settings.PRODOFFICE_WORKER_STARTUP
    assert tasks.schedule_nightly_backup() is True
    assert tasks.schedule_nightly_backup() is False  # a second worker start queues none
    queued = DBTaskResult.objects.get(task_path=tasks.TASK_PATH)
    assert queued.status == "READY"
    assert queued.run_after == tasks.next_run(queued.enqueued_at)


def test_nothing_is_queued_when_nightly_backups_are_off(queue, settings):
    settings.PRODOFFICE_BACKUP_NIGHTLY = False
    assert tasks.schedule_nightly_backup() is False
    assert not DBTaskResult.objects.filter(task_path=tasks.TASK_PATH).exists()


def test_inline_tasks_have_no_schedule():
    assert tasks.schedule_nightly_backup() is False  # the tests' immediate backend


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_run_keeps_the_newest_backups(settings, tmp_path):
    settings.PRODOFFICE_BACKUP_DIR = tmp_path / "nightly"
    settings.PRODOFFICE_BACKUP_KEEP = 2
    made = [tasks.take_backup() for _ in range(3)]
    left = sorted(str(p) for p in settings.PRODOFFICE_BACKUP_DIR.iterdir())
    assert left == sorted(made[1:])


def test_a_failed_nightly_backup_fails_the_task_and_requeues(queue, settings, tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    settings.PRODOFFICE_BACKUP_DIR = blocker
    with pytest.raises(backup.BackupError):
        tasks.nightly_backup.call()
    assert "NIGHTLY BACKUP FAILED" in caplog.text
    assert DBTaskResult.objects.filter(task_path=tasks.TASK_PATH, status="READY").count() == 1
