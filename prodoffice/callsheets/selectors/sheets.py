"""Reads for the call sheet pages: the shoot days with their sheets, the alarm, the board of
who confirmed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from prodoffice.callsheets import calltimes
from prodoffice.callsheets.choices import DeliveryState, SheetStatus
from prodoffice.callsheets.models import CallSheet, Recipient
from prodoffice.callsheets.selectors.draft import board_for, settings_for
from prodoffice.scheduling.selectors.reports import board_schedule


@dataclass
class DayRow:
    """A shoot day of the working board and its call sheets (latest first)."""

    number: int
    date: datetime.date
    pages: str
    sheets: list[CallSheet]
    alarm: bool = False

    @property
    def latest(self) -> CallSheet | None:
        return self.sheets[0] if self.sheets else None

    @property
    def published(self) -> CallSheet | None:
        return next((s for s in self.sheets if s.status == SheetStatus.PUBLISHED), None)


def day_rows(production, now: datetime.datetime | None = None) -> list[DayRow]:
    """Every dated shoot day of the working board, with its sheets and its alarm."""
    try:
        schedule = board_schedule(board_for(production))
    except ValidationError:
        return []
    sheets: dict[datetime.date, list[CallSheet]] = {}
    for sheet in CallSheet.objects.filter(production=production).order_by("date", "-version"):
        sheets.setdefault(sheet.date, []).append(sheet)
    rows = [
        DayRow(d.number, d.date, d.pages, sheets.get(d.date, [])) for d in schedule.days if d.date
    ]
    rules = settings_for(production)
    for row in rows:
        row.alarm = is_alarming(row, rules, production, now or timezone.now())
    return rows


def is_alarming(row: DayRow, rules, production, now) -> bool:
    """Not published `alarm_hours` before general call (and general call not past)."""
    if row.published is not None:
        return False
    sheet = row.latest
    general = sheet.general_call if sheet else datetime.time(7, 0)
    tz = sheet.time_zone if sheet else production.time_zone
    start = calltimes.general_call_at(row.date, general, tz)
    return start - datetime.timedelta(hours=rules.alarm_hours) <= now < start


def board_rows(sheet: CallSheet) -> list[Recipient]:
    """Recipients of a version: unconfirmed first, then by department order."""
    rows = list(
        Recipient.objects.filter(sheet=sheet).select_related(
            "engagement__person", "engagement__position__department"
        )
    )
    return sorted(
        rows,
        key=lambda r: (
            r.state == DeliveryState.CONFIRMED,
            r.engagement.position.department.order,
            r.id,
        ),
    )


def board_counts(rows: list[Recipient]) -> dict[str, int]:
    """How many recipients in each state, and how many have not confirmed."""
    counts = {state: 0 for state in DeliveryState.values}
    for row in rows:
        counts[row.state] += 1
    counts["unconfirmed"] = len(rows) - counts[DeliveryState.CONFIRMED]
    return counts


def names_hidden(production, content: dict) -> bool:
    """Cast names are hidden when the production hides them now or did when it was published."""
    return bool(content.get("hide_cast_names")) or settings_for(production).hide_cast_names


def for_display(production, content: dict) -> dict:
    """The sheet as the page, the PDF and the API show it: where the production hides cast
    names, the cast table keeps board IDs and characters only, and the warnings name performers
    by their board ID. The stored snapshot is never changed."""
    if not names_hidden(production, content):
        return content
    shown = dict(content, hide_cast_names=True)
    names = {
        row["performer"]: f"cast {row['board_id']}"
        for row in content.get("cast", [])
        if row.get("performer")
    }
    shown["cast"] = [dict(row, performer="") for row in content.get("cast", [])]
    warnings = []
    for text in content.get("warnings", []):
        for name in sorted(names, key=len, reverse=True):
            text = text.replace(name, names[name])
        warnings.append(text)
    shown["warnings"] = warnings
    return shown
