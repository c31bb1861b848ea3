"""Crew list exports (CSV and Excel through core.tabular, JSON here) for the web, API and CLI.

Rows come from `selectors.engagement_list`, so an export never shows more than the crew list
page would; pay columns appear only for readers who may see pay. Every export is audited.
The columns are the ones `import-crew` reads (its header aliases included), the engagement id
last, so a file exported, edited in a spreadsheet and imported again updates the same rows.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.db import transaction
from django.utils import timezone

from prodoffice.accounts import permissions as perms
from prodoffice.audit.services import record
from prodoffice.core.tabular import csv_bytes, xlsx_bytes
from prodoffice.productions.models import Engagement, Production
from prodoffice.productions.selectors import CREW_SORTS, engagement_list

#: (key, header) of every export column, in order; rate, unit, currency only for readers of pay.
CREW_COLUMNS: list[tuple[str, str]] = [
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("position", "Position"),
    ("department", "Department"),
    ("status", "Status"),
    ("email", "E-mail"),
    ("phone", "Phone"),
    ("start", "Start"),
    ("end", "End"),
    ("cast_number", "Cast number"),
    ("character", "Character"),
    ("rate", "Rate"),
    ("rate_unit", "Unit"),
    ("currency", "Currency"),
    ("engagement_id", "Engagement ID"),
]
RATE_KEYS = ("rate", "rate_unit", "currency")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def _engagements(user, production: Production):
    """What the reader may see; user=None is the system (CLI): the full office view."""
    if user is not None:
        return engagement_list(user=user, production=production)
    return (
        Engagement.objects.filter(production=production)
        .select_related("person", "position", "position__department")
        .order_by(*CREW_SORTS["department"], "person__last_name", "id")
    )


def _may_see_rate(user, engagement: Engagement) -> bool:
    return user is None or user.is_superuser or perms.can_view_rates(user, engagement)


def _row(engagement: Engagement, with_rate: bool) -> dict[str, Any]:
    person = engagement.person
    row: dict[str, Any] = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "position": engagement.position.title,
        "department": engagement.position.department.name,
        "status": engagement.get_status_display(),
        "email": person.email,
        "phone": person.phone,
        "start": engagement.start_date,
        "end": engagement.end_date,
        "cast_number": engagement.cast_number,
        "character": engagement.character,
        "engagement_id": str(engagement.public_id),
    }
    if with_rate:
        row["rate"] = engagement.rate
        row["rate_unit"] = engagement.rate_unit
        row["currency"] = engagement.currency
    return row


def crew_columns(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The columns present in these rows (pay columns only when some row carries pay)."""
    with_rate = any("rate" in r for r in rows)
    return [c for c in CREW_COLUMNS if with_rate or c[0] not in RATE_KEYS]


def crew_rows(*, user, production: Production) -> list[dict[str, Any]]:
    """One dict per visible engagement; pay only on rows whose pay the reader may see."""
    return [_row(e, _may_see_rate(user, e)) for e in _engagements(user, production)]


def _values(rows, columns) -> list[list[Any]]:
    return [[row.get(key) for key, _ in columns] for row in rows]


def _json(rows, columns) -> bytes:
    keys = [key for key, _ in columns]
    data = [{k: _jsonable(r.get(k)) for k in keys} for r in rows]
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is not None and not isinstance(value, str | int | float | bool):
        return str(value)
    return value


def crew_export(*, user, production: Production, fmt: str) -> tuple[bytes, str, str]:
    """Render the crew list as csv, xlsx or json; returns (bytes, content type, file name)."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}: use csv, xlsx or json.")
    rows = crew_rows(user=user, production=production)
    columns = crew_columns(rows)
    if fmt == "csv":
        data = csv_bytes([header for _, header in columns], _values(rows, columns))
    elif fmt == "xlsx":
        header = [h for _, h in columns]
        data = xlsx_bytes(f"{production.code} crew", header, _values(rows, columns))
    else:
        data = _json(rows, columns)
    with transaction.atomic():
        record(
            actor=user,
            action="crew.export",
            target=production,
            production=production,
            message=f"{fmt}, {len(rows)} rows",
        )
    stamp = timezone.localdate().isoformat()
    return data, FORMATS[fmt], f"{production.code}-crew-{stamp}.{fmt}"
