"""Writes to call sheets: drafts, their header and calls, re-reading the board, publishing
(the gate, the freeze, what changed for each person) and revising a published version."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from prodoffice.audit.services import record
from prodoffice.callsheets import calltimes, gate
from prodoffice.callsheets.choices import SHEET_TRANSITIONS, SheetStatus
from prodoffice.callsheets.diff import changes_for_everyone
from prodoffice.callsheets.models import CallSheet, DepartmentCall, PersonCall
from prodoffice.callsheets.permissions import can_edit_callsheets, can_override_warnings
from prodoffice.callsheets.selectors import draft as drafts
from prodoffice.callsheets.selectors.people import called_rows
from prodoffice.core.services import require, save_changes
from prodoffice.core.transitions import check_transition

HEADER_FIELDS = (
    "general_call",
    "shooting_call",
    "breakfast",
    "lunch",
    "lunch_minutes",
    "estimated_wrap",
    "weather",
    "safety_notes",
    "notes",
    "background",
    "time_zone",
)
_REFUSED = "Only the production office and the assistant directors edit call sheets."
_FROZEN = "Version {v} is published and frozen: revise it to make version {n}."


def _editable(actor, sheet: CallSheet) -> CallSheet:
    """The sheet locked for a change; refused when frozen or not the actor's to edit."""
    require(can_edit_callsheets(actor, sheet.production), _REFUSED)
    locked = CallSheet.objects.select_for_update().get(pk=sheet.pk)
    if locked.is_frozen:
        message = _FROZEN.format(v=locked.version, n=locked.version + 1)
        raise ValidationError({"status": ValidationError(message, code="frozen")})
    return locked


@transaction.atomic
def callsheet_draft(*, actor, production, day: datetime.date, board=None) -> CallSheet:
    """The day's draft: the open one, or a new one read from the board (next version number)."""
    require(can_edit_callsheets(actor, production), _REFUSED)
    board = board or drafts.board_for(production)
    existing = CallSheet.objects.filter(
        production=production, date=day, status=SheetStatus.DRAFT
    ).first()
    if existing is not None:
        return existing
    latest = CallSheet.objects.filter(production=production, date=day).order_by("-version").first()
    draft = drafts.build_draft(production=production, day=day, board=board)
    sheet = CallSheet(
        production=production,
        board=board,
        date=day,
        shoot_day=draft["shoot_day"],
        shoot_days=draft["shoot_days"],
        version=latest.version + 1 if latest else 1,
        time_zone=production.time_zone,
        board_fingerprint=draft["board"]["fingerprint"],
        previous=latest,
    )
    if latest is not None:
        for name in HEADER_FIELDS:
            setattr(sheet, name, getattr(latest, name))
    sheet.full_clean()
    sheet.save()
    if latest is not None:
        _copy_manual_rows(latest, sheet)
    _sync_rows(sheet, drafts.build_draft(production=production, day=day, board=board, sheet=sheet))
    record(
        actor=actor,
        action="callsheet.draft",
        target=sheet,
        production=production,
        changes={"version": [None, sheet.version]},
    )
    return sheet


def _copy_manual_rows(source: CallSheet, target: CallSheet) -> None:
    """A revision starts with the previous version's hand-set calls."""
    DepartmentCall.objects.bulk_create(
        DepartmentCall(
            sheet=target, department_id=row.department_id, offset=row.offset, manual=True
        )
        for row in DepartmentCall.objects.filter(sheet=source, manual=True)
    )
    PersonCall.objects.bulk_create(
        PersonCall(
            sheet=target,
            engagement_id=row.engagement_id,
            kind=row.kind,
            offset=row.offset,
            manual=True,
            pickup=row.pickup,
            makeup=row.makeup,
            wardrobe=row.wardrobe,
            on_set=row.on_set,
            note=row.note,
        )
        for row in PersonCall.objects.filter(sheet=source, manual=True)
    )


def _sync_rows(sheet: CallSheet, draft: dict) -> None:
    """The sheet's personal rows follow the draft; hand-set rows stay as they are."""
    wanted = {row["engagement_pk"]: row for row in called_rows(draft)}
    rows = {row.engagement_id: row for row in PersonCall.objects.filter(sheet=sheet)}
    gone = [pk for pk, row in rows.items() if pk not in wanted and not row.manual]
    PersonCall.objects.filter(sheet=sheet, engagement_id__in=gone).delete()
    changed = []
    for pk, row in rows.items():
        if pk not in wanted:
            continue
        offset = row.offset if row.manual else wanted[pk]["offset"]
        wrap = row.wrap if row.wrap_manual else wanted[pk]["wrap"]
        if (row.offset, row.wrap) != (offset, wrap):
            row.offset, row.wrap = offset, wrap
            changed.append(row)
    PersonCall.objects.bulk_update(changed, ["offset", "wrap"])
    PersonCall.objects.bulk_create(
        PersonCall(
            sheet=sheet,
            engagement_id=pk,
            kind=row["kind"],
            offset=row["offset"],
            wrap=row["wrap"],
        )
        for pk, row in wanted.items()
        if pk not in rows
    )


