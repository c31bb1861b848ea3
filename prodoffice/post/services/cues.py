"""Every write of ADR cues and VFX shots: items with a record range against a cut version."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.audit.services import record
from prodoffice.core.services import integrity_as_validation, require, save_changes
from prodoffice.post.choices import CueStatus
from prodoffice.post.models import AdrCue, CutVersion, VfxShot
from prodoffice.post.permissions import can_manage_post

_REFUSED = "Only the production office and post supervisors manage ADR cues and VFX shots."
COMMON_FIELDS = ("cut_version", "record_in", "record_out", "status", "notes")
CUE_FIELDS = ("cue", "character", "engagement", "line", *COMMON_FIELDS)
SHOT_FIELDS = ("shot", "description", "vendor", *COMMON_FIELDS)


def _check_range(production, values) -> None:
    version = values.get("cut_version")
    if not isinstance(version, CutVersion) or version.cut.production_id != production.pk:
        raise ValidationError({"cut_version": "Choose a cut version of this production."})
    record_in, record_out = values.get("record_in"), values.get("record_out")
    for name, value in (("record_in", record_in), ("record_out", record_out)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValidationError({name: "Give a frame number (0 or more)."})
    if record_out <= record_in:
        raise ValidationError({"record_out": "The range ends before it starts."})
    if record_out > version.duration_frames:
        raise ValidationError(
            {
                "record_out": f"{version} is {version.duration_frames} frames long; "
                f"the range ends at {record_out}."
            }
        )


def _create(model, fields, action, *, actor, production, values) -> Any:
    require(can_manage_post(actor, production), _REFUSED)
    _check_range(production, values)
    engagement = values.get("engagement")
    if engagement is not None and engagement.production_id != production.pk:
        raise ValidationError({"engagement": "The performer is engaged on another production."})
    item = model(production=production)
    label = values.get("cue") or values.get("shot") or ""
    with integrity_as_validation(f"There is already an item with the id {label}."):
        save_changes(item, values, fields)
    record(actor=actor, action=action, target=item, production=production)
    return item


@transaction.atomic
def cue_create(*, actor, production, **values: Any) -> AdrCue:
    """An ADR cue: cue id, character, performer (engagement), record range, status."""
    return _create(AdrCue, CUE_FIELDS, "cue.create", actor=actor, production=production,
                   values=values)  # fmt: skip


@transaction.atomic
def shot_create(*, actor, production, **values: Any) -> VfxShot:
    """A VFX shot: shot id, description, vendor, record range, status."""
    return _create(VfxShot, SHOT_FIELDS, "shot.create", actor=actor, production=production,
                   values=values)  # fmt: skip


@transaction.atomic
def item_set_status(*, actor, item: AdrCue | VfxShot, status: str) -> AdrCue | VfxShot:
    """Move a cue or shot to another status; marking it done also clears its conform flag."""
    require(can_manage_post(actor, item.production), _REFUSED)
    if status not in CueStatus.values:
        raise ValidationError({"status": f"Use one of {', '.join(CueStatus.values)}."})
    item = type(item).objects.select_for_update().get(pk=item.pk)
    if item.status == status:
        raise ValidationError({"status": f"Already {status}."})
    old, item.status = item.status, status
    fields = ["status", "updated_at"]
    if status == CueStatus.DONE and item.needs_conform:
        item.needs_conform = False
        fields.append("needs_conform")
    item.save(update_fields=fields)
    action = "cue.status" if isinstance(item, AdrCue) else "shot.status"
    record(actor=actor, action=action, target=item, production=item.production,
           changes={"status": [old, status]})  # fmt: skip
    return item


@transaction.atomic
def item_update(*, actor, item: AdrCue | VfxShot, **values: Any) -> AdrCue | VfxShot:
    """Change a cue or shot: any of its fields (the range is checked against its cut version).

    A new status goes through `item_set_status`'s rule: done clears the conform flag. So does
    re-spotting a flagged item on the newest version of its cut (a new cut version, with the
    range measured on it): that is what the conform asked for.
    """
    require(can_manage_post(actor, item.production), _REFUSED)
    is_cue = isinstance(item, AdrCue)
    fields = CUE_FIELDS if is_cue else SHOT_FIELDS
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise ValidationError({unknown[0]: "This field cannot be changed here."})
    if "status" in values and values["status"] not in CueStatus.values:
        raise ValidationError({"status": f"Use one of {', '.join(CueStatus.values)}."})
    item = type(item).objects.select_for_update().select_related("production").get(pk=item.pk)
    merged = {name: getattr(item, name) for name in ("cut_version", "record_in", "record_out")}
    merged.update({k: v for k, v in values.items() if k in merged})
    _check_range(item.production, merged)
    engagement = values.get("engagement")
    if engagement is not None and engagement.production_id != item.production_id:
        raise ValidationError({"engagement": "The performer is engaged on another production."})
    label = values.get("cue") or values.get("shot") or ""
    with integrity_as_validation(f"There is already an item with the id {label}."):
        changes = save_changes(item, values, fields)
    if item.needs_conform and (
        (item.status == CueStatus.DONE and "status" in changes)
        or ("cut_version" in changes and _is_newest(item.cut_version))
    ):
        item.needs_conform, item.conform_note = False, ""
        item.save(update_fields=["needs_conform", "conform_note", "updated_at"])
        changes["needs_conform"] = [True, False]
    if changes:
        record(actor=actor, action="cue.update" if is_cue else "shot.update", target=item,
               production=item.production, changes=changes)  # fmt: skip
    return item


def _is_newest(version) -> bool:
    """Whether no later version of the same cut has been imported."""
    return not type(version).objects.filter(cut=version.cut_id, number__gt=version.number).exists()


@transaction.atomic
def item_delete(*, actor, item: AdrCue | VfxShot) -> None:
    """Delete a cue or shot; the audit log keeps its label."""
    require(can_manage_post(actor, item.production), _REFUSED)
    action = "cue.delete" if isinstance(item, AdrCue) else "shot.delete"
    record(actor=actor, action=action, target=item, production=item.production,
           message=str(item))  # fmt: skip
    item.delete()
