"""Template helpers for the app shell: icons, status pills, local dates and times, money."""

from __future__ import annotations

import functools

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from prodoffice.core.display import day, icon, money, pill, pill_family
from prodoffice.core.templatetags.display_tags import language, local_time, yesno_word
from prodoffice.people.validators import format_phone

register = template.Library()
register.simple_tag(icon)
register.filter(day)
# The display helpers every app's templates share live in core; pages that load web_tags get them.
register.simple_tag(local_time, takes_context=True)
register.filter(yesno_word)
register.filter(language)
# Status pills and money: core, so that a domain app drawing rows in Python (crew_tags) uses
# the very same markup without importing web.
register.simple_tag(pill)
register.filter(pill_family)
register.filter(money)


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


@register.simple_tag(takes_context=True)
def sidenav(context, contracts_url: str, post_url: str) -> str:
    """A production page's side navigation (`web/_sidenav.html`). It depends on nothing but
    the production's code, the page's entry and the five answers below, so it is drawn once per
    combination and kept (35 links and icons were a tenth of a small page; ADR 0023)."""
    sees_schedule = context.get("sees_schedule")
    if callable(sees_schedule):
        sees_schedule = sees_schedule()
    return _sidenav(
        get_script_prefix(),
        str(context["current_production"].code),
        str(context.get("nav_active") or ""),
        bool(context.get("is_office")),
        bool(context.get("sees_production")),
        bool(sees_schedule),
        str(contracts_url or ""),
        str(post_url or ""),
    )


@functools.lru_cache(maxsize=1024)
def _sidenav(prefix, code, nav, is_office, sees_production, sees_schedule, contracts, post) -> str:
    """The navigation drawn from these values only (the template sees nothing else)."""
    values = {
        "c": code,
        "nav": nav,
        "is_office": is_office,
        "sees_production": sees_production,
        "sees_schedule": sees_schedule,
        "contracts_url": contracts,
        "post_url": post,
    }
    return mark_safe(render_to_string("web/_sidenav.html", values))  # a template's output
