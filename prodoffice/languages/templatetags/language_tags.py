"""Template filters of the language desk."""

from django import template

from prodoffice.languages.reports import rule_label as _rule_label

register = template.Library()


@register.filter
def rule_label(rule: str) -> str:
    """A QC rule in words."""
    return _rule_label(rule)
