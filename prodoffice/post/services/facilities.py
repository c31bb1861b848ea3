"""Every write of facilities, rooms and bookings (audited).

No double booking at confirmed level: the room row, then the people's engagement rows (by pk),
are locked before the overlap check, so two requests for one slot run one after the other on
PostgreSQL (`SELECT ... FOR UPDATE`); on SQLite every transaction is `BEGIN IMMEDIATE` (the
settings' transaction mode), which serialises writers outright. The loser sees the winner's
row and is refused with its number.
"""

from __future__ import annotations

import datetime
import secrets
import zoneinfo
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from prodoffice.audit.services import record
from prodoffice.core.services import integrity_as_validation, require, save_changes, validate
from prodoffice.post.choices import BookingLevel, RoomKind, TaskKind
from prodoffice.post.errors import BookingConflict
from prodoffice.post.models import Booking, Facility, PostTask, Room, RoomFeed
from prodoffice.post.permissions import can_manage_post
from prodoffice.productions.models import Engagement
from prodoffice.scheduling.selectors.feeds import hash_secret
from prodoffice.scheduling.services.feeds import SECRET_BYTES

_REFUSED = "Only the production office and post supervisors manage rooms and bookings."
FACILITY_FIELDS = ("name", "kind", "company", "address", "time_zone")
ROOM_FIELDS = (
    "name",
    "kind",
    "nc_rating",
    "isolation_db",
    "treated",
    "monitoring",
    "equipment",
    "opens_at",
    "closes_at",
    "in_maintenance",
)
#: Contract states in which a performer may be called to an ADR session.
CONTRACTED = ("signed", "countersigned", "executed")


@transaction.atomic
def facility_create(*, actor, production, **values: Any) -> Facility:
    """Add a facility (in-house or a vendor's) the production books rooms at."""
    require(can_manage_post(actor, production), _REFUSED)
    facility = Facility(production=production)
    save_changes(facility, values, FACILITY_FIELDS)
    record(actor=actor, action="facility.create", target=facility, production=production)
    return facility


@transaction.atomic
def room_create(*, actor, facility: Facility, **values: Any) -> Room:
    """Add a room with its acoustic data, equipment and hours."""
    require(can_manage_post(actor, facility.production), _REFUSED)
    room = Room(facility=facility)
    save_changes(room, values, ROOM_FIELDS)
    record(actor=actor, action="room.create", target=room, production=facility.production)
    return room


@transaction.atomic
def room_update(*, actor, room: Room, **values: Any) -> Room:
    """Change a room's data (maintenance on or off, new monitoring ...)."""
    production = room.facility.production
    require(can_manage_post(actor, production), _REFUSED)
    room = Room.objects.select_for_update().select_related("facility").get(pk=room.pk)
    changes = save_changes(room, values, ROOM_FIELDS)
    if changes:
        record(
            actor=actor, action="room.update", target=room, production=production, changes=changes
        )
    return room


# --- bookings ---------------------------------------------------------------------------------


def _zone(room: Room, production) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(room.facility.time_zone or production.time_zone)


def _check_times(start, end) -> None:
    errors = {}
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, datetime.datetime) or value.tzinfo is None:
            errors[name] = "Give a date and time with its UTC offset (ISO 8601)."
    if not errors and end <= start:
        errors["end"] = "The booking ends before it starts."
    if errors:
        raise ValidationError(errors)


def _check_room(room: Room, production, start, end) -> None:
    if room.facility.production_id != production.pk:
        raise ValidationError({"room": "This room is not one the production may book."})
    if room.in_maintenance:
        raise ValidationError({"room": f"{room.name} is in maintenance."})
    zone = _zone(room, production)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    opens, closes = room.opens_at, room.closes_at
    same_day = local_start.date() == local_end.date() or (
        local_end.time() == datetime.time(0) and closes == datetime.time(23, 59)
    )
    if not same_day or local_start.time() < opens or local_end.time() > closes:
        raise ValidationError(
            {
                "start": f"{room.name} is open {opens:%H:%M}–{closes:%H:%M} "
                f"({zone.key}); the booking is outside its hours."
            }
        )


def _check_task(task: PostTask | None, room: Room, production) -> None:
    if task is None:
        return
    if task.production_id != production.pk:
        raise ValidationError({"task": "This task belongs to another production."})
    if not room.meets(task.max_nc):
        raise ValidationError(
            {
                "room": f"{task.name} needs NC-{task.max_nc} or quieter; {room.name} is "
                f"{room.nc_label}."
            }
        )


def _is_adr(task: PostTask | None, room: Room) -> bool:
    return room.kind == RoomKind.ADR_STAGE or (task is not None and task.kind == TaskKind.ADR)


def _check_performer(engagement: Engagement, start, end) -> None:
    """An ADR session of a cast engagement: a signed contract, engaged and free that day."""
    name = str(engagement.person)
    if not engagement.contracts.filter(status__in=CONTRACTED).exists():
        raise ValidationError({"engagements": f"{name} has no signed contract for this role."})
    day, last = start.date(), end.date()
    if (engagement.start_date and day < engagement.start_date) or (
        engagement.end_date and last > engagement.end_date
    ):
        raise ValidationError({"engagements": f"{name} is not engaged on {day:%a %d %b %Y}."})
    clash = engagement.unavailabilities.filter(start_date__lte=last, end_date__gte=day).first()
    if clash:
        raise ValidationError({"engagements": f"{name} is unavailable: {clash}."})


def _check_people(engagements, production, task, room, start, end) -> None:
    for engagement in engagements:
        if engagement.production_id != production.pk:
            raise ValidationError({"engagements": "Someone here belongs to another production."})
        if _is_adr(task, room) and engagement.position.department.is_cast:
            _check_performer(engagement, start, end)


