"""Template helpers of the contract desk: status pills, the navigation entry, event data."""

from __future__ import annotations

import re

from django import template
from django.utils.html import format_html, format_html_join

from prodoffice.accounts import permissions as perms
from prodoffice.accounts.choices import Role
from prodoffice.contracts import display as contract_display
from prodoffice.contracts.models import ContractParty
from prodoffice.core import display

register = template.Library()

#: Contract and party states in the app's colour families (UI.md).
FAMILIES = {
    "draft": "draft",
    "pending": "draft",
    "sending": "waiting",
    "sent": "waiting",
    "viewed": "waiting",
    "partly_signed": "waiting",
    "signed": "waiting",
    "countersigned": "active",
    "executed": "done",
    "declined": "refused",
    "expired": "refused",
    "voided": "closed",
}
HEX64 = re.compile(r"^[0-9a-f]{64}$")
DATUM = (
    '<span class="event-datum" title="{2}"><span class="text-body-secondary">{0}:</span> {1}</span>'
)


@register.simple_tag
def contract_pill(value: str, label: str = "") -> str:
    """A contract's or party's status pill ("signed" of a party is done, of a contract waiting
    for the countersignature)."""
    return format_html(
        '<span class="pill pill-{}" data-state="{}">{}</span>',
        FAMILIES.get(str(value), "draft"),
        value,
        label or str(value).replace("_", " ").capitalize(),
    )


@register.simple_tag
def party_pill(value: str, label: str = "") -> str:
    """A party's status pill: signed is done for the party."""
    family = "done" if value == "signed" else FAMILIES.get(str(value), "draft")
    return format_html(
        '<span class="pill pill-{}" data-state="{}">{}</span>', family, value, label or value
    )


@register.simple_tag(takes_context=True)
def contracts_nav(context) -> str:
    """The Contracts entry's target: the desk (office, heads, executives), "my contracts" for a
    party, or "" (no entry)."""
    user, production = context.get("user"), context.get("current_production")
    if production is None or not getattr(user, "is_authenticated", False):
        return ""
    if user.is_superuser or perms.is_office(user, production.pk):
        return "web:contracts"
    if perms.role_in(user, production.pk) in (Role.DEPARTMENT_HEAD, Role.STUDIO_EXECUTIVE):
        return "web:contracts"
    mine = ContractParty.objects.filter(contract__production=production, person__user=user)
    return "web:my_contracts" if mine.exists() else ""


@register.filter
def short_hash(value) -> str:
    """The first 12 hex digits of a SHA-256 (the full value goes in a title attribute)."""
    text = str(value or "")
    return f"{text[:12]}…" if len(text) > 12 else text


def _value(value) -> str:
    if value is None or isinstance(value, bool):
        return display.yes_no(value)
    if isinstance(value, list):
        return f"{len(value)}"
    text = str(value)
    return f"{text[:12]}…" if HEX64.match(text) else text[:200]


@register.filter
def event_data(data) -> str:
    """An event's data as short "key: value" items (hashes shortened, lists counted)."""
    if not isinstance(data, dict) or not data:
        return ""
    items = [(k.replace("_", " "), _value(v), str(v)[:200]) for k, v in sorted(data.items())]
    return format_html_join(" ", DATUM, items)


@register.filter
def event_sentence(event) -> str:
    """A chain event in words: "Maya Okafor sent the contract for signature"."""
    return contract_display.event_sentence(event)
