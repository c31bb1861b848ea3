"""The alarm: a shoot day whose call sheet is not published `alarm_hours` before general call
is mailed to the people the production names for confirmations (2nd AD, coordinator ...), or,
when it names none, to whoever holds the 2nd AD's and the coordinator's positions.

The worker runs the sweep every hour (`tasks.callsheet_alarms`). Each alarm is recorded in the
audit log under a marker naming the day and the latest version (0: no sheet yet), checked and
written while the production's row is locked, so a sweep run twice, or by two workers, mails it
once; a new draft version of the same day rings again.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from prodoffice.audit.models import AuditEvent
from prodoffice.audit.services import record
from prodoffice.callsheets.selectors.draft import settings_for
from prodoffice.callsheets.selectors.sheets import DayRow, day_rows
from prodoffice.core.text import neutralise
from prodoffice.productions.choices import EngagementStatus
from prodoffice.productions.models import Engagement, Production

ALARM_TITLES = ("2nd Assistant Director", "Production Coordinator")


def alarm_emails(production) -> list[str]:
    """Where the alarm goes: the production's named people, else its 2nd ADs and coordinators."""
    rules = settings_for(production)
    people = rules.confirm_to.all() if rules.pk else Engagement.objects.none()
    if not people.exists():
        people = Engagement.objects.filter(
            production=production, position__title__in=ALARM_TITLES
        ).exclude(status=EngagementStatus.RELEASED)
    return sorted({e.person.email for e in people.select_related("person") if e.person.email})


def _marker(row: DayRow) -> str:
    return f"alarm {row.date.isoformat()} v{row.latest.version if row.latest else 0}"


def callsheet_alarms_send(*, production, now: datetime.datetime | None = None) -> int:
    """Mail each day of the production whose sheet is late (once per day and version); how
    many alarms were sent."""
    now = now or timezone.now()
    due = [row for row in day_rows(production, now=now) if row.alarm]
    if not due:
        return 0
    to = alarm_emails(production)
    sent = 0
    for row in due:
        with transaction.atomic():
            Production.objects.select_for_update().filter(pk=production.pk).first()
            marker = _marker(row)
            if AuditEvent.objects.filter(
                production_id=production.pk, action="callsheet.alarm", message=marker
            ).exists():
                continue
            record(
                actor=None,
                action="callsheet.alarm",
                target=production,
                production=production,
                message=marker,
            )
            if to:
                transaction.on_commit(lambda row=row: _mail(production, row, to))
            sent += 1
    return sent


def callsheet_alarms_due(*, now: datetime.datetime | None = None) -> int:
    """The hourly sweep over every production with a working board."""
    productions = Production.objects.filter(boards__is_working=True).distinct()
    return sum(callsheet_alarms_send(production=p, now=now) for p in productions)


def _mail(production, row: DayRow, to: list[str]) -> None:
    latest = row.latest
    state = (
        f"version {latest.version} is a {latest.get_status_display().lower()}"
        if latest
        else "no call sheet is drafted yet"
    )
    base = (getattr(settings, "PRODOFFICE_BASE_URL", "") or "").rstrip("/")
    link = f"{base}{reverse('web:callsheets', args=[production.code])}" if base else ""
    send_mail(
        neutralise(
            f"[{production.code}] Call sheet for day {row.number} ({row.date:%a %d %b}) "
            "not published"
        ),
        neutralise(
            f"The call sheet of shoot day {row.number}, {row.date:%A %d %B %Y}, is not "
            f"published and general call is near: {state}.\n\n"
            + (f"Publish it: {link}\n" if link else "Publish it on the call sheets page.\n")
        ),
        None,
        to,
    )
