"""Breakdown writes: categories, elements, their scenes, suggestions, the cast review."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.audit.services import record
from prodoffice.core.services import integrity_as_validation, require, save_changes, validate
from prodoffice.productions.models import Engagement, Production
from prodoffice.scheduling.choices import ElementEventKind
from prodoffice.scheduling.engine import categories, suggest
from prodoffice.scheduling.models import (
    BreakdownCategory,
    Element,
    ElementEvent,
    Scene,
    SceneElement,
    SpeakingCharacter,
    SuggestionDismissal,
)
from prodoffice.scheduling.permissions import can_manage_breakdown


def categories_seed(*, actor, production: Production) -> list[BreakdownCategory]:
    """Give a production the standard categories it lacks; the existing ones keep their names."""
    require(can_manage_breakdown(actor, production))
    have = set(production.breakdown_categories.values_list("ucid", flat=True))
    missing = [
        BreakdownCategory(
            production=production, ucid=c.ucid, name=c.name, colour=c.colour, kind=c.kind
        )
        for c in categories.CATEGORIES + categories.SCENE_ATTRIBUTES
        if c.ucid not in have
    ]
    if missing:
        with transaction.atomic():
            BreakdownCategory.objects.bulk_create(missing)
            record(
                actor=actor,
                action="breakdown.categories_seed",
                target=production,
                production=production,
                message=f"{len(missing)} standard breakdown categories added.",
            )
    return list(production.breakdown_categories.all())


def category_update(*, actor, category: BreakdownCategory, values: dict) -> BreakdownCategory:
    """Rename or recolour a category (its UCID, and so its meaning, stays)."""
    require(can_manage_breakdown(actor, category.production))
    with transaction.atomic():
        changes = save_changes(category, values, ["name", "colour"])
        if changes:
            record(
                actor=actor,
                action="breakdown.category_update",
                target=category,
                production=category.production,
                changes=changes,
            )
    return category


ELEMENT_FIELDS = (
    "name", "board_id", "category", "hold_allowed", "drop_allowed", "drop_min_days", "notes",
)  # fmt: skip


def element_update(*, actor, element: Element, values: dict) -> Element:
    """Change an element's name, board ID, category, notes or day-out-of-days rules."""
    require(can_manage_breakdown(actor, element.production))
    if "category" in values:
        _check_category(values["category"], element.production)
    with transaction.atomic():
        changes = save_changes(element, values, ELEMENT_FIELDS)
        if changes:
            record(
                actor=actor,
                action="breakdown.element_update",
                target=element,
                production=element.production,
                changes=changes,
            )
    return element


def _check_category(category, production: Production) -> None:
    """An element category of this production (scene attributes hold no elements)."""
    if category is None or category.production_id != production.pk:
        raise ValidationError({"category": "Choose a category of this production."})
    if category.kind != categories.ELEMENT:
        raise ValidationError({"category": f"“{category.name}” is a scene attribute."})


def element_create(
    *, actor, production: Production, category: BreakdownCategory, name: str, **values
) -> Element:
    """A new breakdown element (a prop, a vehicle, a character ...) in one of the categories."""
    require(can_manage_breakdown(actor, production), "Only the production office breaks down.")
    _check_category(category, production)
    name = " ".join(str(name or "").split())
    if not name:
        raise ValidationError({"name": "Give the element a name."})
    element = Element(production=production, category=category, name=name[:120])
    allowed = ("board_id", "notes", "hold_allowed", "drop_allowed", "drop_min_days")
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ValidationError({f: "This field cannot be set here." for f in unknown})
    for key, value in values.items():
        setattr(element, key, value)
    validate(element)
    with transaction.atomic(), integrity_as_validation("An element with this name exists."):
        element.save()
        record(
            actor=actor,
            action="breakdown.element_create",
            target=element,
            production=production,
            message=f"{element.name} ({category.name})",
        )
    return element


def _same_production(scene: Scene, element: Element) -> None:
    _current(scene)
    if scene.script.production_id != element.production_id:
        raise ValidationError({"element": "This element belongs to another production."})


def _current(scene: Scene) -> None:
    """Older drafts stay as they were read: only the current draft is broken down."""
    if not scene.script.is_current:
        message = f"Scene {scene.number} belongs to an earlier draft: break down the current one."
        raise ValidationError({"scene": ValidationError(message, code="old_draft")})


def scene_element_add(*, actor, scene: Scene, element: Element) -> SceneElement:
    """Put an element into a scene's breakdown."""
    production = scene.script.production
    require(can_manage_breakdown(actor, production), "Only the production office breaks down.")
    _same_production(scene, element)
    if scene.omitted:
        raise ValidationError({"scene": f"Scene {scene.number} is omitted."})
    with transaction.atomic():
        link, created = SceneElement.objects.get_or_create(scene=scene, element=element)
        if not created:
            message = f"{element.name} is already in the breakdown of scene {scene.number}."
            raise ValidationError({"element": ValidationError(message, code="duplicate")})
        record(
            actor=actor,
            action="breakdown.scene_element_add",
            target=scene,
            production=production,
            changes={"element": [None, str(element.public_id)]},
            message=f"{element.name} added to scene {scene.number}",
        )
    return link


