"""The audit sentences of locations' actions."""

from __future__ import annotations

from prodoffice.audit.describe import Event, register, register_target, updated
from prodoffice.core import display

register_target("locations.location", str)
register_target("locations.document", str)
register_target("locations.jurisdictionrule", str)


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
        "location.day_set": "recorded a day at {target}: {new[day]}",
        "location.day_remove": "removed the day {old[day]} from {target}",
        "location.candidate_add": "considered {target} for a set",
        "location.candidate_remove": "no longer considers {target} for a set",
        "location.photo_add": "added a scouting photo of {target}",
        "location.photo_remove": "removed a scouting photo of {target}",
        "location.candidate_update": "changed the price of {target} as a candidate venue",
        "paperwork.delete": "deleted the document {target} after its retention period",
        "paperwork.file_delete": "deleted a file version of {target} after its retention period",
        "paperwork.create": "drafted the document {target}",
        "paperwork.update": updated("document"),
        "paperwork.transition": "moved {target} from {old[status]} to {new[status]}",
        "paperwork.approve": "approved {target}",
        "paperwork.depend": "made {target} depend on {new[depends_on]}",
        "paperwork.undepend": "made {target} no longer depend on {old[depends_on]}",
        "paperwork.upload": "uploaded a new version of {target}",
        "paperwork.remind": "sent an expiry reminder for {target}",
        "paperwork.digest": "mailed the paperwork digest of {target}",
        "paperwork.rule_create": "added the permit office {target}",
        "paperwork.rule_update": updated("permit office"),
    }
)
