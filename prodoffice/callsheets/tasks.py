"""Background tasks of the call sheets app (django-tasks; `prodoffice worker` runs them).

Each takes ids and is idempotent: a recipient already sent is not sent again.
"""

from __future__ import annotations

from django_tasks import task

from prodoffice.callsheets.services import distribution
from prodoffice.core.context import operation


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
