"""The nightly backup (django-tasks; `prodoffice worker` runs it, ADR 0014).

No scheduler runs beside the worker: the backup task is queued with `run_after` set to the next
PRODOFFICE_BACKUP_HOUR (UTC), and each run queues the next one. The worker's start-up hook queues
the first when none is waiting, so a restarted worker resumes the schedule.
"""

from __future__ import annotations

import datetime
import logging
import os

from django.conf import settings
from django_tasks import task

from prodoffice.core import backup

logger = logging.getLogger(__name__)
TASK_PATH = "prodoffice.core.tasks.nightly_backup"


def next_run(now: datetime.datetime) -> datetime.datetime:
    """The next PRODOFFICE_BACKUP_HOUR:00 UTC strictly after `now`."""
    hour = settings.PRODOFFICE_BACKUP_HOUR
    at = now.astimezone(datetime.UTC).replace(hour=hour, minute=0, second=0, microsecond=0)
    return at if at > now else at + datetime.timedelta(days=1)


def schedule_nightly_backup() -> bool:
    """Queue the next nightly backup unless one is already waiting; True when one was queued."""
    from django_tasks import default_task_backend

    # Inline tasks (PRODOFFICE_TASKS_IMMEDIATE=1) have no queue to wait in: no worker, no schedule.
    if not settings.PRODOFFICE_BACKUP_NIGHTLY or not default_task_backend.supports_defer:
        return False
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path=TASK_PATH, status="READY").exists()
    if waiting:
        return False
    run_after = next_run(datetime.datetime.now(datetime.UTC))
    nightly_backup.using(run_after=run_after).enqueue()
    logger.info("Nightly backup queued for %s", run_after.isoformat())
    return True


def take_backup() -> str:
    """One backup with the configured seal mode, then the oldest beyond the retention pruned."""
    folder, _manifest = backup.backup_create(
        output=settings.PRODOFFICE_BACKUP_DIR,
        seal=settings.PRODOFFICE_BACKUP_SEAL,
        passphrase=os.environ.get(backup.PASSPHRASE_ENV),
    )
    pruned = backup.backup_prune(keep=settings.PRODOFFICE_BACKUP_KEEP)
    logger.info("Backup written to %s (%d old backups pruned)", folder, len(pruned))
    return str(folder)


@task()
def nightly_backup() -> str:
    """Take the nightly backup; a failure is logged as an error and fails the task (R-03)."""
    try:
        return take_backup()
    except Exception:
        logger.exception("NIGHTLY BACKUP FAILED: no new backup was written")
        raise
    finally:
        schedule_nightly_backup()
