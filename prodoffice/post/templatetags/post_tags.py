"""Template tags of the post pages: the navigation entry."""

from __future__ import annotations

from django import template

from prodoffice.post.permissions import can_view_post

register = template.Library()


@register.simple_tag(takes_context=True)
def post_nav(context) -> str:
    """The Post entry's target: the pipeline for production-wide roles, "my post work" for
    other members, or "" (no entry)."""
    user, production = context.get("user"), context.get("current_production")
    if production is None or not getattr(user, "is_authenticated", False):
        return ""
    return "web:post" if can_view_post(user, production) else "web:post_mine"