def _when(booking: Booking, room: Room) -> str:
    """The booking's time in the room's zone, as people there read it."""
    zone = _zone(room, room.facility.production)
    start, end = booking.start.astimezone(zone), booking.end.astimezone(zone)
    return f"{start:%a %d %b %H:%M}–{end:%H:%M} ({zone.key})"


def _refuse_conflicts(room, engagements, start, end, exclude_pk=None) -> None:
    """The first confirmed booking overlapping this one for the room or a person, named."""
    clashes = Booking.objects.confirmed().overlapping(start, end).exclude(pk=exclude_pk)
    clash = clashes.filter(room=room).order_by("start", "pk").first()
    if clash:
        raise BookingConflict(
            "room",
            f"{room.name} is already booked (confirmed) by booking #{clash.pk}, "
            f"{_when(clash, room)}.",
            clash.pk,
        )
    for engagement in engagements:
        clash = clashes.filter(engagements=engagement).select_related("room__facility")
        clash = clash.order_by("start", "pk").first()
        if clash:
            raise BookingConflict(
                "engagements",
                f"{engagement.person} is already booked (confirmed) by booking #{clash.pk} "
                f"in {clash.room.name}, {_when(clash, clash.room)}.",
                clash.pk,
            )


def _locked(room: Room, engagements) -> tuple[Room, list[Engagement]]:
    """Lock the room, then the people by pk: one order for every writer, so no deadlock."""
    room = Room.objects.select_for_update().select_related("facility").get(pk=room.pk)
    ids = sorted({e.pk for e in engagements})
    people = list(
        Engagement.objects.select_for_update()
        .filter(pk__in=ids)
        .select_related("person", "position__department")
        .order_by("pk")
    )
    return room, people


def booking_create(
    *,
    actor,
    production,
    room: Room,
    start,
    end,
    level: str,
    task: PostTask | None = None,
    engagements=(),
    title: str = "",
) -> Booking:
    """Book a room (and people) for a time; confirmed bookings never overlap."""
    require(can_manage_post(actor, production), _REFUSED)
    _check_times(start, end)
    if level not in BookingLevel.values:
        raise ValidationError({"level": "Use pencil, preliminary or confirmed."})
    with transaction.atomic():
        room, people = _locked(room, engagements)
        _check_room(room, production, start, end)
        _check_task(task, room, production)
        _check_people(people, production, task, room, start, end)
        if level == BookingLevel.CONFIRMED:
            _refuse_conflicts(room, people, start, end)
        booking = Booking(
            production=production,
            room=room,
            task=task,
            level=level,
            start=start,
            end=end,
            title=title.strip(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        validate(booking)
        with integrity_as_validation():
            booking.save()
        booking.engagements.set(people)
        record(
            actor=actor,
            action="booking.create",
            target=booking,
            production=production,
            changes={"level": [None, level]},
        )
    return booking


def booking_set_level(*, actor, booking: Booking, level: str) -> Booking:
    """Move a booking between pencil, preliminary and confirmed (confirming checks clashes)."""
    require(can_manage_post(actor, booking.production), _REFUSED)
    if level not in BookingLevel.values:
        raise ValidationError({"level": "Use pencil, preliminary or confirmed."})
    with transaction.atomic():
        room, people = _locked(booking.room, booking.engagements.all())
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if level == booking.level:
            raise ValidationError({"level": f"Already {level}."})
        if level == BookingLevel.CONFIRMED:
            _refuse_conflicts(room, people, booking.start, booking.end, exclude_pk=booking.pk)
        old, booking.level = booking.level, level
        booking.save(update_fields=["level", "updated_at"])
        record(
            actor=actor,
            action="booking.level",
            target=booking,
            production=booking.production,
            changes={"level": [old, level]},
        )
    return booking


@transaction.atomic
def booking_cancel(*, actor, booking: Booking) -> None:
    """Release a booking (it is deleted; the audit log keeps it)."""
    require(can_manage_post(actor, booking.production), _REFUSED)
    record(
        actor=actor,
        action="booking.cancel",
        target=booking,
        production=booking.production,
        message=str(booking),
    )
    booking.delete()


# --- the room's secret calendar link ----------------------------------------------------------


@transaction.atomic
def room_feed_rotate(*, actor, room: Room) -> tuple[RoomFeed, str]:
    """A new secret iCalendar link of the room; the previous one stops answering. (feed, secret)

    As the personal calendar feeds: only the SHA-256 of the secret is stored, the link is shown
    once, and the secret never reaches the audit log.
    """
    production = room.facility.production
    require(can_manage_post(actor, production), _REFUSED)
    room = Room.objects.select_for_update().select_related("facility").get(pk=room.pk)
    now = timezone.now()
    revoked = RoomFeed.objects.filter(room=room, revoked_at__isnull=True).update(revoked_at=now)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    feed = RoomFeed.objects.create(
        room=room,
        secret_hash=hash_secret(secret),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record(
        actor=actor,
        action="room.feed",
        target=room,
        production=production,
        message="replaced the previous link" if revoked else "",
    )
    return feed, secret


@transaction.atomic
def room_feed_revoke(*, actor, room: Room) -> int:
    """Revoke the room's calendar link (its URL answers 404 from now on); how many were active."""
    production = room.facility.production
    require(can_manage_post(actor, production), _REFUSED)
    count = RoomFeed.objects.filter(room=room, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if not count:
        raise ValidationError({"feed": f"{room.name} has no active calendar link."})
    record(actor=actor, action="room.feed_revoke", target=room, production=production)
    return count


def room_feed_mark_used(feed: RoomFeed) -> None:
    """Note when a link was last fetched (bookkeeping of a read, like the personal feeds)."""
    RoomFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
