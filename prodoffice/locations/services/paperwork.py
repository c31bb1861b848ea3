"""Writes of the paperwork desk: documents, their status transitions, the production manager's
approval, dependencies between documents, and the permit offices' rules.

Production assistants (the office) draft, apply and upload; only the production manager
approves, and a second approval is refused. Each document's apply-by date follows from its
permit office's rule and the first date it covers, recomputed whenever either changes.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from prodoffice.audit.services import record
from prodoffice.core.services import assign, require, save_changes, validate
from prodoffice.core.transitions import check_transition
from prodoffice.locations.choices import TRANSITIONS, DocumentStatus
from prodoffice.locations.models import Document, JurisdictionRule
from prodoffice.locations.permissions import (
    can_approve_paperwork,
    can_draft_paperwork,
    can_manage_rule,
)
from prodoffice.locations.rules import apply_window

DOCUMENT_FIELDS = (
    "kind",
    "title",
    "issuer",
    "reference",
    "effective_date",
    "expiry_date",
    "covers_start",
    "covers_end",
    "hours_start",
    "hours_end",
    "activities",
    "fee",
    "currency",
    "insurance_limit",
    "insured_wording",
    "location",
    "person",
    "company",
    "department",
    "contract",
    "rule",
    "notes",
)
RULE_FIELDS = (
    "name",
    "jurisdiction",
    "lead_business_days",
    "max_days_ahead",
    "required_limit",
    "currency",
    "required_wording",
    "holidays",
)
_REFUSED = "Only the production office drafts and files paperwork."


def _check_production_dates(production, values: dict[str, Any]) -> None:
    """Covered dates inside the production's dates (when the production has them)."""
    start, end = getattr(production, "start_date", None), getattr(production, "end_date", None)
    first, last = values.get("covers_start"), values.get("covers_end")
    if start and first and first < start:
        raise ValidationError(
            {"covers_start": f"The production starts on {start.isoformat()}; this is before it."}
        )
    if end and last and last > end:
        raise ValidationError(
            {"covers_end": f"The production ends on {end.isoformat()}; this is after it."}
        )


def _apply_dates(document: Document) -> None:
    """Apply-from and apply-by dates from the rule (its own, else its location's office)."""
    rule = document.rule or (document.location.permit_office if document.location_id else None)
    if rule is None or document.covers_start is None:
        document.apply_from = document.apply_by = None
        return
    document.apply_from, document.apply_by = apply_window(
        document.covers_start,
        lead_business_days=rule.lead_business_days,
        max_days_ahead=rule.max_days_ahead,
        holidays=rule.holidays,
    )


