"""Breakdown reads: categories, breakdown sheets, suggestions, the cast review."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from prodoffice.scheduling.engine import categories, suggest
from prodoffice.scheduling.engine.board_ids import board_id_key
from prodoffice.scheduling.models import (
    BreakdownCategory,
    Element,
    Scene,
    SceneElement,
    Script,
    SpeakingCharacter,
)

# --- Breakdown desk ------------------------------------------------------------------------------


@dataclass
class SheetGroup:
    """One category box of a breakdown sheet: the category and the scene's elements in it."""

    category: BreakdownCategory
    elements: list[Element] = field(default_factory=list)


def element_categories(production):
    """The production's element categories (scene attributes left out), in UCID order."""
    return BreakdownCategory.objects.filter(
        production=production, kind=categories.ELEMENT
    ).order_by("ucid")


def _by_board_id(links) -> list[SceneElement]:
    """Scene elements in board ID order as numbers (2 before 10), then by name."""
    return sorted(links, key=lambda link: board_id_key(link.element.board_id, link.element.name))


def scene_sheet(scene: Scene, cats=None) -> list[SheetGroup]:
    """The scene's elements grouped by category, every category present (empty boxes too)."""
    groups = {c.pk: SheetGroup(c) for c in (cats or element_categories(scene.script.production))}
    links = SceneElement.objects.filter(scene=scene).select_related("element")
    for link in _by_board_id(links):
        group = groups.get(link.element.category_id)
        if group is not None:
            group.elements.append(link.element)
    return list(groups.values())


def scenes_sheets(script: Script) -> list[tuple[Scene, list[SheetGroup]]]:
    """Every scene in play of a draft with its sheet, in three queries whatever the size."""
    cats = list(element_categories(script.production))
    scenes = list(Scene.objects.filter(script=script, omitted=False).order_by("sort_key"))
    by_scene: dict[int, dict[int, SheetGroup]] = {
        s.pk: {c.pk: SheetGroup(c) for c in cats} for s in scenes
    }
    links = SceneElement.objects.filter(scene__script=script, scene__omitted=False)
    for link in _by_board_id(links.select_related("element")):
        group = by_scene[link.scene_id].get(link.element.category_id)
        if group is not None:
            group.elements.append(link.element)
    return [(s, list(by_scene[s.pk].values())) for s in scenes]


def scene_suggestions(scene: Scene) -> list[suggest.Suggestion]:
    """What the script text suggests for this scene's breakdown, minus the linked and dismissed."""
    production = scene.script.production
    elements = list(
        Element.objects.filter(production=production).values_list("name", "category__ucid")
    )
    speakers = scene.speaking.values_list("name", flat=True)
    cast = [name for name, ucid in elements if ucid == categories.CAST]
    linked = SceneElement.objects.filter(scene=scene).values_list("element__name", flat=True)
    dismissed = scene.dismissals.values_list("key", flat=True)
    have = set(element_categories(production).values_list("ucid", flat=True))
    found = suggest.suggest(
        scene.text,
        characters=[*speakers, *cast],
        elements=elements,
        linked=list(linked),
        dismissed=list(dismissed),
    )
    return [s for s in found if s.ucid in have]


def cast_review(production):
    """Cast elements with their engagement and the scenes they speak in (to review first)."""
    cast = BreakdownCategory.objects.filter(production=production, ucid=categories.CAST).first()
    if cast is None:
        return Element.objects.none()
    speaking = SpeakingCharacter.objects.filter(scene__script__is_current=True).select_related(
        "scene"
    )
    return (
        Element.objects.filter(category=cast)
        .select_related("engagement__person", "category")
        .prefetch_related(Prefetch("speaking_in", speaking.order_by("scene__sort_key")))
        .order_by("-needs_review", "name")
    )
