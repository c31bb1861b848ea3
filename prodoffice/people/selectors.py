"""A person's own data: the export of all of it (S-14), and what its erasure (S-15,
`services.person_erase`) deletes and keeps.

Both walk the relations of the database itself, not a list kept by hand, so a model that a new app
links to a person, their engagements or their account is covered the day it is written:

- **Export** (`person_data_export`): the person's record with its private fields, then every row
  that points at the person, at one of their engagements or at their account, each with its own
  fields. A link to another object is written as that object's name, except a link to another
  person or account, which is left out (the export holds nothing of others); secrets (tokens,
  keys, hashes, passwords) and the audit log are left out too. The person and their production's
  office may ask for it.
- **Erasure** (`person_erase`): the office of every production the person worked on (or a site
  administrator) anonymises the record: name, contacts, address, identity documents, birth date,
  biography; the rows the person owns outright (union cards, languages, credits, agents, company
  contacts, calendar feed links: the relations that are deleted with a person) are deleted; the
  account is switched off, renamed and stripped of its password, sessions, tokens and second
  factor. What the production must keep stays, bound to the anonymised record, and the erasure
  names it: engagements (pay records, without their notes), contracts (signed ones are kept under
  legal hold: executed copies cannot change, and with the account off only the office opens
  them), paperwork such as releases and permits (the paperwork retention rule), language and voice
  roles. A person still engaged (prospect, offered or confirmed) is refused: release or wrap them
  first. The audit event records the basis given; audit pages name the person by the anonymised
  record from then on.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone

from prodoffice.accounts import permissions as perms
from prodoffice.audit.services import record
from prodoffice.people.models import Person

# Productions lie above people (STYLE.md import direction): reach their models through relations.
Engagement = Person._meta.get_field("engagements").related_model

#: Field names never exported: secrets that would let someone act as the person.
SECRET_WORDS = ("token", "secret", "password", "key", "hash", "otp", "digest", "nonce")
#: Models never exported row by row: the audit trail (evidence of the office's acts, with other
#: people's changes in it), admin and API plumbing, second-factor devices.
SKIPPED_MODELS = {
    "audit.auditevent",
    "admin.logentry",
    "api.idempotentrequest",
    "authtoken.token",
    "authtoken.tokenproxy",
    "otp_totp.totpdevice",
    "contracts.contractevent",
}
#: Engagement statuses during which erasure is refused (prospect, offered, confirmed).
LIVE = ("prospect", "offered", "confirmed")
BASIS_MAX = 2000


def _is_secret(name: str) -> bool:
    return any(word in name.lower() for word in SECRET_WORDS)


def _value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None
    return value


def _row(obj: models.Model, subject: Person, user) -> dict[str, Any]:
    """One row's own fields; links by name, never to another person or account."""
    row: dict[str, Any] = {}
    user_model = get_user_model()
    for field in obj._meta.concrete_fields:
        name = field.name
        if _is_secret(name) or name in ("id",):
            continue
        if field.is_relation:
            target_id = getattr(obj, field.attname)
            if target_id is None:
                continue
            if field.related_model is Person:
                if target_id == subject.pk:
                    row[name] = "(you)"
                continue
            if field.related_model is user_model:
                if user is not None and target_id == user.pk:
                    row[name] = "(you)"
                continue
            if (
                field.related_model is Engagement
                and not Engagement.objects.filter(pk=target_id, person=subject).exists()
            ):
                continue
            row[name] = str(getattr(obj, name))
        elif isinstance(field, models.FileField):
            file = getattr(obj, name)
            row[name] = file.name.rsplit("/", 1)[-1] if file else None
        else:
            row[name] = _value(getattr(obj, name))
    return row


def links_to(target: type[models.Model]):
    """(model, field) of every concrete foreign key or one-to-one pointing at `target`."""
    for model in apps.get_models():
        if model._meta.label_lower in SKIPPED_MODELS:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is target:
                yield model, field
        for field in model._meta.local_many_to_many:
            if field.related_model is target:
                yield model, field


#: Links that point at the person but whose rows are someone else's: another person's engagement
#: reporting to them, another person's representation by them as agent, the production's
#: call-sheet settings naming who receives confirmations.
NOT_THEIRS = {
    ("productions.engagement", "reports_to"),
    ("people.representation", "agent"),
    ("callsheets.callsettings", "confirm_to"),
}