def scene_element_remove(*, actor, scene: Scene, element: Element) -> None:
    """Take an element out of a scene's breakdown (a speaking character stays while it speaks)."""
    production = scene.script.production
    require(can_manage_breakdown(actor, production), "Only the production office breaks down.")
    _same_production(scene, element)
    if SpeakingCharacter.objects.filter(scene=scene, element=element).exists():
        message = f"{element.name} speaks in scene {scene.number}: merge or remap it instead."
        raise ValidationError({"element": ValidationError(message, code="speaks")})
    with transaction.atomic():
        deleted, _ = SceneElement.objects.filter(scene=scene, element=element).delete()
        if not deleted:
            raise ValidationError({"element": f"{element.name} is not in scene {scene.number}."})
        record(
            actor=actor,
            action="breakdown.scene_element_remove",
            target=scene,
            production=production,
            changes={"element": [str(element.public_id), None]},
            message=f"{element.name} removed from scene {scene.number}",
        )


def _category_by_ucid(production: Production, ucid) -> BreakdownCategory:
    try:
        return BreakdownCategory.objects.get(production=production, ucid=int(ucid))
    except (BreakdownCategory.DoesNotExist, TypeError, ValueError) as exc:
        raise ValidationError({"category": f"Unknown category “{ucid}”."}) from exc


def suggestion_accept(*, actor, scene: Scene, name: str, ucid: int) -> SceneElement:
    """Accept a suggestion: link the element of that name and category, created when missing."""
    production = scene.script.production
    require(can_manage_breakdown(actor, production), "Only the production office breaks down.")
    _current(scene)
    category = _category_by_ucid(production, ucid)
    clean_name = " ".join(str(name or "").split())
    with transaction.atomic():
        element = Element.objects.filter(category=category, name__iexact=clean_name).first()
        if element is None:
            element = element_create(
                actor=actor, production=production, category=category, name=clean_name
            )
        return scene_element_add(actor=actor, scene=scene, element=element)


def suggestion_dismiss(*, actor, scene: Scene, name: str, ucid: int) -> SuggestionDismissal:
    """Turn a suggestion down for this scene; it is not offered there again."""
    production = scene.script.production
    require(can_manage_breakdown(actor, production), "Only the production office breaks down.")
    _current(scene)
    category = _category_by_ucid(production, ucid)
    clean_name = " ".join(str(name or "").split())[:120]
    if not clean_name:
        raise ValidationError({"name": "Name the suggestion to dismiss."})
    key = suggest.suggestion_key(clean_name, category.ucid)
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        dismissal, created = SuggestionDismissal.objects.get_or_create(
            scene=scene, key=key, defaults={"name": clean_name, "dismissed_by": user}
        )
        if created:
            record(
                actor=actor,
                action="breakdown.suggestion_dismiss",
                target=scene,
                production=production,
                changes={"dismissed": [None, key]},
                message=f"Suggestion {clean_name} ({category.name}) dismissed in {scene.number}",
            )
    return dismissal


def _cast_engagement(engagement: Engagement, element: Element) -> None:
    if engagement.production_id != element.production_id:
        raise ValidationError({"engagement": "This engagement is in another production."})
    if not engagement.position.department.is_cast:
        raise ValidationError({"engagement": f"{engagement.person} is not in the cast."})
    taken = Element.objects.filter(engagement=engagement).exclude(pk=element.pk).first()
    if taken is not None:
        raise ValidationError(
            {"engagement": f"{engagement.person} already plays {taken.name}: merge the two."}
        )


def element_cast_set(*, actor, element: Element, engagement: Engagement | None) -> Element:
    """Map a character element to a cast engagement (None: unmapped, back to review)."""
    require(can_manage_breakdown(actor, element.production), "Only the production office maps.")
    if not element.category.is_cast:
        raise ValidationError({"element": f"{element.name} is not a cast element."})
    before = element.engagement_id
    if engagement is not None:
        _cast_engagement(engagement, element)
    with transaction.atomic():
        element.engagement = engagement
        element.needs_review = engagement is None
        number = str(engagement.cast_number) if engagement and engagement.cast_number else ""
        free = not Element.objects.filter(category=element.category, board_id=number).exclude(
            pk=element.pk
        )
        if number and not element.board_id and free:
            element.board_id = number
        validate(element)
        element.save()
        record(
            actor=actor,
            action="breakdown.element_cast_set",
            target=element,
            production=element.production,
            changes={"engagement": [before, engagement.pk if engagement else None]},
            message=f"{element.name} played by {engagement.person}" if engagement else "",
        )
    return element


def element_mark_reviewed(*, actor, element: Element) -> Element:
    """The office has looked at a character element: it needs no more review."""
    require(can_manage_breakdown(actor, element.production), "Only the production office reviews.")
    if element.needs_review:
        with transaction.atomic():
            element.needs_review = False
            element.save(update_fields=["needs_review", "updated_at"])
            record(
                actor=actor,
                action="breakdown.element_review",
                target=element,
                production=element.production,
                changes={"needs_review": [True, False]},
            )
    return element


