"""Template tags for how values read on every app's pages and PDFs: moments in the production's
time zone, booleans as words, languages by name, audit events as sentences."""

from __future__ import annotations

from django import template

from prodoffice.audit.describe import action_label, describe_all
from prodoffice.core import display

register = template.Library()


@register.simple_tag(takes_context=True)
def local_time(context, value, with_date: bool = True, tz=None) -> str:
    """A moment in the page's production time zone with its abbreviation ("Mon 5 Apr 2027, 07:30
    PDT"); `tz` (a production or a zone name) for pages without a current production."""
    where = tz or context.get("current_production")
    return display.local_datetime(value, where, date=with_date)


@register.filter
def yesno_word(value, words: str = "") -> str:
    """A boolean as a word: `{{ x|yesno_word }}` reads Yes/No/—, `{{ x|yesno_word:"Sent,Not
    sent" }}` reads Sent/Not sent/—; a third word replaces the "—" of an unknown value."""
    parts = words.split(",") if words else []
    defaults = ["Yes", "No", display.UNKNOWN]
    yes, no, unknown = [*parts, *defaults[len(parts) :]][:3]
    return display.yes_no(value, yes, no, unknown)


@register.filter
def language(code) -> str:
    """A language code by its name (fr → French)."""
    return display.language_name(str(code or ""))


@register.simple_tag(takes_context=True)
def described(context, events):
    """Audit events with their sentences: `{% described history as rows %}` then
    `{% for ev, words in rows %}`; names are fetched once for the whole page."""
    events = list(events)
    where = context.get("current_production")
    return list(zip(events, describe_all(events, where), strict=True))


@register.filter
def action_words(action: str) -> str:
    """An action code as a person reads it in a filter list."""
    return action_label(str(action))
