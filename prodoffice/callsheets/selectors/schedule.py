"""Every person's own schedule: their work days with DOOD codes, their published calls and
confirmations, and the same calls for their calendar feed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from prodoffice.callsheets import calltimes
from prodoffice.callsheets.choices import SheetStatus
from prodoffice.callsheets.diff import person_view
from prodoffice.callsheets.models import CallSheet, Recipient
from prodoffice.callsheets.selectors.sides import NO_SCRIPT
from prodoffice.scheduling.ical import person_work_days, working_shoot_days
from prodoffice.scheduling.models import Script


@dataclass
class MyDay:
    """One work day of a person: its code and scenes, and the published call when there is one."""

    number: int
    date: datetime.date
    code: str
    scenes: list[str]
    call: str = ""
    locations: list[str] = field(default_factory=list)
    sheet: CallSheet | None = None
    recipient: Recipient | None = None
    #: Cast with a published call: sides when the production has a script, else why not.
    sides: bool = False
    sides_reason: str = ""

    @property
    def confirmed(self) -> bool:
        return bool(self.recipient and self.recipient.confirmed_at)


def my_days(*, production, person, today: datetime.date | None = None) -> list[MyDay]:
    """The person's work days (from `today` when given), published calls filled in."""
    if person is None:
        return []
    days = [d for d in working_shoot_days(production) if today is None or d.date >= today]
    rows = [
        MyDay(day.number, day.date, code or "", [s.number for s in scenes])
        for day, code, scenes in person_work_days(production, person, days)
    ]
    published = {
        s.date: s
        for s in CallSheet.objects.filter(
            production=production, status=SheetStatus.PUBLISHED, date__in=[r.date for r in rows]
        )
    }
    recipients = {
        r.sheet_id: r
        for r in Recipient.objects.filter(
            sheet__in=list(published.values()), engagement__person=person
        )
    }
    engagements = {str(e.public_id) for e in person.engagements.filter(production=production)}
    has_script = Script.objects.filter(production=production, is_current=True).exists()
    for row in rows:
        _fill(row, published.get(row.date), recipients, engagements)
        if row.sheet is not None and _is_cast(row.sheet.snapshot, engagements):
            row.sides, row.sides_reason = has_script, "" if has_script else NO_SCRIPT
    return rows


def _is_cast(snapshot: dict, engagements: set[str]) -> bool:
    return any(r.get("engagement") in engagements for r in snapshot.get("cast", []))


def _fill(row: MyDay, sheet, recipients, engagements) -> None:
    """The person's call, scenes and locations from the published snapshot."""
    if sheet is None:
        return
    for engagement in engagements:
        view = person_view(sheet.snapshot, engagement)
        if view is not None:
            row.call, row.locations, row.scenes = view["call"], view["locations"], view["scenes"]
            row.sheet, row.recipient = sheet, recipients.get(sheet.pk)
            return


def feed_calls(*, production, person) -> list[dict]:
    """Published calls as timed events for the person's feed: start, summary, location."""
    out = []
    engagements = {str(e.public_id) for e in person.engagements.filter(production=production)}
    for sheet in CallSheet.objects.filter(production=production, status=SheetStatus.PUBLISHED):
        for engagement in engagements:
            row = _call_offset(sheet.snapshot, engagement)
            if row is None:
                continue
            start = calltimes.call_at(sheet.date, sheet.general_call, sheet.time_zone, row)
            locations = [loc["name"] for loc in sheet.snapshot.get("locations", [])]
            out.append(
                {
                    "uid": f"call-{sheet.public_id}-{engagement}@prodoffice",
                    "start": start,
                    "date": sheet.date,
                    "summary": f"Call {start:%H:%M} - {production.code} day {sheet.shoot_day}"
                    f" (v{sheet.version})",
                    "location": "; ".join(locations),
                }
            )
            break
    return out


def _call_offset(snapshot: dict, engagement: str) -> int | None:
    for row in snapshot.get("cast", []):
        if row.get("engagement") == engagement:
            return row["offsets"]["call"]
    for group in snapshot.get("crew", []):
        for person in group["people"]:
            if person["engagement"] == engagement:
                return person["offset"]
    return None
