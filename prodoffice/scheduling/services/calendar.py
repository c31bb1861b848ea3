"""The production calendar: first shoot day, working week, exception days."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.audit.services import record
from prodoffice.core.services import integrity_as_validation, require
from prodoffice.core.text import refuse_bidi_under
from prodoffice.scheduling.models import (
    CalendarDay,
    DayType,
    ProductionCalendar,
)
from prodoffice.scheduling.permissions import can_edit_boards
from prodoffice.scheduling.services.boards import EDIT_REFUSED


def calendar_set(
    *, actor, production, start_date, working_weekdays: Iterable[int], exceptions=()
) -> ProductionCalendar:
    """Set the working week (weekday numbers, 0 = Monday), start date and the exception days.

    `exceptions` is a list of (date, type, name); it replaces the calendar's exception days.
    """
    require(can_edit_boards(actor, production), EDIT_REFUSED)
    mask = _weekday_mask(working_weekdays)
    days = [_exception(date, type_, name) for date, type_, name in exceptions]
    with transaction.atomic():
        calendar, _ = ProductionCalendar.objects.update_or_create(
            production=production, defaults={"start_date": start_date, "working_weekdays": mask}
        )
        calendar.exceptions.all().delete()
        for day in days:
            day.calendar = calendar
        with integrity_as_validation("A date appears twice in the exception days."):
            CalendarDay.objects.bulk_create(days)
        changes = {
            "start_date": start_date.isoformat(),
            "working_weekdays": mask,
            "exceptions": len(days),
        }
        record(
            actor=actor,
            action="calendar.set",
            target=calendar,
            production=production,
            changes=changes,
        )
    return calendar


def _weekday_mask(weekdays: Iterable[int]) -> int:
    """Bit mask of weekday numbers (0 = Monday ... 6 = Sunday)."""
    weekdays = set(weekdays)
    if not weekdays <= set(range(7)):
        raise ValidationError({"working_weekdays": "Weekdays run from 0 (Monday) to 6 (Sunday)."})
    return sum(1 << day for day in weekdays)


def _exception(date, type_: str, name: str) -> CalendarDay:
    """One validated exception day (not yet attached to its calendar)."""
    if type_ not in DayType.values:
        raise ValidationError({"exceptions": f"Unknown day type {type_!r}."})
    refuse_bidi_under("exceptions", name, what=f"The name of {date}")
    return CalendarDay(date=date, type=type_, name=(name or "").strip()[:120])
