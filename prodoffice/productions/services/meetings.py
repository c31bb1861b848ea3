"""Every write to meetings: the kickoff, agenda, attendance, decisions and action items."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from prodoffice.accounts import permissions as perms
from prodoffice.audit.services import record
from prodoffice.core.services import require, save_changes, validate
from prodoffice.core.transitions import check_transition
from prodoffice.productions.choices import (
    MEETING_TRANSITIONS,
    AttendanceStatus,
    EngagementStatus,
    MeetingKind,
    MeetingStatus,
)
from prodoffice.productions.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    Department,
    Engagement,
    Meeting,
    Production,
)

MEETING_FIELDS = ("title", "starts_at", "duration_minutes", "location", "minutes")


def _guard(actor, production_id: int) -> None:
    if actor is not None:
        require(perms.is_office(actor, production_id) or actor.is_superuser)


def kickoff_create(*, actor, production: Production) -> Meeting:
    """The kickoff: every department with confirmed people meets at the office."""
    starts_at = None
    if production.start_date:
        tz = zoneinfo.ZoneInfo(production.time_zone)
        starts_at = datetime.datetime.combine(
            production.start_date, datetime.time(10, 0), tzinfo=tz
        )
    kickoff = Meeting.objects.create(
        production=production,
        kind=MeetingKind.KICKOFF,
        title=f"Kickoff – {production.title}",
        starts_at=starts_at,
        duration_minutes=120,
        location=production.office_address.splitlines()[0]
        if production.office_address
        else "Production office",
    )
    record(actor=actor, action="meeting.create", target=kickoff, production=production)
    kickoff_sync_invitations(production)
    return kickoff


def kickoff_sync_invitations(production: Production) -> int:
    """Invite every confirmed person (and their department) to a kickoff not yet held."""
    kickoff = (
        Meeting.objects.filter(
            production=production, kind=MeetingKind.KICKOFF, status=MeetingStatus.SCHEDULED
        )
        .select_for_update()
        .first()
    )
    if kickoff is None:
        return 0
    confirmed = Engagement.objects.filter(production=production, status=EngagementStatus.CONFIRMED)
    dept_ids = set(confirmed.values_list("position__department_id", flat=True))
    kickoff.invited_departments.add(*dept_ids)
    already = set(kickoff.attendances.values_list("engagement_id", flat=True))
    new = [
        Attendance(meeting=kickoff, engagement_id=e)
        for e in confirmed.values_list("id", flat=True)
        if e not in already
    ]
    Attendance.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def meeting_create(
    *,
    actor,
    production: Production,
    kind: str = MeetingKind.PRODUCTION,
    department_ids=(),
    **values: Any,
) -> Meeting:
    """Call a production meeting; invited departments' confirmed people are invited."""
    _guard(actor, production.pk)
    if kind == MeetingKind.KICKOFF:
        raise ValidationError(
            {"kind": "The kickoff is created with the production; there is only one."}
        )
    if department_ids:
        known = Department.objects.for_production(production).filter(pk__in=department_ids)
        if known.count() != len(set(department_ids)):
            raise ValidationError({"departments": "Unknown department."})
    meeting = Meeting(production=production, kind=kind)
    save_changes(meeting, values, MEETING_FIELDS)
    if meeting.pk is None:
        validate(meeting)
        meeting.save()
    if department_ids:
        meeting.invited_departments.set(department_ids)
        people = Engagement.objects.filter(
            production=production, status="confirmed", position__department_id__in=department_ids
        )
        Attendance.objects.bulk_create([Attendance(meeting=meeting, engagement=e) for e in people])
    record(actor=actor, action="meeting.create", target=meeting, production=production)
    return meeting


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, **values: Any) -> Meeting:
    """Change a meeting's time, place, title or minutes."""
    _guard(actor, meeting.production_id)
    changes = save_changes(meeting, values, MEETING_FIELDS)
    if changes:
        record(
            actor=actor,
            action="meeting.update",
            target=meeting,
            production=meeting.production_id,
            changes=changes,
        )
    return meeting


@transaction.atomic
def meeting_set_status(*, actor, meeting: Meeting, status: str) -> Meeting:
    """Mark a meeting held or cancelled, by the transition table."""
    _guard(actor, meeting.production_id)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    check_transition(MEETING_TRANSITIONS, meeting.status, status)
    old, meeting.status = meeting.status, status
    meeting.save(update_fields=["status", "updated_at"])
    record(
        actor=actor,
        action="meeting.status",
        target=meeting,
        production=meeting.production_id,
        changes={"status": [old, status]},
    )
    return meeting


