"""Call-time arithmetic: offsets from general call, overrides, midnight, time zones and DST."""

from __future__ import annotations

import datetime

from prodoffice.callsheets import calltimes

DAY = datetime.date(2027, 3, 1)
LA = "America/Los_Angeles"


def test_an_offset_moves_with_general_call():
    early = calltimes.call_at(DAY, datetime.time(7, 0), LA, -90)
    late = calltimes.call_at(DAY, datetime.time(8, 30), LA, -90)
    assert (early.strftime("%H:%M"), late.strftime("%H:%M")) == ("05:30", "07:00")


def test_a_call_before_a_midnight_general_call_is_the_evening_before():
    call = calltimes.call_time(DAY, datetime.time(0, 30), LA, -90)
    assert call.hhmm == "23:00" and call.other_day
    assert str(call) == "23:00 (Sun 28 Feb)"


def test_a_night_shoot_call_after_midnight_is_the_next_day():
    call = calltimes.call_time(DAY, datetime.time(18, 0), LA, 7 * 60)
    assert str(call) == "01:00 (Tue 02 Mar)"


def test_offsets_count_real_minutes_across_a_daylight_saving_change():
    # 14 March 2027: clocks go from 02:00 to 03:00 in Los Angeles.
    spring = datetime.date(2027, 3, 14)
    call = calltimes.call_at(spring, datetime.time(4, 0), LA, -180)
    assert call.strftime("%H:%M %d") == "00:00 14"
    assert (
        calltimes.minutes_between(call, calltimes.general_call_at(spring, datetime.time(4, 0), LA))
        == 180
    )


def test_the_same_wall_clock_call_is_a_different_instant_in_each_time_zone():
    la = calltimes.call_at(DAY, datetime.time(7, 0), LA, 0)
    london = calltimes.call_at(DAY, datetime.time(7, 0), "Europe/London", 0)
    assert la.strftime("%H:%M") == london.strftime("%H:%M") == "07:00"
    assert calltimes.minutes_between(london, la) == 8 * 60


def test_an_override_time_becomes_the_offset_nearest_general_call():
    general = datetime.time(6, 0)
    assert calltimes.offset_of(DAY, general, LA, datetime.time(5, 15)) == -45
    assert calltimes.offset_of(DAY, general, LA, datetime.time(23, 30)) == -390
    assert calltimes.offset_of(DAY, datetime.time(22, 0), LA, datetime.time(1, 0)) == 180


def test_cast_times_derive_from_the_first_scene_and_make_up():
    times = calltimes.cast_offsets(
        first_scene=62, makeup_minutes=90, wardrobe_minutes=15, pickup_minutes=30
    )
    assert times == {"on_set": 60, "wardrobe": 45, "makeup": -45, "call": -45, "pickup": -75}


def test_scene_starts_follow_the_pace_and_the_lunch():
    starts = calltimes.scene_starts(
        [8, 4, 8], shooting_offset=60, minutes_per_page=120, lunch_after=0, lunch_minutes=60
    )
    assert starts == [60, 240, 300]
