"""Template helpers for the app shell: icons, status pills, local dates and times, money."""

from __future__ import annotations

import functools
from decimal import Decimal

from babel.numbers import format_currency
from django import template
from django.utils.html import format_html

from prodoffice.core.display import day, icon
from prodoffice.core.templatetags.display_tags import language, local_time, yesno_word
from prodoffice.people.validators import format_phone

register = template.Library()
register.simple_tag(icon)
register.filter(day)
# The display helpers every app's templates share live in core; pages that load web_tags get them.
register.simple_tag(local_time, takes_context=True)
register.filter(yesno_word)
register.filter(language)

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


@register.filter
def pill_family(state: str) -> str:
    """The colour family of a status value."""
    return PILL_FAMILIES.get(str(state), "draft")


@register.simple_tag
def pill(value: str, label: str = "") -> str:
    """A status pill in its family's colour, with the label as text (colour is never alone)."""
    return format_html(
        '<span class="pill pill-{}" data-state="{}">{}</span>',
        pill_family(value),
        value,
        label or str(value).replace("_", " ").capitalize(),
    )


@register.filter
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


@register.simple_tag(takes_context=True)
def sort_link(context, key: str, label: str) -> str:
    """A column header link that toggles ascending/descending sort, keeping the filters."""
    request = context["request"]
    current = request.GET.get("sort", "department")
    params = request.GET.copy()
    params.pop("page", None)
    descending = current == key
    params["sort"] = f"-{key}" if descending else key
    state = "ascending" if current == key else "descending" if current == f"-{key}" else "none"
    arrow = {"ascending": "arrow-up", "descending": "arrow-down", "none": "arrow-up-down"}[state]
    return format_html(
        '<a href="?{}" class="sort-link" data-sort="{}" data-sort-state="{}">{} {}</a>',
        params.urlencode(),
        key,
        state,
        label,
        icon(arrow, 12),
    )


@register.simple_tag(takes_context=True)
def aria_sort(context, key: str) -> str:
    """The aria-sort value of a column header."""
    current = context["request"].GET.get("sort", "department")
    return "ascending" if current == key else "descending" if current == f"-{key}" else "none"


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current query string with another page number."""
    params = context["request"].GET.copy()
    params["page"] = number
    return "?" + params.urlencode()


@register.filter
def initials(person) -> str:
    """Two initials for an avatar."""
    first = (getattr(person, "known_as", "") or getattr(person, "first_name", "") or "?")[:1]
    return f"{first}{(getattr(person, 'last_name', '') or '')[:1]}".upper()


#: Department colours for the org chart (AA contrast against white as a 5px rule).
DEPT_PALETTE = (
    "#2f5bd3",
    "#b42318",
    "#1b7f4b",
    "#9a5b00",
    "#6941c6",
    "#0e7490",
    "#c11574",
    "#475467",
    "#a15c07",
    "#3e7c17",
    "#175cd3",
    "#b93815",
)


@register.filter
def dept_colour(department) -> str:
    """A stable colour per department, from its catalogue order."""
    order = getattr(department, "order", 0) or getattr(department, "pk", 0) or 0
    return DEPT_PALETTE[order % len(DEPT_PALETTE)]


@register.filter
def phone(value: str) -> str:
    """A stored E.164 number in the international display form (+1 310-555-0100)."""
    return format_phone(value or "")
