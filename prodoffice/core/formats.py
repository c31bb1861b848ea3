"""Dates as the pages and their messages write them, shared by templates and views alike."""

from __future__ import annotations

import datetime


def day(value) -> str:
    """A date with its weekday: Tue 3 Mar (and the year when it is not this year)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    text = f"{value:%a} {value.day} {value:%b}"
    return text if value.year == datetime.date.today().year else f"{text} {value.year}"


def day_span(start, end) -> str:
    """A date range: Tue 2 Mar – Thu 4 Mar (one day when start and end are the same)."""
    if start == end:
        return day(start)
    return f"{day(start)} – {day(end)}"
