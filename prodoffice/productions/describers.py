"""The audit sentences of productions' actions: the production, its crew list, memberships,
catalogue, meetings, availability, crew imports and exports."""

from __future__ import annotations

import datetime

from prodoffice.audit.describe import (
    Event,
    register,
    register_key,
    register_target,
    register_values,
    status_change,
    updated,
)
from prodoffice.core import display
from prodoffice.productions.choices import AttendanceStatus

register_target("productions.production", lambda p: p.title)
register_target(
    "productions.engagement",
    lambda e: f"{e.person} ({e.position})",
    related=("person", "position"),
)
register_target("productions.department", str)
register_target("productions.position", str)
register_target("productions.meeting", str)
register_values("meeting.attendance", AttendanceStatus)


def day_range(value) -> str:
    """A stored span "2027-04-05..2027-04-09" as "Mon 5 Apr 2027 – Fri 9 Apr 2027"."""
    try:
        start, end = (datetime.date.fromisoformat(p) for p in str(value).split(".."))
    except ValueError:
        return str(value)
    return display.day_span(start, end)


register_key("unavailable", day_range)


def _membership(event: Event) -> str:
    if "role" in event.raw and event.old["role"] != display.UNKNOWN:
        return f"set {event.target}'s role to {event.new['role']}"
    return f"gave {event.target} the role {event.new['role']}"


def _attendance(event: Event) -> str:
    if len(event.changes) == 1:
        change = event.changes[0]
        return f"marked {change.label} {change.new.lower()} at {event.target}"
    statuses = sorted({c.new.lower() for c in event.changes})
    return f"marked {len(event.changes)} people {' or '.join(statuses)} at {event.target}"


def _action_done(event: Event) -> str:
    done = (event.raw.get("done") or [None, True])[-1]
    return f"marked an action item of {event.target} {'done' if done else 'not done'}"


def _countersign(event: Event) -> str:
    allowed = event.raw.get("can_countersign", [None, False])[-1]
    if allowed:
        return f"allowed {event.target} to countersign contracts"
    return f"took the countersign right from {event.target}"


register(
    {
        "production.create": "created the production {target}",
        "production.update": updated("production"),
        "production.phase": status_change("the production"),
        "engagement.create": "added {target} to the crew list",
        "engagement.update": updated("engagement"),
        "engagement.status": "set {target}'s status to {new[status]}",
        "engagement.experience_warning": "flagged {target}: {message}",
        "membership.set": _membership,
        "membership.remove": "removed {target} ({old[role]}) from the production",
        "membership.countersign": _countersign,
        "department.create": "added the department {target}",
        "department.update": updated("department"),
        "position.create": "added the position {target}",
        "position.update": updated("position"),
        "meeting.create": "scheduled the meeting {target}",
        "meeting.update": updated("meeting"),
        "meeting.status": "set the status of the meeting {target} to {new[status]}",
        "meeting.agenda_add": "added “{new[agenda]}” to the agenda of {target}",
        "meeting.decision_add": "recorded a decision in {target}: {new[decision]}",
        "meeting.action_add": "added the action item “{new[action]}” in {target}",
        "meeting.action_done": _action_done,
        "meeting.attendance": _attendance,
        "unavailability.add": "marked {target} unavailable {new[unavailable]}",
        "unavailability.remove": "made {target} available again {old[unavailable]}",
        "crew.import": "imported the crew list of {target}: {message}",
        "crew.export": "exported the crew list of {target} ({message})",
    },
    quiet={
        "engagement.experience_warning",
        "membership.countersign",
        "unavailability.add",
        "crew.import",
        "crew.export",
    },
)
