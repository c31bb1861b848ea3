"""Reads for the call sheet pages: the shoot days with their sheets, the alarm, the board of
who confirmed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from prodoffice.callsheets import calltimes
from prodoffice.callsheets.choices import DeliveryState, SheetStatus
from prodoffice.callsheets.models import CallSettings, CallSheet, Recipient
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


def with_names_setting(queryset):
    """Call sheets with their production's current "hide cast names" setting read in the same
    query (`hide_names_now`; None before the production saves its settings: see
    `hidden_setting`)."""
    setting = CallSettings.objects.filter(production=OuterRef("production_id"))
    return queryset.annotate(hide_names_now=Subquery(setting.values("hide_cast_names")[:1]))


def hidden_setting(sheet: CallSheet) -> bool | None:
    """The setting `with_names_setting` read with the sheet (the field's default when the
    production has no settings yet); None when the sheet was read without it."""
    if not hasattr(sheet, "hide_names_now"):
        return None
    if sheet.hide_names_now is None:
        return CallSettings._meta.get_field("hide_cast_names").get_default()
    return sheet.hide_names_now


def names_hidden(production, content: dict, *, hidden_now: bool | None = None) -> bool:
    """Cast names are hidden when the production hides them now or did when it was published.

    `hidden_now` is the production's setting when the caller read it already (the sheet page
    reads it with the sheet, `with_names_setting`); else it is read here."""
    if content.get("hide_cast_names"):
        return True
    if hidden_now is None:
        hidden_now = settings_for(production).hide_cast_names
    return bool(hidden_now)


def for_display(production, content: dict, *, hidden_now: bool | None = None) -> dict:
    """The sheet as the page, the PDF and the API show it: where the production hides cast
    names, the cast table keeps board IDs and characters only, and the warnings name performers
    by their board ID. The stored snapshot is never changed."""
    if not names_hidden(production, content, hidden_now=hidden_now):
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