@transaction.atomic
def callsheet_refresh(*, actor, sheet: CallSheet) -> CallSheet:
    """Re-read the board into a draft: new scenes, people and times; manual edits kept."""
    sheet = _editable(actor, sheet)
    board = sheet.board or drafts.board_for(sheet.production)
    draft = drafts.build_draft(
        production=sheet.production, day=sheet.date, board=board, sheet=sheet
    )
    before = sheet.board_fingerprint
    sheet.board, sheet.board_fingerprint = board, draft["board"]["fingerprint"]
    sheet.shoot_day, sheet.shoot_days = draft["shoot_day"], draft["shoot_days"]
    sheet.save(
        update_fields=["board", "board_fingerprint", "shoot_day", "shoot_days", "updated_at"]
    )
    _sync_rows(sheet, draft)
    record(
        actor=actor,
        action="callsheet.refresh",
        target=sheet,
        production=sheet.production,
        changes={"board_fingerprint": [before[:12], sheet.board_fingerprint[:12]]},
    )
    return sheet


@transaction.atomic
def callsheet_update(*, actor, sheet: CallSheet, values: dict) -> CallSheet:
    """The header of a draft: times, weather, safety notes, notes, background, time zone."""
    sheet = _editable(actor, sheet)
    late = "general_call" in values and values["general_call"] != sheet.general_call
    changes = save_changes(sheet, values, HEADER_FIELDS)
    if changes:
        message = _late_message(actor, sheet) if late else ""
        record(
            actor=actor,
            action="callsheet.update",
            target=sheet,
            production=sheet.production,
            changes=changes,
            message=message,
        )
    return sheet


def _after_cutoff(sheet: CallSheet) -> bool:
    rules = drafts.settings_for(sheet.production)
    return timezone.now() >= gate.cutoff_at(sheet, rules)


def _late_message(actor, sheet: CallSheet) -> str:
    return "Changed after the call-change cutoff." if _after_cutoff(sheet) else ""


@transaction.atomic
def call_set(
    *,
    actor,
    sheet: CallSheet,
    engagement,
    offset: int | None = None,
    at: datetime.time | None = None,
    note: str = "",
) -> PersonCall:
    """Set one person's call by hand (minutes from general call, or a wall-clock time)."""
    sheet = _editable(actor, sheet)
    row = PersonCall.objects.filter(sheet=sheet, engagement=engagement).first()
    if row is None:
        raise ValidationError({"engagement": "This person is not called on this sheet."})
    if offset is None and at is None:
        raise ValidationError({"call": "Give the call as HH:MM or as minutes from general call."})
    if offset is None:
        offset = calltimes.offset_of(sheet.date, sheet.general_call, sheet.time_zone, at)
    before = row.offset
    row.offset, row.manual, row.note = offset, True, note
    row.changed_by = actor if getattr(actor, "is_authenticated", False) else None
    row.changed_at, row.after_cutoff = timezone.now(), _after_cutoff(sheet)
    row.full_clean(exclude=["sheet", "engagement"])
    row.save()
    record(
        actor=actor,
        action="callsheet.call_set",
        target=sheet,
        production=sheet.production,
        changes={"call": [before, offset]},
        message=("After the cutoff: " if row.after_cutoff else "") + str(engagement.person),
    )
    return row


@transaction.atomic
def call_wrap_set(*, actor, sheet: CallSheet, engagement, at: datetime.time | None) -> PersonCall:
    """Set when one person is dismissed (their personal wrap, read by the next day's rest
    check), or with no time back to the computed one (a performer's last scene's end)."""
    sheet = _editable(actor, sheet)
    row = PersonCall.objects.filter(sheet=sheet, engagement=engagement).first()
    if row is None:
        raise ValidationError({"engagement": "This person is not called on this sheet."})
    before = row.wrap
    if at is None:
        row.wrap_manual = False
        row.save(update_fields=["wrap_manual"])
        _sync_rows(
            sheet,
            drafts.build_draft(
                production=sheet.production, day=sheet.date, board=sheet.board, sheet=sheet
            ),
        )
        row.refresh_from_db()
    else:
        wrap = calltimes.offset_of(sheet.date, sheet.general_call, sheet.time_zone, at)
        if wrap <= row.offset:
            wrap += 24 * 60  # dismissed after midnight
        row.wrap, row.wrap_manual = wrap, True
        row.full_clean(exclude=["sheet", "engagement"])
        row.save(update_fields=["wrap", "wrap_manual"])
    record(
        actor=actor,
        action="callsheet.wrap_set",
        target=sheet,
        production=sheet.production,
        changes={"wrap": [before, row.wrap]},
        message=str(engagement.person),
    )
    return row


