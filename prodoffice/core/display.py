"""Display helpers shared by every app's pages and template tags: an icon, a day, a span of days."""

from __future__ import annotations

import datetime

import lucide
from django.utils.safestring import mark_safe


def icon(name: str, size: int = 16, label: str = "") -> str:
    """An inline lucide SVG; decorative unless a label is given."""
    attrs = {"class": "icon", "focusable": "false"}
    if label:
        attrs.update({"role": "img", "aria-label": label})
    else:
        attrs["aria-hidden"] = "true"
    return mark_safe(lucide._render_icon(name, size, **attrs))


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
