"""Reminders before expiry (90, 60, 30 and 7 days) and the production manager's daily digest.

Both are e-mails to the production managers of the production, sent after commit. A reminder
is recorded per document, threshold and expiry date under a unique constraint, so a sweep run
twice (or by two workers) sends it once; a renewed document (new expiry date) is reminded anew.
Only the tightest threshold reached is sent: a document first seen 20 days before expiry gets
the 30-day reminder, not three at once.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from prodoffice.accounts.choices import Role
from prodoffice.accounts.models import Membership
from prodoffice.audit.models import AuditEvent
from prodoffice.audit.services import record
from prodoffice.locations.choices import REMINDER_DAYS, DocumentStatus
from prodoffice.locations.models import Document, DocumentReminder
from prodoffice.locations.rules import day_label
from prodoffice.locations.selectors import paperwork_due

DIGEST_DAYS = 14


def manager_emails(production_id: int) -> list[str]:
    """E-mail addresses of the production's production managers."""
    rows = Membership.objects.filter(
        production_id=production_id, role=Role.PRODUCTION_MANAGER, user__is_active=True
    ).values_list("user__email", flat=True)
    return sorted({email for email in rows if email})


def _threshold(days_left: int) -> int | None:
    reached = [t for t in REMINDER_DAYS if days_left <= t]
    return min(reached) if reached else None


def paperwork_remind_due(*, today: datetime.date | None = None) -> int:
    """Send each approved document's reminder at 90, 60, 30 and 7 days before expiry (once);
    returns how many were sent."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=max(REMINDER_DAYS))
    docs = Document.objects.filter(
        status=DocumentStatus.APPROVED, expiry_date__gte=today, expiry_date__lte=horizon
    ).select_related("production", "location")
    return sum(_remind(doc, today) for doc in docs)


def _remind(doc: Document, today: datetime.date) -> bool:
    threshold = _threshold((doc.expiry_date - today).days)
    sent = doc.reminders.filter(expiry_date=doc.expiry_date, days_before__lte=threshold)
    if threshold is None or sent.exists():
        return False
    try:
        with transaction.atomic():
            DocumentReminder.objects.create(
                document=doc, days_before=threshold, expiry_date=doc.expiry_date
            )
            record(
                actor=None,
                action="paperwork.remind",
                target=doc,
                production=doc.production_id,
                message=f"{threshold} days before expiry",
            )
            transaction.on_commit(lambda: _mail_reminder(doc, threshold))
    except IntegrityError:  # another sweep sent it first
        return False
    return True


def _mail_reminder(doc: Document, threshold: int) -> None:
    recipients = manager_emails(doc.production_id)
    if not recipients:
        return
    where = f" at {doc.location}" if doc.location_id else ""
    send_mail(
        f"[{doc.production.code}] {doc.title} expires in {threshold} days",
        f"{doc.get_kind_display()} \u201c{doc.title}\u201d{where} expires on "
        f"{day_label(doc.expiry_date)}.\n\nRenew it or plan without it.",
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )


def paperwork_digest_send(*, production, today: datetime.date | None = None) -> bool:
    """Mail the day's digest of what is due to the production managers (once a day)."""
    today = today or timezone.localdate()
    marker = f"digest {today.isoformat()}"
    already = AuditEvent.objects.filter(
        production_id=production.pk, action="paperwork.digest", message=marker
    )
    recipients = manager_emails(production.pk)
    if not recipients or already.exists():
        return False
    items = paperwork_due(user=None, production=production, days=DIGEST_DAYS, today=today)
    with transaction.atomic():
        record(
            actor=None,
            action="paperwork.digest",
            target=production,
            production=production,
            message=marker,
        )
        transaction.on_commit(lambda: _mail_digest(production, items, recipients, today))
    return True


def _mail_digest(production, items, recipients, today) -> None:
    lines = [
        f"- {day_label(i.date)}  {i.why_label}: {i.document}"
        + (f" ({i.location})" if i.location else "")
        for i in items
    ] or ["Nothing is due in the next two weeks."]
    send_mail(
        f"[{production.code}] Paperwork due, {day_label(today)}",
        "\n".join([f"Paperwork of {production} due in the next {DIGEST_DAYS} days:", "", *lines]),
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )
