"""Conflicts on the stripboard: the conflicts of one strip's scene, from `conflicts_by_scene`."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def scene_conflicts(conflicts_by_scene, scene_id) -> list:
    """The conflicts of a scene (an empty list when it has none or nothing was computed)."""
    if not conflicts_by_scene or scene_id is None:
        return []
    return conflicts_by_scene.get(scene_id, [])
