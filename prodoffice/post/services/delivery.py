"""Every write of deliverables: schedules from the template, status moves, delivered files."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from prodoffice.audit.services import record
from prodoffice.core.services import integrity_as_validation, require, save_changes, validate
from prodoffice.core.transitions import check_transition
from prodoffice.locations.uploads import _HTML_MARKERS, check_filename
from prodoffice.post.choices import DELIVERABLE_TRANSITIONS, DeliverableStatus, TaskKind
from prodoffice.post.models import Deliverable, DeliverySchedule, PostTask
from prodoffice.post.permissions import can_manage_post
from prodoffice.post.templates_catalogue import DELIVERY_TEMPLATE, PER_LANGUAGE

_REFUSED = "Only the production office and post supervisors manage deliveries."
#: The pipeline task answerable for a kind of deliverable.
RESPONSIBLE = {
    "picture_master": TaskKind.MASTERING,
    "textless_master": TaskKind.MASTERING,
    "me_stems": TaskKind.MIX,
    "qc_report": TaskKind.QC,
    "music_cue_sheet": TaskKind.MUSIC,
}
MAX_FILE = 200 * 1024 * 1024


def _items(schedule: DeliverySchedule, languages) -> list[Deliverable]:
    tasks = {t.kind: t for t in PostTask.objects.filter(production_id=schedule.production_id)}
    rows = [(kind, "", days) for kind, days in DELIVERY_TEMPLATE]
    rows += [(kind, lang, days) for lang in languages for kind, days in PER_LANGUAGE]
    items = []
    for kind, language, days in rows:
        item = Deliverable(
            schedule=schedule,
            kind=kind,
            language=language,
            due_date=schedule.due - datetime.timedelta(days=days),
            task=tasks.get(RESPONSIBLE.get(kind)),
        )
        validate(item, exclude=["schedule"])
        items.append(item)
    return items


@transaction.atomic
def schedule_create(
    *, actor, production, territory: str, due, distributor: str = "", languages=()
) -> DeliverySchedule:
    """A territory's delivery schedule with the template's items (and per-language ones)."""
    require(can_manage_post(actor, production), _REFUSED)
    languages = list(dict.fromkeys(code.strip() for code in languages if code.strip()))
    schedule = DeliverySchedule(production=production)
    values = {
        "territory": (territory or "").strip(),
        "distributor": distributor.strip(),
        "due": due,
    }
    with integrity_as_validation(f"There is already a schedule for {territory} {distributor}."):
        save_changes(schedule, values, ("territory", "distributor", "due"))
    try:
        Deliverable.objects.bulk_create(_items(schedule, languages))
    except ValidationError as exc:
        raise ValidationError({"languages": exc.messages}) from exc
    record(
        actor=actor,
        action="delivery.create",
        target=schedule,
        production=production,
        message=f"{len(languages)} language(s)",
    )
    return schedule


@transaction.atomic
def deliverable_add(
    *, actor, schedule: DeliverySchedule, kind: str, language: str = "", due_date=None
) -> Deliverable:
    """One more item on a schedule (a language decided after the schedule was made); due as the
    template says unless given. The same kind and language twice is refused."""
    production = schedule.production
    require(can_manage_post(actor, production), _REFUSED)
    days = dict(DELIVERY_TEMPLATE + PER_LANGUAGE).get(kind, 0)
    if schedule.deliverables.filter(kind=kind, language__iexact=(language or "").strip()).exists():
        raise ValidationError({"kind": f"{schedule} already has this deliverable."})
    item = Deliverable(
        schedule=schedule,
        kind=kind,
        language=(language or "").strip(),
        due_date=due_date or schedule.due - datetime.timedelta(days=days),
        task=PostTask.objects.filter(production=production, kind=RESPONSIBLE.get(kind)).first(),
    )
    validate(item)
    with integrity_as_validation(f"{schedule} already has {item}."):
        item.save()
    record(actor=actor, action="deliverable.add", target=item, production=production)
    return item


@transaction.atomic
def deliverable_set_status(*, actor, deliverable: Deliverable, status: str) -> Deliverable:
    """Move a deliverable along its transition table."""
    production = deliverable.schedule.production
    require(can_manage_post(actor, production), _REFUSED)
    deliverable = Deliverable.objects.select_for_update().get(pk=deliverable.pk)
    check_transition(DELIVERABLE_TRANSITIONS, deliverable.status, status)
    old, deliverable.status = deliverable.status, status
    deliverable.save(update_fields=["status", "updated_at"])
    record(
        actor=actor,
        action="deliverable.status",
        target=deliverable,
        production=production,
        changes={"status": [old, status]},
    )
    return deliverable


@transaction.atomic
def deliverable_attach(*, actor, deliverable: Deliverable, data: bytes, filename: str) -> Any:
    """Keep the delivered file with its SHA-256 and mark the item delivered."""
    production = deliverable.schedule.production
    require(can_manage_post(actor, production), _REFUSED)
    # Callers may pass a path (the languages desk passes its stored name): its last part is kept.
    filename = check_filename(filename.replace("\\", "/").rsplit("/", 1)[-1])
    if not data:
        raise ValidationError({"file": f"{filename} is empty (0 bytes)."})
    if len(data) > MAX_FILE:
        raise ValidationError({"file": f"{filename} is larger than 200 MB."})
    if any(marker in data[:2048].lower() for marker in _HTML_MARKERS):
        raise ValidationError({"file": f"{filename} carries HTML markup; it is refused."})
    deliverable = Deliverable.objects.select_for_update().get(pk=deliverable.pk)
    deliverable.file.save("deliverable.bin", ContentFile(data), save=False)
    deliverable.file_name = filename
    deliverable.sha256 = hashlib.sha256(data).hexdigest()
    if deliverable.status in (
        DeliverableStatus.MISSING,
        DeliverableStatus.IN_PROGRESS,
        DeliverableStatus.REJECTED,
    ):
        deliverable.status = DeliverableStatus.DELIVERED
    deliverable.save()
    record(
        actor=actor,
        action="deliverable.file",
        target=deliverable,
        production=production,
        message=deliverable.sha256,
    )
    return deliverable