def _normalise(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    for name in ("title", "issuer", "reference"):
        if name in out:
            out[name] = (out[name] or "").strip()
    if out.get("currency"):
        out["currency"] = out["currency"].strip().upper()
    if "activities" in out:
        out["activities"] = sorted(set(out["activities"] or []))
    return out


@transaction.atomic
def document_create(*, actor, production, **values: Any) -> Document:
    """Draft a document (status needed) for the production (office)."""
    require(can_draft_paperwork(actor, production), _REFUSED)
    values = _normalise(values)
    _check_production_dates(production, values)
    document = Document(production=production, status=DocumentStatus.NEEDED)
    assign(document, values, DOCUMENT_FIELDS)
    _apply_dates(document)
    validate(document)
    document.save()
    record(actor=actor, action="paperwork.create", target=document, production=production)
    return document


@transaction.atomic
def document_update(*, actor, document: Document, **values: Any) -> Document:
    """Change a document's details (office); an approved document keeps its approval."""
    require(can_draft_paperwork(actor, document.production), _REFUSED)
    document = Document.objects.select_for_update().get(pk=document.pk)
    values = _normalise(values)
    _check_production_dates(document.production, values)
    if "kind" in values and values["kind"] != document.kind:
        raise ValidationError({"kind": "A document keeps its kind; draft a new one instead."})
    changes = save_changes(document, values, DOCUMENT_FIELDS)
    before = (document.apply_from, document.apply_by)
    _apply_dates(document)
    if (document.apply_from, document.apply_by) != before:
        document.save(update_fields=["apply_from", "apply_by", "updated_at"])
    if changes:
        record(
            actor=actor,
            action="paperwork.update",
            target=document,
            production=document.production_id,
            changes=changes,
        )
    return document


@transaction.atomic
def document_transition(*, actor, document: Document, status: str, note: str = "") -> Document:
    """Move a document along its kind's table (apply, deny, withdraw, expire, renew); approval
    is `document_approve`."""
    if status == DocumentStatus.APPROVED:
        return document_approve(actor=actor, document=document, note=note)
    require(can_draft_paperwork(actor, document.production), _REFUSED)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if status not in DocumentStatus.values:
        raise ValidationError({"status": f"Unknown status {status!r}."})
    check_transition(TRANSITIONS[document.kind], document.status, status)
    old, document.status = document.status, status
    document.save(update_fields=["status", "updated_at"])
    record(
        actor=actor,
        action="paperwork.transition",
        target=document,
        production=document.production_id,
        changes={"status": [old, status]},
        message=note,
    )
    return document


@transaction.atomic
def document_approve(*, actor, document: Document, note: str = "") -> Document:
    """The production manager approves an applied document (audited; never twice)."""
    if not can_approve_paperwork(actor, document.production):
        raise PermissionDenied("Only the production manager approves paperwork.")
    # Locked so that two approvals at once find one approved row: the second is refused.
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status == DocumentStatus.APPROVED:
        when = timezone.localtime(document.approved_at).strftime("%Y-%m-%d %H:%M")
        message = f"Already approved by {document.approved_by} on {when}."
        raise ValidationError({"status": ValidationError(message, code="no_change")})
    check_transition(TRANSITIONS[document.kind], document.status, DocumentStatus.APPROVED)
    old = document.status
    document.status, document.approved_by, document.approved_at = (
        DocumentStatus.APPROVED,
        actor,
        timezone.now(),
    )
    document.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    record(
        actor=actor,
        action="paperwork.approve",
        target=document,
        production=document.production_id,
        changes={"status": [old, DocumentStatus.APPROVED]},
        message=note,
    )
    return document


def _reaches(start: Document, goal_pk: int) -> bool:
    """Whether `goal_pk` is reachable from `start` through depends_on (breadth first)."""
    through = Document.depends_on.through
    seen, frontier = set(), {start.pk}
    while frontier:
        if goal_pk in frontier:
            return True
        seen |= frontier
        nxt = through.objects.filter(from_document_id__in=frontier).values_list(
            "to_document_id", flat=True
        )
        frontier = set(nxt) - seen
    return False


@transaction.atomic
def document_depend(*, actor, document: Document, on: Document) -> Document:
    """Record that `document` is not valid while `on` is not (cycles refused)."""
    require(can_draft_paperwork(actor, document.production), _REFUSED)
    if on.production_id != document.production_id:
        raise ValidationError({"depends_on": "That document belongs to another production."})
    if on.pk == document.pk or _reaches(on, document.pk):
        raise ValidationError(
            {"depends_on": f"{on} already depends on {document}: that would be a cycle."}
        )
    if document.depends_on.filter(pk=on.pk).exists():
        return document
    document.depends_on.add(on)
    record(
        actor=actor,
        action="paperwork.depend",
        target=document,
        production=document.production_id,
        changes={"depends_on": [None, str(on)]},
    )
    return document


@transaction.atomic
def document_undepend(*, actor, document: Document, on: Document) -> Document:
    """Remove a dependency."""
    require(can_draft_paperwork(actor, document.production), _REFUSED)
    if document.depends_on.filter(pk=on.pk).exists():
        document.depends_on.remove(on)
        record(
            actor=actor,
            action="paperwork.undepend",
            target=document,
            production=document.production_id,
            changes={"depends_on": [str(on), None]},
        )
    return document


def documents_expire_due(*, today: datetime.date | None = None) -> int:
    """Approved documents past their expiry date become expired (system); returns how many."""
    today = today or timezone.localdate()
    due = Document.objects.filter(status=DocumentStatus.APPROVED, expiry_date__lt=today)
    count = 0
    for document in due:
        with transaction.atomic():
            document_transition(actor=None, document=document, status=DocumentStatus.EXPIRED)
            count += 1
    return count


@transaction.atomic
def rule_create(*, actor, production=None, **values: Any) -> JurisdictionRule:
    """A permit office's rule: the production's own, or a shared one (administrators)."""
    rule = JurisdictionRule(production=production)
    require(can_manage_rule(actor, rule), "Only the office (administrators for shared rules).")
    assign(rule, values, RULE_FIELDS)
    validate(rule)
    rule.save()
    record(actor=actor, action="paperwork.rule_create", target=rule, production=production)
    return rule


@transaction.atomic
def rule_update(*, actor, rule: JurisdictionRule, **values: Any) -> JurisdictionRule:
    """Change a rule; the apply-by dates of its documents follow."""
    require(can_manage_rule(actor, rule), "Only the office (administrators for shared rules).")
    rule = JurisdictionRule.objects.select_for_update().get(pk=rule.pk)
    changes = save_changes(rule, values, RULE_FIELDS)
    if not changes:
        return rule
    for document in Document.objects.filter(rule=rule) | Document.objects.filter(
        rule__isnull=True, location__permit_office=rule
    ):
        _apply_dates(document)
        document.save(update_fields=["apply_from", "apply_by", "updated_at"])
    record(
        actor=actor,
        action="paperwork.rule_update",
        target=rule,
        production=rule.production_id,
        changes=changes,
    )
    return rule
