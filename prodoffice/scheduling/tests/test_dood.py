"""Day-out-of-days codes and totals on hand-built schedules."""

from datetime import date, timedelta

import pytest

from prodoffice.scheduling.engine.dood import (
    CalendarDay,
    DoodError,
    DoodRules,
    ElementDays,
    day_out_of_days,
    default_drop_gap,
    dood_row,
)

MARCH = [
    CalendarDay(date(2026, 3, 2), "prep"),
    CalendarDay(date(2026, 3, 3), "shoot"),
    CalendarDay(date(2026, 3, 4), "shoot"),
    CalendarDay(date(2026, 3, 5), "shoot"),
    CalendarDay(date(2026, 3, 6), "travel"),
    CalendarDay(date(2026, 3, 7), "weekend"),
    CalendarDay(date(2026, 3, 8), "weekend"),
    CalendarDay(date(2026, 3, 9), "holiday"),
    CalendarDay(date(2026, 3, 10), "shoot"),
    CalendarDay(date(2026, 3, 11), "weather"),
    CalendarDay(date(2026, 3, 12), "shoot"),
    CalendarDay(date(2026, 3, 13), "hiatus"),
    CalendarDay(date(2026, 3, 14), "wrap"),
]


def march(day: int) -> date:
    """A date in March 2026."""
    return date(2026, 3, day)


def codes(row) -> list[str]:
    """The row's codes in calendar order."""
    return list(row.codes.values())


def test_every_company_and_event_code():
    mary = ElementDays("1 MARY", {march(3), march(5), march(12)},
                       events={march(2): "FT", march(4): "R"})  # fmt: skip
    john = ElementDays("2 JOHN", {march(10)}, events={march(8): "TR"})
    rows = day_out_of_days(MARCH, [mary, john])
    assert codes(rows[0]) == ["FT", "SW", "R", "W", "M", "", "", "/", "H", "H", "WF", "", ""]
    assert codes(rows[1]) == ["", "", "", "", "", "", "TR", "", "SWF", "", "", "", ""]
    totals = rows[0].totals
    assert (totals.work, totals.hold, totals.holiday, totals.travel) == (3, 2, 1, 1)
    assert (totals.fitting, totals.rehearsal, totals.idle) == (1, 1, 2)  # the weekend is idle
    assert (totals.start, totals.finish, totals.total) == (march(3), march(12), 9)
    assert rows[1].totals.as_dict() == {
        "work": 1, "hold": 0, "holiday": 0, "travel": 1, "fitting": 0, "rehearsal": 0,
        "idle": 0, "total": 2, "start": "2026-03-10", "finish": "2026-03-10",
    }  # fmt: skip
    assert rows[1].days_as_iso()["2026-03-10"] == "SWF"


def test_no_holds_when_holds_are_not_allowed():
    extra = ElementDays("BG", {march(3), march(10)}, rules=DoodRules(hold_allowed=False))
    row = dood_row(MARCH, extra)
    # Not held, not paid: the company travel day and the holiday inside the run are idle too.
    assert codes(row)[1:9] == ["SW", "", "", "", "", "", "", "WF"]
    assert (row.totals.hold, row.totals.holiday, row.totals.travel) == (0, 0, 0)
    assert (row.totals.idle, row.totals.total) == (6, 2)


def test_element_events_show_their_codes_and_totals_and_win_over_holds():
    events = {march(2): "TR", march(4): "FT", march(5): "R"}
    row = dood_row(MARCH, ElementDays("ANN", {march(3), march(10)}, events))
    assert codes(row)[0:5] == ["TR", "SW", "FT", "R", "M"]
    totals = row.totals
    assert (totals.travel, totals.fitting, totals.rehearsal) == (2, 1, 1)  # TR and the M day
    assert totals.total == totals.work + totals.hold + totals.holiday + 4


APRIL = [CalendarDay(date(2026, 4, 1) + timedelta(days=n)) for n in range(30)]


def april(day: int) -> date:
    """A date in April 2026 (every day a shoot day)."""
    return date(2026, 4, day)


WORK = {april(1), april(2), april(14), april(15), april(30)}  # gaps of 12 and 15 days


def test_drop_and_pick_up_once_takes_the_longest_gap():
    row = dood_row(APRIL, ElementDays("3 ANN", WORK, rules=DoodRules(drop_allowed=True)))
    expected = ["SW", "W"] + ["H"] * 11 + ["W", "W"] + ["D"] * 14 + ["PW"]
    assert codes(row) == expected
    assert (row.totals.work, row.totals.hold, row.totals.idle) == (5, 11, 14)
    assert row.totals.finish == april(30)


def test_drop_more_than_once_when_allowed():
    rules = DoodRules(drop_allowed=True, once_per_production=False)
    row = dood_row(APRIL, ElementDays("3 ANN", WORK, rules=rules))
    assert codes(row) == ["SW", "W"] + ["D"] * 11 + ["PW", "W"] + ["D"] * 14 + ["PW"]


def test_drop_needs_more_than_the_minimum_gap():
    exactly_ten = {april(2), april(12)}
    row = dood_row(APRIL, ElementDays("4", exactly_ten, rules=DoodRules(drop_allowed=True)))
    assert "D" not in codes(row) and codes(row)[1:12] == ["SW"] + ["H"] * 9 + ["WF"]
    eleven = {april(2), april(13)}
    row = dood_row(APRIL, ElementDays("4", eleven, rules=DoodRules(drop_allowed=True)))
    assert codes(row)[1:13] == ["SW"] + ["D"] * 10 + ["PW"]


def test_drop_needs_drop_and_hold_allowed_and_the_other_agreements_gap():
    assert "D" not in codes(dood_row(APRIL, ElementDays("5", WORK)))  # drop not allowed
    no_hold = DoodRules(drop_allowed=True, hold_allowed=False)
    assert "D" not in codes(dood_row(APRIL, ElementDays("5", WORK, rules=no_hold)))
    assert (default_drop_gap(True), default_drop_gap(False)) == (10, 14)
    other = DoodRules(drop_allowed=True, once_per_production=False, min_drop_gap=14)
    row = codes(dood_row(APRIL, ElementDays("5", WORK, rules=other)))
    assert row[2:13] == ["H"] * 11 and row[15:29] == ["D"] * 14  # only the 15-day gap drops


def test_bad_schedules_are_refused():
    with pytest.raises(DoodError, match="weekend"):
        dood_row(MARCH, ElementDays("1", {march(7)}))
    with pytest.raises(DoodError, match="not in the calendar"):
        dood_row(MARCH, ElementDays("1", {date(2026, 5, 1)}))
    with pytest.raises(DoodError, match="bad event"):
        dood_row(MARCH, ElementDays("1", {march(3)}, events={march(4): "XX"}))
    with pytest.raises(DoodError, match="out of order"):
        day_out_of_days(list(reversed(MARCH)), [])
    with pytest.raises(DoodError, match="Unknown day type"):
        day_out_of_days([CalendarDay(march(1), "party")], [])


def test_element_without_work_shows_only_its_events():
    row = dood_row(MARCH, ElementDays("6", set(), events={march(2): "FT"}))
    assert codes(row) == ["FT"] + [""] * 12
    assert (row.totals.start, row.totals.fitting, row.totals.idle) == (None, 1, 0)
