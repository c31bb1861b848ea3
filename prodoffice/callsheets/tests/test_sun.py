"""Sunrise and sunset against astral's own functions, in three places: Los Angeles, Sydney in
its winter, and Tromsø above the Arctic Circle (midnight sun in June, polar night in December)."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from astral import Observer
from astral.sun import sunrise, sunset

from prodoffice.callsheets.sun import POLAR_DAY, POLAR_NIGHT, sun_times

PLACES = [
    (
        "Los Angeles",
        34.0522,
        -118.2437,
        "America/Los_Angeles",
        datetime.date(2027, 6, 21),
        ("05:3", "05:4"),
        ("20:0", "20:1"),
    ),
    (
        "Sydney",
        -33.8688,
        151.2093,
        "Australia/Sydney",
        datetime.date(2027, 6, 21),
        ("06:5", "07:0"),
        ("16:5", "16:5"),
    ),
    (
        "Reykjavik",
        64.1466,
        -21.9426,
        "Atlantic/Reykjavik",
        datetime.date(2027, 3, 20),
        ("07:2", "07:3"),
        ("19:4", "19:5"),
    ),
]


@pytest.mark.parametrize(("name", "lat", "lon", "tz", "day", "rise", "set_"), PLACES)
def test_sun_times_match_astral_to_the_minute(name, lat, lon, tz, day, rise, set_):
    times = sun_times(lat, lon, day, tz)
    zone = zoneinfo.ZoneInfo(tz)
    observer = Observer(latitude=lat, longitude=lon)
    assert times.hhmm("sunrise") == sunrise(observer, day, tzinfo=zone).strftime("%H:%M")
    assert times.hhmm("sunset") == sunset(observer, day, tzinfo=zone).strftime("%H:%M")
    # And the right place on Earth: published almanac times, to ten minutes.
    assert rise[0] <= times.hhmm("sunrise")[:4] <= rise[1]
    assert set_[0] <= times.hhmm("sunset")[:4] <= set_[1]


def test_midnight_sun_above_the_arctic_circle_is_an_answer_not_an_error():
    times = sun_times(69.6492, 18.9553, datetime.date(2027, 6, 21), "Europe/Oslo")
    assert (times.sunrise, times.sunset, times.polar) == (None, None, POLAR_DAY)
    assert times.label == "Midnight sun: the sun does not set"


def test_polar_night_is_shown_as_such():
    times = sun_times(69.6492, 18.9553, datetime.date(2027, 12, 21), "Europe/Oslo")
    assert times.polar == POLAR_NIGHT and "does not rise" in times.label


def test_no_coordinates_is_unknown():
    assert sun_times(None, None, datetime.date(2027, 6, 21), "UTC") is None
