"""Script reads: the current draft, its scenes, its summary."""

from __future__ import annotations

from django.db.models import Sum

from prodoffice.scheduling.models import (
    Scene,
    Script,
    SpeakingCharacter,
)


def script_current(production) -> Script | None:
    """The production's current draft, or None before the first import."""
    return Script.objects.filter(production=production, is_current=True).first()


def script_scenes(script: Script):
    """The draft's scenes in number order, omitted ones included, with their speakers."""
    return (
        Scene.objects.filter(script=script)
        .order_by("sort_key")
        .prefetch_related("speaking__element")
    )


def script_summary(script: Script) -> dict:
    """Scene count, total eighths and speaking characters (the import command's JSON)."""
    scenes = Scene.objects.filter(script=script, omitted=False)
    names: dict[str, str] = {}
    speaking = SpeakingCharacter.objects.filter(scene__script=script, scene__omitted=False)
    for name in speaking.order_by("scene__position", "order").values_list("name", flat=True):
        names.setdefault(name.upper(), name)
    return {
        "scenes": scenes.count(),
        "pages_eighths": scenes.aggregate(total=Sum("eighths"))["total"] or 0,
        "speaking_characters": list(names.values()),
    }