def element_merge(*, actor, keep: Element, merge: Element) -> Element:
    """Merge `merge` into `keep` (BOB into ROBERT): its scenes and lines move, then it goes."""
    require(can_manage_breakdown(actor, keep.production), "Only the production office merges.")
    if keep.pk == merge.pk:
        raise ValidationError({"merge": "Choose two different elements."})
    if keep.production_id != merge.production_id:
        raise ValidationError({"merge": "This element belongs to another production."})
    if keep.category_id != merge.category_id:
        raise ValidationError({"merge": "Only elements of the same category merge."})
    if keep.engagement_id and merge.engagement_id:
        raise ValidationError({"merge": "Both elements are mapped to an actor: unmap one first."})
    with transaction.atomic():
        moved = _move_links(keep, merge)
        old = {"name": merge.name, "id": str(merge.public_id), "board_id": merge.board_id}
        engagement, board_id, notes = merge.engagement, merge.board_id, merge.notes
        merge.delete()
        if engagement is not None:
            keep.engagement, keep.needs_review = engagement, False
        keep.board_id = keep.board_id or board_id
        keep.notes = "\n".join(n for n in (keep.notes, notes) if n)
        validate(keep)
        keep.save()
        record(
            actor=actor,
            action="breakdown.element_merge",
            target=keep,
            production=keep.production,
            changes={"merged": [old, None], "scenes_moved": [None, moved]},
            message=f"{old['name']} merged into {keep.name}",
        )
    return keep


def _move_links(keep: Element, merge: Element) -> int:
    """Scene links and speaking lines of `merge` onto `keep`; returns the scenes moved."""
    SpeakingCharacter.objects.filter(element=merge).update(element=keep)
    have = dict(SceneElement.objects.filter(element=keep).values_list("scene_id", "from_script"))
    moved = 0
    for link in SceneElement.objects.filter(element=merge):
        if link.scene_id in have:
            if link.from_script and not have[link.scene_id]:
                SceneElement.objects.filter(element=keep, scene_id=link.scene_id).update(
                    from_script=True
                )
            continue
        SceneElement.objects.filter(pk=link.pk).update(element=keep)
        moved += 1
    return moved


# --- Element events: travel, fitting and rehearsal days on the DOOD ----------------------------


def event_kind(value) -> str:
    """TR, FT or R from its code or its name in any case (travel, Fitting, r ...)."""
    text = str(value or "").strip().lower()
    for kind in ElementEventKind:
        if text in (kind.value.lower(), kind.label.lower()):
            return kind.value
    raise ValidationError({"kind": f"Unknown event “{value}”: travel (TR), fitting (FT) or "
                                   "rehearsal (R)."})  # fmt: skip


def element_events_set(
    *, actor, element: Element, events: list[tuple[datetime.date, str]]
) -> list[ElementEvent]:
    """Replace an element's travel, fitting and rehearsal days (one event a day at most)."""
    require(can_manage_breakdown(actor, element.production), "Only the production office "
            "enters element events.")  # fmt: skip
    wanted: dict[datetime.date, str] = {}
    for day, kind in events:
        if not isinstance(day, datetime.date):
            raise ValidationError({"date": f"“{day}” is not a date (YYYY-MM-DD)."})
        if day in wanted:
            raise ValidationError({"date": f"Two events on {day.isoformat()}: one a day."})
        wanted[day] = event_kind(kind)
    with transaction.atomic():
        old = {e.date: e.kind for e in ElementEvent.objects.filter(element=element)}
        if old == wanted:
            return list(ElementEvent.objects.filter(element=element))
        ElementEvent.objects.filter(element=element).delete()
        rows = ElementEvent.objects.bulk_create(
            ElementEvent(element=element, date=day, kind=kind)
            for day, kind in sorted(wanted.items())
        )
        record(
            actor=actor,
            action="breakdown.element_events",
            target=element,
            production=element.production,
            changes={"events": [_event_list(old), _event_list(wanted)]},
        )
    return rows


def element_event_add(
    *, actor, element: Element, date: datetime.date, kind: str
) -> list[ElementEvent]:
    """Add (or retype) one event day of an element."""
    events = dict(ElementEvent.objects.filter(element=element).values_list("date", "kind"))
    events[date] = kind
    return element_events_set(actor=actor, element=element, events=list(events.items()))


def element_event_remove(*, actor, element: Element, date: datetime.date) -> list[ElementEvent]:
    """Take one event day off an element (a day without an event is refused)."""
    events = dict(ElementEvent.objects.filter(element=element).values_list("date", "kind"))
    if events.pop(date, None) is None:
        raise ValidationError({"date": f"{element.name} has no event on {date.isoformat()}."})
    return element_events_set(actor=actor, element=element, events=list(events.items()))


def _event_list(events: dict[datetime.date, str]) -> list[str]:
    """Events as audit-readable strings: '2027-04-05 TR'."""
    return [f"{day.isoformat()} {kind}" for day, kind in sorted(events.items())]
