"""Display helpers shared by every app's pages, PDFs, exports and CLI output: an icon, a day, a
span of days, a moment in a time zone with its abbreviation, a yes/no, a language's name, a
status pill, an amount with its currency."""

from __future__ import annotations

import datetime
import functools
import zoneinfo
from decimal import Decimal

import lucide
from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

#: What a person reads where a value is unknown or empty.
UNKNOWN = "—"


def icon(name: str, size: int = 16, label: str = "") -> str:
    """An inline lucide SVG; decorative unless a label is given."""
    return _icon(str(name), size, str(label))


@functools.lru_cache(maxsize=1024)
def _icon(name: str, size: int | str, label: str) -> str:
    # lucide parses and re-serialises the SVG on every call (about a third of a millisecond);
    # a page draws the same few dozen icons on every request.
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


def zone(where=None) -> datetime.tzinfo:
    """The time zone of a production (anything with `time_zone`), a zone name, or, with
    neither, the active time zone (account pages, the CLI)."""
    name = getattr(where, "time_zone", where)
    if isinstance(name, datetime.tzinfo):
        return name
    if name:
        try:
            return zoneinfo.ZoneInfo(str(name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return timezone.get_current_timezone()


def zone_abbreviation(local: datetime.datetime) -> str:
    """PDT, CEST, UTC; zones tzdata gives only an offset read "UTC+03" rather than a bare "+03"."""
    abbr = local.tzname() or ""
    return f"UTC{abbr}" if abbr[:1] in "+-" else abbr


def local_datetime(value, where=None, *, clock_24h: bool | None = None, date: bool = True) -> str:
    """A moment as a person reads it, in the production's time zone with its abbreviation:
    "Mon 5 Apr 2027, 07:30 PDT" (or "7:30 AM PDT" on a 12-hour production's clock).

    `where` is a production, a zone name or None for the active zone. Naive values are taken
    as UTC (the database's). The one format every page, PDF and CLI table uses."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if timezone.is_naive(value):
        value = value.replace(tzinfo=datetime.UTC)
    local = value.astimezone(zone(where))
    if clock_24h is None:
        clock_24h = getattr(where, "use_24h_clock", True)
    clock = local.strftime("%H:%M") if clock_24h else local.strftime("%-I:%M %p")
    time_text = f"{clock} {zone_abbreviation(local)}"
    if not date:
        return time_text
    return f"{local:%a} {local.day} {local:%b} {local.year}, {time_text}"


def yes_no(value, yes: str = "Yes", no: str = "No", unknown: str = UNKNOWN) -> str:
    """A boolean as a word ("Yes"/"No", or context words), "—" when it is unknown."""
    if value is None or value == "":
        return unknown
    return yes if value else no


@functools.lru_cache(maxsize=512)
def language_name(code: str, locale: str = "en") -> str:
    """The name of a language code (fr → French, pt-BR → Portuguese (Brazil)); an unknown code
    is returned as it is."""
    if not code:
        return ""
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(locale) or code
    except (ValueError, TypeError, UnknownLocaleError):
        return code


#: Regional variants an office meets often enough to offer by name (any babel code is accepted).
REGIONAL_LANGUAGES = ("en-GB", "en-US", "es-419", "es-ES", "fr-CA", "pt-BR", "pt-PT", "zh-Hans",
                      "zh-Hant")  # fmt: skip


@functools.lru_cache(maxsize=1)
def language_choices() -> tuple[tuple[str, str], ...]:
    """Languages by name for a select: the ISO 639-1 languages babel names, and the common
    regional variants, sorted by name."""
    codes = [c for c in Locale("en").languages if len(c) == 2] + list(REGIONAL_LANGUAGES)
    named = ((c, language_name(c)) for c in codes)
    return tuple(sorted(((c, n) for c, n in named if n != c), key=lambda p: p[1].lower()))


#: One colour per state family across the app (UI.md): draft grey, waiting amber, done green,
#: refused red, closed dark, in progress blue.
PILL_FAMILIES = {
    "prospect": "draft",
    "development": "draft",
    "invited": "draft",
    "offered": "waiting",
    "scheduled": "waiting",
    "pre_production": "waiting",
    "confirmed": "done",
    "held": "done",
    "present": "done",
    "delivered": "done",
    "production": "active",
    "post_production": "active",
    "released": "refused",
    "cancelled": "refused",
    "absent": "refused",
    "wrapped": "closed",
    "excused": "closed",
}


def pill_family(state: str) -> str:
    """The colour family of a status value."""
    return PILL_FAMILIES.get(str(state), "draft")


def pill(value: str, label: str = "") -> str:
    """A status pill in its family's colour, with the label as text (colour is never alone)."""
    return format_html(
        '<span class="pill pill-{}" data-state="{}">{}</span>',
        pill_family(value),
        value,
        label or str(value).replace("_", " ").capitalize(),
    )


def money(value, currency: str = "") -> str:
    """An amount with its currency symbol and code (currencies mix on one production)."""
    if value in (None, ""):
        return ""
    if not currency:
        return str(value)
    return _money(str(value), currency)


@functools.lru_cache(maxsize=4096)
def _money(value: str, currency: str) -> str:
    # babel re-parses the locale's pattern on every call; crew lists repeat the same day rates.
    amount = format_currency(Decimal(value), currency, locale="en")
    return amount if amount.startswith(currency) else f"{amount} {currency}"
