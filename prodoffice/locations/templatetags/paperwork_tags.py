"""Status pills of the paperwork desk, in the app's one colour per state family."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

register = template.Library()

DOCUMENT_FAMILY = {
    "needed": "draft",
    "applied": "waiting",
    "approved": "done",
    "denied": "refused",
    "expired": "refused",
    "withdrawn": "closed",
}
READINESS_FAMILY = {"ready": "done", "at_risk": "waiting", "not_ready": "refused"}


@register.simple_tag
def document_pill(status: str, label: str):
    """A document's status pill."""
    return format_html(
        '<span class="pill pill-{}" data-status="{}">{}</span>',
        DOCUMENT_FAMILY.get(status, "draft"),
        status,
        label,
    )


@register.simple_tag
def readiness_pill(status: str, label: str):
    """A readiness pill: green ready, amber at risk, red not ready."""
    return format_html(
        '<span class="pill pill-{}" data-readiness="{}">{}</span>',
        READINESS_FAMILY.get(status, "draft"),
        status,
        label,
    )
