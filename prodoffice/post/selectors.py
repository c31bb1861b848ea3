"""Reads of the post app that span relations: cut versions by reference, change lists."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone

from prodoffice.post.changelist import ChangeList, compare
from prodoffice.post.choices import OUTSTANDING_DELIVERABLES
from prodoffice.post.models import (
    Booking,
    Cut,
    CutEvent,
    CutVersion,
    Deliverable,
    DeliverySchedule,
    PostTask,
    Room,
)

_REFERENCE = re.compile(r"^(?P<code>[^:]+):(?P<name>.+):v(?P<number>\d+)$")


def is_reference(text: str) -> bool:
    """`CODE:NAME:vN` names a stored version (anything else is a file path)."""
    return bool(_REFERENCE.match(text))


def version_by_reference(reference: str, user=None) -> CutVersion:
    """The stored version `CODE:NAME:vN`, as the user may see it (None: the system)."""
    match = _REFERENCE.match(reference)
    if not match:
        raise ValidationError(f"{reference}: not a version reference (CODE:NAME:vN).")
    versions = CutVersion.objects.select_related("cut__production")
    if user is not None:
        versions = versions.for_user(user)
    version = versions.filter(
        cut__production__code=match["code"],
        cut__name__iexact=match["name"],
        number=int(match["number"]),
    ).first()
    if version is None:
        raise ValidationError(f"{reference}: no such cut version.")
    return version


def version_events(version: CutVersion) -> list[CutEvent]:
    """The events of a version in track and record order."""
    return list(CutEvent.objects.filter(version=version).order_by("track", "index"))


def version_change_list(old: CutVersion, new: CutVersion) -> ChangeList:
    """The change list from one stored version to another."""
    return compare(version_events(old), version_events(new))


# --- pages ------------------------------------------------------------------------------------


def cuts_with_versions(user, production) -> list[Cut]:
    """The production's cuts, each with its versions (two queries)."""
    versions = CutVersion.objects.order_by("number").select_related("imported_by")
    return list(
        Cut.objects.for_user(user)
        .in_production(production)
        .prefetch_related(Prefetch("versions", versions))
    )


def runtime_points(cut: Cut, width: int = 560, height: int = 140) -> dict:
    """Runtime per version over import time as SVG polyline points (the runtime chart)."""
    versions = list(cut.versions.all())
    if not versions:
        return {"points": "", "dots": [], "width": width, "height": height}
    longest = max(v.runtime_seconds for v in versions) or 1
    n = len(versions)
    dots = []
    for i, v in enumerate(versions):
        x = 30 + (width - 60) * (i / (n - 1) if n > 1 else 0.5)
        y = height - 20 - (height - 40) * v.runtime_seconds / longest
        dots.append({"x": round(x, 1), "y": round(y, 1), "version": v})
    points = " ".join(f"{d['x']},{d['y']}" for d in dots)
    return {"points": points, "dots": dots, "width": width, "height": height}


@dataclass
class WeekRow:
    """One room (or person) and its bookings per day of the week."""

    label: str
    key: object
    days: list[list[Booking]] = field(default_factory=list)


def week_days(start: datetime.date) -> list[datetime.date]:
    """Monday to Sunday of the week holding `start`."""
    monday = start - datetime.timedelta(days=start.weekday())
    return [monday + datetime.timedelta(days=i) for i in range(7)]


def _week_bookings(bookings, days, zone):
    start = datetime.datetime.combine(days[0], datetime.time(0), zone)
    end = start + datetime.timedelta(days=7)
    return bookings.overlapping(start, end).select_related("task").order_by("start", "pk")


def _place(rows: dict, key, booking: Booking, days, zone) -> None:
    first = booking.start.astimezone(zone).date()
    last = (booking.end - datetime.timedelta(microseconds=1)).astimezone(zone).date()
    for i, day in enumerate(days):
        if first <= day <= last and key in rows:
            rows[key].days[i].append(booking)


def room_week(user, production, start: datetime.date, rooms=None) -> tuple[list, list[WeekRow]]:
    """Rooms by bookings per day of a week: two queries, whatever the number of bookings."""
    zone = timezone.get_current_timezone()
    days = week_days(start)
    if rooms is None:
        rooms = Room.objects.for_user(user).filter(facility__production=production)
    rooms = list(rooms.select_related("facility"))
    rows = {r.pk: WeekRow(r.name, r, [[] for _ in days]) for r in rooms}
    bookings = Booking.objects.for_user(user).filter(room__in=[r.pk for r in rooms])
    for booking in _week_bookings(bookings, days, zone):
        _place(rows, booking.room_id, booking, days, zone)
    return days, list(rows.values())


def person_week(user, production, engagement, start: datetime.date):
    """One person's bookings per day of a week."""
    zone = timezone.get_current_timezone()
    days = week_days(start)
    row = WeekRow(str(engagement.person), engagement, [[] for _ in days])
    bookings = Booking.objects.for_user(user).filter(production=production, engagements=engagement)
    for booking in _week_bookings(bookings, days, zone):
        _place({engagement.pk: row}, engagement.pk, booking, days, zone)
    return days, [row]


def timeline(user, production) -> dict:
    """Tasks as bars over the post calendar (percentages of the span), slips shown."""
    tasks = list(
        PostTask.objects.for_user(user)
        .in_production(production)
        .select_related("assignee__person")
        .prefetch_related("depends_on")
        .order_by("start_date", "pk")
    )
    if not tasks:
        return {"tasks": [], "start": None, "end": None}
    first = min(t.start_date for t in tasks)
    last = max(t.end_date for t in tasks)
    span = (last - first).days + 1
    for t in tasks:
        t.left = 100 * (t.start_date - first).days / span
        t.width = max(100 * ((t.end_date - t.start_date).days + 1) / span, 0.8)
    return {"tasks": tasks, "start": first, "end": last}


def outstanding_by_territory(user, production, today=None) -> list[dict]:
    """Per schedule: its items late (due and not delivered) and missing (nothing yet).

    `user` None is the system (the CLI): every schedule of the production."""
    today = today or timezone.localdate()
    items = Deliverable.objects.select_related("task").order_by("due_date", "kind")
    scope = (
        DeliverySchedule.objects.all() if user is None else DeliverySchedule.objects.for_user(user)
    )
    schedules = scope.in_production(production).prefetch_related(Prefetch("deliverables", items))
    out = []
    for schedule in schedules:
        all_items = list(schedule.deliverables.all())
        open_items = [d for d in all_items if d.status in OUTSTANDING_DELIVERABLES]
        late = [d for d in open_items if d.due_date < today]
        out.append(
            {
                "schedule": schedule,
                "items": all_items,
                "late": late,
                "missing": [d for d in open_items if d.status == "missing"],
            }
        )
    return out


def room_feed_by_secret(secret: str):
    """The active calendar link of this secret, or None (unknown, revoked)."""
    from prodoffice.post.models import RoomFeed
    from prodoffice.scheduling.selectors.feeds import hash_secret

    if not secret or len(secret) > 128:
        return None
    return (
        RoomFeed.objects.active()
        .select_related("room__facility__production")
        .filter(secret_hash=hash_secret(secret))
        .first()
    )
