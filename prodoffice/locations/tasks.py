"""The paperwork desk's daily background work (django-tasks; `prodoffice worker` runs it).

As with the nightly backup (core/tasks.py), no scheduler runs beside the worker: the daily task
is queued with `run_after` set to the next PRODOFFICE_PAPERWORK_HOUR (UTC) and each run queues
the next; the worker's start-up hook queues the first when none is waiting. Each step is
idempotent (reminders and digests are recorded once), so a duplicate delivery sends nothing.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django_tasks import task

from prodoffice.core.context import operation
from prodoffice.locations.services import paperwork, reminders, retention

logger = logging.getLogger(__name__)
TASK_PATH = "prodoffice.locations.tasks.paperwork_daily"


def next_run(now: datetime.datetime) -> datetime.datetime:
    """The next PRODOFFICE_PAPERWORK_HOUR:00 UTC strictly after `now`."""
    hour = getattr(settings, "PRODOFFICE_PAPERWORK_HOUR", 6)
    at = now.astimezone(datetime.UTC).replace(hour=hour, minute=0, second=0, microsecond=0)
    return at if at > now else at + datetime.timedelta(days=1)


def schedule_paperwork_daily() -> bool:
    """Queue the next daily run unless one is waiting; True when one was queued."""
    from django_tasks import default_task_backend

    if not default_task_backend.supports_defer:
        return False
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.filter(task_path=TASK_PATH, status="READY").exists():
        return False
    paperwork_daily.using(run_after=next_run(datetime.datetime.now(datetime.UTC))).enqueue()
    return True


def run_daily() -> dict:
    """Expire lapsed documents, send due reminders and each production's digest, and purge
    the paperwork past its retention (five years and more; see services/retention.py)."""
    from prodoffice.productions.models import Production

    with operation(src="system"):
        expired = paperwork.documents_expire_due()
        reminded = reminders.paperwork_remind_due()
        digests = sum(
            reminders.paperwork_digest_send(production=p)
            for p in Production.objects.filter(legal_documents__isnull=False).distinct()
        )
        purged = len(retention.purge())
    return {"expired": expired, "reminded": reminded, "digests": digests, "purged": purged}


@task()
def paperwork_purge(dry_run: bool = False) -> list[str]:
    """Remove the documents past their retention (queued on demand; the daily run purges too);
    the titles removed."""
    with operation(src="system"):
        return [str(d) for d in retention.purge(dry_run=dry_run)]


@task()
def paperwork_daily() -> dict:
    """The daily run; the next one is queued even when this one fails."""
    try:
        return run_daily()
    finally:
        schedule_paperwork_daily()
