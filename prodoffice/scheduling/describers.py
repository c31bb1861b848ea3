"""The audit sentences of scheduling's actions: script, breakdown, boards and strips, calendar,
feeds, USS interchange and optimizer runs."""

from __future__ import annotations

import re

from prodoffice.audit.describe import Event, register, register_key, register_target, updated
from prodoffice.scheduling.models import StripKind


def strip_name(strip) -> str:
    """A strip by what it holds: "the strip of scene 12", "the day break strip"."""
    if strip.kind == StripKind.SCENE:
        return f"the strip of scene {strip.scene.number}" if strip.scene_id else "a scene strip"
    return f"the {strip.get_kind_display().lower()} strip {strip.text}".strip()


def strip_from_label(label: str) -> str:
    """A removed strip's stored label without its position and internal scene id."""
    text = re.sub(r"^Strip \d+:\s*", "", label or "")
    return "a scene strip" if text.startswith("scene ") or not text else f"the {text} strip"


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def weekday_names(mask) -> str:
    """A working-week bit mask (bit 0 Monday) as "Mon, Tue, Wed, Thu, Fri"."""
    try:
        bits = int(mask)
    except (TypeError, ValueError):
        return str(mask)
    return ", ".join(d for i, d in enumerate(_WEEKDAYS) if bits & (1 << i)) or "none"


register_key("working_weekdays", weekday_names)
register_target("scheduling.script", str)
register_target("scheduling.scene", lambda s: f"scene {s}", hidden={"element"})
register_target("scheduling.element", lambda e: e.name)
register_target("scheduling.breakdowncategory", str)
register_target("scheduling.productioncalendar", lambda c: "the shooting calendar")
register_target(
    "scheduling.board", lambda b: f"the board {b.name}", hidden={"created_from", "optimization"}
)
register_target("scheduling.strip", strip_name, from_label=strip_from_label, related=("scene",))
register_target("scheduling.feedtoken", lambda f: str(f).lower())
register_target(
    "scheduling.optimizationrun",
    lambda r: f"the optimization of {r.board.name}",
    from_label=lambda label: re.sub(r"\s*\([a-z_]+\)$", "", label).replace(
        "Optimization", "the optimization", 1
    ),
    hidden={"settings"},
    related=("board",),
)


def _boneyard(event: Event) -> str:
    to_boneyard = (event.raw.get("in_boneyard") or [None, True])[-1]
    return f"moved {event.target} {'to the boneyard' if to_boneyard else 'back onto the board'}"


def _reorder(event: Event) -> str:
    count = event.raw.get("strips")
    return (
        f"put the {count} strips of {event.target} in a new order"
        if count
        else (f"put the strips of {event.target} in a new order")
    )


def _breaks(event: Event) -> str:
    days = len(event.raw.get("day_ends") or [])
    banners = len(event.raw.get("banners") or [])
    parts = [f"{days} day break{'s' if days != 1 else ''}"]
    if banners:
        parts.append(f"{banners} banner{'s' if banners != 1 else ''}")
    return f"inserted {' and '.join(parts)} into {event.target}"


def _finish(event: Event) -> str:
    return f"finished {event.target}: {event.new['status'].lower()}"


register(
    {
        "script.import": "imported {target}",
        "uss.import": "imported a USS file into {target}",
        "uss.export": "exported the schedule as a USS file",
        "breakdown.categories_seed": "added the standard breakdown categories: {message}",
        "breakdown.category_update": updated("category"),
        "breakdown.element_create": "added the element {target}",
        "breakdown.element_update": updated("element"),
        "breakdown.element_cast_set": "set who plays {target} to {new[engagement]}",
        "breakdown.element_review": "marked {target} as reviewed",
        "breakdown.element_merge": "merged another element into {target}",
        "breakdown.element_events": "changed the travel, fitting and rehearsal days of {target}",
        "breakdown.scene_element_add": "added an element to {target}",
        "breakdown.scene_element_remove": "removed an element from {target}",
        "breakdown.suggestion_dismiss": "dismissed a breakdown suggestion in {target}",
        "calendar.set": "set up the shooting calendar",
        "board.create": "created {target}",
        "board.copy": "copied a board into {target}",
        "board.delete": "deleted {target}",
        "board.rename": "renamed {target} (was {old[name]})",
        "board.set_working": "made {target} the working board",
        "board.palette": "changed the strip colours of {target}",
        "board.follow_draft": "brought {target} up to date with the script",
        "board.add_unplaced": "added the unplaced scenes to {target}",
        "board.reorder": _reorder,
        "board.breaks_insert": _breaks,
        "strip.move": "moved {target}",
        "strip.day_break": "inserted a day break",
        "strip.banner": "inserted {target}",
        "strip.remove": "removed {target}",
        "strip.to_boneyard": _boneyard,
        "strip.from_boneyard": _boneyard,
        "feed.create": "created {target}",
        "feed.revoke": "revoked {target}",
        "optimization.start": "started {target}",
        "optimization.stop": "stopped {target}",
        "optimization.finish": _finish,
        "optimization.accept": "accepted {target} as a new board",
        "optimization.discard": "discarded {target}",
    },
    quiet={"breakdown.categories_seed"},
)
