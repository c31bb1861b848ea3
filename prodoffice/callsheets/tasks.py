"""Background tasks of the call sheets app (django-tasks; `prodoffice worker` runs them).

Each takes ids and is idempotent: a recipient already sent is not sent again, an alarm already
mailed for a day and version is not mailed again. The hourly alarm sweep is scheduled the way
the paperwork's daily run is (locations/tasks.py): queued with `run_after` the next full hour,
each run queues the next, and the worker's start-up hook queues the first.
"""

from __future__ import annotations

import datetime

from django_tasks import task

from prodoffice.callsheets.services import alarm, distribution
from prodoffice.core.context import operation

ALARM_TASK_PATH = "prodoffice.callsheets.tasks.callsheet_alarms"


def next_hour(now: datetime.datetime) -> datetime.datetime:
    """The next full hour (UTC) strictly after `now`."""
    at = now.astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)
    return at + datetime.timedelta(hours=1)


def schedule_callsheet_alarms() -> bool:
    """Queue the next hourly sweep unless one is waiting; True when one was queued."""
    from django_tasks import default_task_backend

    if not default_task_backend.supports_defer:
        return False
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.filter(task_path=ALARM_TASK_PATH, status="READY").exists():
        return False
    run_after = next_hour(datetime.datetime.now(datetime.UTC))
    callsheet_alarms.using(run_after=run_after).enqueue()
    return True


@task()
def callsheet_alarms() -> int:
    """Mail the alarms of call sheets not published in time; the next sweep is queued even
    when this one fails."""
    try:
        with operation(src="system"):
            return alarm.callsheet_alarms_due()
    finally:
        schedule_callsheet_alarms()


@task()
def send_sheet(sheet_id: int) -> int:
    """Render each queued recipient's slip and mail their personal link; how many were sent."""
    with operation(src="system"):
        return distribution.sheet_mail_queued(sheet_id=sheet_id)


@task()
def send_recipient(recipient_id: int) -> bool:
    """Mail one recipient (a resend)."""
    with operation(src="system"):
        return distribution.recipient_mail(recipient_id=recipient_id)