def personal_rows(person: Person):
    """(model, field, queryset) of every kind of row that is the person's own: pointing at the
    person, at one of their engagements, or at their account as its owner (a field named
    `user`; fields such as `created_by` or `approved_by` record acts of staff, not their data)."""
    user_model = get_user_model()
    engagement_ids = list(Engagement.objects.filter(person=person).values_list("pk", flat=True))
    sources = [(Person, [person.pk]), (Engagement, engagement_ids)]
    if person.user_id is not None:
        sources.append((user_model, [person.user_id]))
    for target, ids in sources:
        if not ids:
            continue
        for model, field in links_to(target):
            if model is Person or (model._meta.label_lower, field.name) in NOT_THEIRS:
                continue
            if target is user_model and field.name != "user":
                continue
            yield model, field, model._default_manager.filter(**{f"{field.name}__in": ids})


def _require_self_or_office(actor, person: Person) -> None:
    if actor is None or actor.is_superuser:
        return
    if not perms.can_view_private_person(actor, person):
        raise PermissionDenied("Only the person and the office of their productions see this.")


def person_data_export(*, actor, person: Person) -> dict[str, Any]:
    """Everything prodoffice holds about a person, and nothing of anyone else (S-14)."""
    _require_self_or_office(actor, person)
    user = person.user
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "person": {"public_id": str(person.public_id), **_row(person, person, user)},
        "account": None,
        "records": {},
    }
    if user is not None:
        data["account"] = {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _value(user.date_joined),
            "last_login": _value(user.last_login),
            "is_active": user.is_active,
        }
    records: dict[str, list] = {}
    seen: set[tuple[str, int]] = set()
    for model, _field, rows in personal_rows(person):
        label = model._meta.verbose_name_plural.capitalize()
        for obj in rows.distinct().order_by("pk"):
            key = (model._meta.label_lower, obj.pk)
            if key not in seen:
                seen.add(key)
                records.setdefault(label, []).append(_row(obj, person, user))
    data["records"] = dict(sorted(records.items()))
    record(actor=actor, action="person.export", target=person)
    return data


def _productions_of(person: Person) -> set[int]:
    ids = set(Engagement.objects.filter(person=person).values_list("production_id", flat=True))
    if person.home_production_id:
        ids.add(person.home_production_id)
    return ids


def require_eraser(actor, person: Person) -> None:
    if actor is None or actor.is_superuser:
        return
    if perms.is_self(actor, person):
        raise PermissionDenied(
            "Ask the production office to erase your data: it checks what the law requires "
            "the production to keep."
        )
    productions = _productions_of(person)
    if not productions or not all(perms.is_office(actor, p) for p in productions):
        raise PermissionDenied(
            "Only the office of every production this person worked on may erase their data."
        )


def may_erase(user, person: Person) -> bool:
    """Whether the user may erase the person (the check `person_erase` makes first)."""
    try:
        require_eraser(user, person)
    except PermissionDenied:
        return False
    return user is not None


def owned(field) -> bool:
    """Whether rows linked by `field` belong to the person outright (deleted with them)."""
    return not field.many_to_many and field.remote_field.on_delete is models.CASCADE


def owned_rows(person: Person) -> list[str]:
    """The rows deleted with the person, in words (a preview of the erasure)."""
    found = []
    for model, field, rows in personal_rows(person):
        if field.related_model is Person and owned(field):
            count = rows.count()
            if count:
                found.append(f"{count} {model._meta.verbose_name_plural}")
    return found


def engaged(person: Person) -> list[str]:
    """The person's live engagements (prospect, offered, confirmed), which block an erasure."""
    live = (
        Engagement.objects.filter(person=person, status__in=LIVE)
        .select_related("production", "position")
        .order_by("production__code")
    )
    return [f"{e.production.code} ({e.position}, {e.get_status_display()})" for e in live]


def erasure_preview(person: Person) -> dict[str, list[str]]:
    """What an erasure would delete and keep, and the engagements that block it."""
    deleted = owned_rows(person)
    if person.user_id:
        deleted.append("the account's sign-in, sessions, API token and second factor")
    return {"deleted": deleted, "kept": kept_rows(person), "live": engaged(person)}


def kept_rows(person: Person) -> list[str]:
    """What stays (bound to the anonymised record), in words: the rows the production keeps."""
    kept: dict[str, int] = {}
    user_model = get_user_model()
    for model, field, rows in personal_rows(person):
        if field.many_to_many or model is user_model or field.name == "user":
            continue
        if field.related_model is Person and owned(field):
            continue  # the person's own: deleted
        count = rows.count()
        if count:
            meta = model._meta
            kept[meta.verbose_name if count == 1 else meta.verbose_name_plural] = count
    return [f"{n} {noun}" for noun, n in sorted(kept.items())]
