"""Call-time arithmetic, pure: calls are minutes from general call on a shoot day in a time zone.

General call is a local wall-clock time of the shoot day; every other call is that instant plus
its offset, so a call 90 minutes before a 00:30 general call is 23:00 the evening before, and a
daylight-saving change between the two is counted in real minutes. Shown as local wall-clock
times with the day when it is not the shoot day.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

#: Overrides typed as HH:MM are read as the offset nearest general call: at most 12 hours before
#: and less than 12 hours after.
HALF_DAY = 12 * 60


def general_call_at(day: datetime.date, general: datetime.time, tz: str) -> datetime.datetime:
    """The aware instant of general call (a time skipped by DST is moved on, as zoneinfo does)."""
    zone = zoneinfo.ZoneInfo(tz)
    local = datetime.datetime.combine(day, general).replace(tzinfo=zone)
    return local.astimezone(datetime.UTC).astimezone(zone)


def call_at(day: datetime.date, general: datetime.time, tz: str, offset: int) -> datetime.datetime:
    """The aware local instant of a call `offset` minutes from general call."""
    start = general_call_at(day, general, tz).astimezone(datetime.UTC)
    return (start + datetime.timedelta(minutes=offset)).astimezone(zoneinfo.ZoneInfo(tz))


@dataclass(frozen=True)
class CallTime:
    """A call as a sheet shows it: HH:MM, and the date when it is not the shoot day."""

    at: datetime.datetime
    day: datetime.date

    @property
    def hhmm(self) -> str:
        return self.at.strftime("%H:%M")

    @property
    def other_day(self) -> bool:
        return self.at.date() != self.day

    def __str__(self) -> str:
        if self.other_day:
            return f"{self.hhmm} ({self.at:%a %d %b})"
        return self.hhmm


def call_time(day, general, tz, offset: int | None) -> CallTime | None:
    """The CallTime of an offset (None stays None)."""
    if offset is None:
        return None
    return CallTime(call_at(day, general, tz, offset), day)


def offset_of(day, general, tz, wall: datetime.time) -> int:
    """The offset of a local wall-clock time nearest general call (-12 h to +12 h)."""
    start = general_call_at(day, general, tz)
    zone = zoneinfo.ZoneInfo(tz)
    best = None
    for shift in (-1, 0, 1):
        local = datetime.datetime.combine(day + datetime.timedelta(days=shift), wall, zone)
        minutes = minutes_between(start, local)
        if -HALF_DAY <= minutes < HALF_DAY and (best is None or abs(minutes) < abs(best)):
            best = minutes
    return best if best is not None else 0


def cast_offsets(
    *, first_scene: int, makeup_minutes: int, wardrobe_minutes: int, pickup_minutes: int
) -> dict[str, int]:
    """A performer's times from the start of their first scene (minutes from general call):
    wardrobe before set, hair and make-up before wardrobe, the call at make-up, pick-up before."""
    on_set = first_scene - first_scene % 5  # calls on the five minutes, as sheets print them
    wardrobe = on_set - wardrobe_minutes
    makeup = wardrobe - makeup_minutes
    return {
        "on_set": on_set,
        "wardrobe": wardrobe,
        "makeup": makeup,
        "call": makeup,
        "pickup": makeup - pickup_minutes,
    }


def scene_starts(
    eighths: list[int],
    *,
    shooting_offset: int,
    minutes_per_page: int,
    lunch_after: int | None,
    lunch_minutes: int,
) -> list[int]:
    """Estimated start of each scene (minutes from general call): pages at a steady pace from
    shooting call, lunch after the scene index `lunch_after`."""
    starts, at = [], shooting_offset
    for index, length in enumerate(eighths):
        starts.append(at)
        at += round(length * minutes_per_page / 8)
        if lunch_after is not None and index == lunch_after:
            at += lunch_minutes
    return starts


def wrap_offset(
    eighths: list[int],
    *,
    shooting_offset: int,
    minutes_per_page: int,
    lunch_minutes: int,
    has_lunch: bool,
) -> int:
    """Estimated wrap: the day's pages at the pace from shooting call, plus lunch."""
    work = round(sum(eighths) * minutes_per_page / 8)
    return shooting_offset + work + (lunch_minutes if has_lunch else 0)


def minutes_between(earlier: datetime.datetime, later: datetime.datetime) -> int:
    """Real minutes between two aware instants."""
    # In UTC: aware datetimes sharing one tzinfo subtract as wall clocks, across DST too.
    return round(
        (later.astimezone(datetime.UTC) - earlier.astimezone(datetime.UTC)).total_seconds() / 60
    )
