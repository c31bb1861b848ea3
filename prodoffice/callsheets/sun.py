"""Sunrise and sunset of a shoot day at a location, offline (astral); polar day and polar night
are answers, not errors."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from astral import Observer
from astral.sun import sun

POLAR_DAY, POLAR_NIGHT = "polar_day", "polar_night"


@dataclass(frozen=True)
class SunTimes:
    """Local sunrise and sunset, or which polar case the day is (both None then)."""

    sunrise: datetime.datetime | None
    sunset: datetime.datetime | None
    polar: str = ""

    @property
    def label(self) -> str:
        if self.polar == POLAR_DAY:
            return "Midnight sun: the sun does not set"
        if self.polar == POLAR_NIGHT:
            return "Polar night: the sun does not rise"
        return ""

    def hhmm(self, which: str) -> str | None:
        value = getattr(self, which)
        return value.strftime("%H:%M") if value else None


def sun_times(latitude, longitude, day: datetime.date, tz: str) -> SunTimes | None:
    """Sunrise and sunset; None without coordinates (unknown, not wrong)."""
    if latitude is None or longitude is None:
        return None
    zone = zoneinfo.ZoneInfo(tz)
    observer = Observer(latitude=float(latitude), longitude=float(longitude))
    try:
        times = sun(observer, date=day, tzinfo=zone)
    except ValueError:
        return SunTimes(None, None, _polar_case(observer, day))
    return SunTimes(times["sunrise"], times["sunset"])


def _polar_case(observer: Observer, day: datetime.date) -> str:
    """Midnight sun or polar night: the sun's elevation at local solar noon says which."""
    from astral.sun import elevation, noon

    high = elevation(observer, noon(observer, day))
    return POLAR_DAY if high > 0 else POLAR_NIGHT