@transaction.atomic
def call_reset(*, actor, sheet: CallSheet, engagement) -> None:
    """Back to the computed call (the next re-read sets it)."""
    sheet = _editable(actor, sheet)
    PersonCall.objects.filter(sheet=sheet, engagement=engagement).update(manual=False, note="")
    _sync_rows(
        sheet,
        drafts.build_draft(
            production=sheet.production, day=sheet.date, board=sheet.board, sheet=sheet
        ),
    )
    record(
        actor=actor,
        action="callsheet.call_reset",
        target=sheet,
        production=sheet.production,
        message=str(engagement.person),
    )


@transaction.atomic
def department_call_set(*, actor, sheet: CallSheet, department, offset: int) -> DepartmentCall:
    """A department's call on this sheet, as minutes from general call."""
    sheet = _editable(actor, sheet)
    if not -24 * 60 <= offset <= 24 * 60:
        raise ValidationError({"offset": "Give at most 24 hours (1440 minutes) either way."})
    row, _ = DepartmentCall.objects.update_or_create(
        sheet=sheet, department=department, defaults={"offset": offset, "manual": True}
    )
    _sync_rows(
        sheet,
        drafts.build_draft(
            production=sheet.production, day=sheet.date, board=sheet.board, sheet=sheet
        ),
    )
    record(
        actor=actor,
        action="callsheet.department_call",
        target=sheet,
        production=sheet.production,
        changes={department.slug: [None, offset]},
    )
    return row


@transaction.atomic
def callsheet_publish(*, actor, sheet: CallSheet, override_reason: str = "") -> CallSheet:
    """Publish a draft: the gate, then the frozen snapshot bound to the board's state, and what
    changed for each person since the last published version."""
    sheet = _editable(actor, sheet)
    board = sheet.board or drafts.board_for(sheet.production)
    draft = drafts.build_draft(
        production=sheet.production, day=sheet.date, board=board, sheet=sheet
    )
    _gate(actor, sheet, draft["warnings"], override_reason.strip())
    previous = CallSheet.objects.filter(
        production=sheet.production, date=sheet.date, status=SheetStatus.PUBLISHED
    ).first()
    draft["changes"] = changes_for_everyone(previous.snapshot if previous else None, draft)
    draft["status"] = SheetStatus.PUBLISHED
    if previous is not None:
        check_transition(SHEET_TRANSITIONS, previous.status, SheetStatus.SUPERSEDED)
        CallSheet.objects.filter(pk=previous.pk).update(status=SheetStatus.SUPERSEDED)
    check_transition(SHEET_TRANSITIONS, sheet.status, SheetStatus.PUBLISHED)
    sheet.status, sheet.snapshot, sheet.published_at = SheetStatus.PUBLISHED, draft, timezone.now()
    sheet.published_by = actor if getattr(actor, "is_authenticated", False) else None
    sheet.board, sheet.board_fingerprint = board, draft["board"]["fingerprint"]
    sheet.override_reason = override_reason.strip() if draft["warnings"] else ""
    sheet.save()
    _sync_rows(sheet, draft)
    record(
        actor=actor,
        action="callsheet.publish",
        target=sheet,
        production=sheet.production,
        changes={"status": [SheetStatus.DRAFT, SheetStatus.PUBLISHED]},
        message=f"Override: {sheet.override_reason}" if sheet.override_reason else "",
    )
    return sheet


def _gate(actor, sheet, warnings: list[str], reason: str) -> None:
    """Open warnings need the production manager's override with a reason."""
    if not warnings:
        return
    if not reason:
        text = f"{len(warnings)} open warning(s): " + " ".join(warnings)
        raise ValidationError({"override_reason": ValidationError(text, code="warnings")})
    if not can_override_warnings(actor, sheet.production):
        raise ValidationError(
            {
                "override_reason": ValidationError(
                    "Only the production manager publishes over open warnings.", code="override"
                )
            }
        )


@transaction.atomic
def callsheet_revise(*, actor, sheet: CallSheet) -> CallSheet:
    """A change to a published version: the next version's draft (manual calls carried)."""
    require(can_edit_callsheets(actor, sheet.production), _REFUSED)
    if sheet.status == SheetStatus.DRAFT:
        raise ValidationError({"status": "This is a draft already: edit it."})
    return callsheet_draft(
        actor=actor, production=sheet.production, day=sheet.date, board=sheet.board
    )