@transaction.atomic
def agenda_item_add(
    *, actor, meeting: Meeting, title: str, notes: str = "", department=None
) -> AgendaItem:
    """Add a point to the agenda, at the end."""
    _guard(actor, meeting.production_id)
    if department is not None and department.production_id not in (None, meeting.production_id):
        raise ValidationError({"department": "Unknown department."})
    order = (
        meeting.agenda_items.order_by("-order").values_list("order", flat=True).first() or 0
    ) + 1
    item = AgendaItem(meeting=meeting, title=title, notes=notes, department=department, order=order)
    validate(item)
    item.save()
    record(
        actor=actor,
        action="meeting.agenda_add",
        target=meeting,
        production=meeting.production_id,
        changes={"agenda": [None, title]},
    )
    return item


@transaction.atomic
def decision_add(*, actor, meeting: Meeting, text: str) -> Decision:
    """Record a decision taken in the meeting."""
    _guard(actor, meeting.production_id)
    decision = Decision(meeting=meeting, text=text)
    validate(decision)
    decision.save()
    record(
        actor=actor,
        action="meeting.decision_add",
        target=meeting,
        production=meeting.production_id,
        changes={"decision": [None, text[:200]]},
    )
    return decision


@transaction.atomic
def action_item_add(
    *, actor, meeting: Meeting, text: str, assignee: Engagement | None = None, due_date=None
) -> ActionItem:
    """Assign a task from the meeting to someone on the production."""
    _guard(actor, meeting.production_id)
    if assignee is not None and assignee.production_id != meeting.production_id:
        raise ValidationError({"assignee": "The assignee must be on this production."})
    item = ActionItem(meeting=meeting, text=text, assignee=assignee, due_date=due_date)
    validate(item)
    item.save()
    record(
        actor=actor,
        action="meeting.action_add",
        target=meeting,
        production=meeting.production_id,
        changes={"action": [None, text[:200]]},
    )
    return item


@transaction.atomic
def action_item_set_done(*, actor, item: ActionItem, done: bool) -> ActionItem:
    """Tick an action item off (office staff, or the assignee)."""
    if actor is not None:
        own = item.assignee is not None and perms.is_self(actor, item.assignee.person)
        require(own or perms.is_office(actor, item.meeting.production_id))
    item.done = done
    item.save(update_fields=["done", "updated_at"])
    record(
        actor=actor,
        action="meeting.action_done",
        target=item.meeting,
        production=item.meeting.production_id,
        changes={"done": [not done, done]},
    )
    return item


@transaction.atomic
def attendance_set(*, actor, meeting: Meeting, engagement: Engagement, status: str) -> Attendance:
    """Invite someone, or record whether they came."""
    _guard(actor, meeting.production_id)
    if engagement.production_id != meeting.production_id:
        raise ValidationError({"engagement": "That person is not on this production."})
    if status not in AttendanceStatus.values:
        raise ValidationError({"status": f"Unknown attendance status {status!r}."})
    att, _ = Attendance.objects.get_or_create(meeting=meeting, engagement=engagement)
    old, att.status = att.status, status
    att.save(update_fields=["status", "updated_at"])
    record(
        actor=actor,
        action="meeting.attendance",
        target=meeting,
        production=meeting.production_id,
        changes={str(engagement.person): [old, status]},
    )
    return att


@transaction.atomic
def attendance_mark_all(*, actor, meeting: Meeting, status: str = AttendanceStatus.PRESENT) -> int:
    """Mark everyone still only invited with one status (present, by default), so that only the
    exceptions are left to change; marks already recorded are kept. One audit event lists every
    change. Returns how many were marked."""
    _guard(actor, meeting.production_id)
    if status not in AttendanceStatus.values or status == AttendanceStatus.INVITED:
        raise ValidationError({"status": f"Attendance cannot be marked {status!r} for everyone."})
    # Locked in pk order, so a concurrent single mark waits instead of being overwritten.
    rows = list(
        meeting.attendances.select_for_update()
        .filter(status=AttendanceStatus.INVITED)
        .select_related("engagement__person")
        .order_by("pk")
    )
    if not rows:
        return 0
    Attendance.objects.filter(pk__in=[row.pk for row in rows]).update(
        status=status, updated_at=timezone.now()
    )
    record(
        actor=actor,
        action="meeting.attendance",
        target=meeting,
        production=meeting.production_id,
        changes={str(row.engagement.person): [AttendanceStatus.INVITED, status] for row in rows},
        message=f"{len(rows)} marked {AttendanceStatus(status).label.lower()}",
    )
    return len(rows)
