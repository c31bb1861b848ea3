"""The audit sentences of locations' actions."""

from __future__ import annotations

from prodoffice.audit.describe import Event, register, register_target, updated
from prodoffice.core import display

register_target("locations.location", str)


def _set_assign(event: Event) -> str:
    if not event.changes:
        return f"changed which sets are shot at {event.target}"
    change = event.changes[0]
    name = change.field
    if change.new == display.UNKNOWN:
        return f"took the set {name} off {change.old}"
    return f"set the location of the set {name} to {change.new}"


register(
    {
        "location.create": "added the location {target}",
        "location.update": updated("location"),
        "location.unavailability_add": "marked {target} unavailable {new[unavailable]}",
        "location.unavailability_remove": "made {target} available again {old[unavailable]}",
        "location.set_assign": _set_assign,
    }
)
