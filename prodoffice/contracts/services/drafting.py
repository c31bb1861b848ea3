"""Drafting: a contract's terms and parties while it is a draft, amendments, and a new version
(back to draft, the earlier signatures void).

Each service checks permissions itself, runs in one transaction, locks the contract row, appends
to the contract's hash chain and records a project audit event, so web, API and CLI cannot
disagree.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from prodoffice.contracts import permissions as cperms
from prodoffice.contracts.choices import (
    PUBLICITY,
    PUBLICITY_REFUSED,
    ContractStatus,
    EventAction,
    PartyStatus,
)
from prodoffice.contracts.errors import Conflict
from prodoffice.contracts.models import Contract, ContractParty, SigningLink
from prodoffice.contracts.services.common import audit, lock, move
from prodoffice.contracts.services.events import event_append
from prodoffice.core.services import require, save_changes

S = ContractStatus


TERM_FIELDS = (
    "title",
    "engagement",
    "position",
    "union",
    "occupation_code",
    "rate",
    "rate_unit",
    "currency",
    "hire_basis",
    "guarantee",
    "guarantee_unit",
    "start_date",
    "end_date",
    "overtime_terms",
    "kit_rental",
    "car_allowance",
    "per_diem",
    "agency",
    "loan_out_company",
    "agent_fee_percent",
    "credit",
    "season",
    "episode",
    "clauses",
    "expires_at",
)


PARTY_FIELDS = ("person", "company", "role", "email", "order")


FROZEN = "Sent contracts change by a new version: this one was sent, its terms are frozen."


SENDING = (
    "The document is being rendered for sending; it is out for signature in a moment "
    "(void it to stop the send)."
)


def refuse_publicity(contract_type: str | None) -> None:
    """The office does not handle publicity contracts, on every interface."""
    if contract_type == PUBLICITY:
        raise ValidationError(
            {"contract_type": ValidationError(PUBLICITY_REFUSED, code="publicity_refused")}
        )


def _require_draft(contract: Contract) -> None:
    if contract.status == S.SENDING:
        raise Conflict("status", SENDING, "sending")
    if contract.status != S.DRAFT:
        raise Conflict("status", FROZEN, "sent_contract_frozen")


@transaction.atomic
def contract_create(
    *, actor, production, contract_type: str, amends: Contract | None = None, **values: Any
) -> Contract:
    """Draft a contract of a type (office staff); numbered per production."""
    refuse_publicity(contract_type)
    if actor is not None:
        require(cperms.can_manage_contract(actor, production), "Only the office drafts contracts.")
    last = (
        Contract.objects.select_for_update()
        .filter(production=production)
        .aggregate(n=Max("number"))["n"]
    )
    contract = Contract(
        production=production,
        contract_type=contract_type,
        amends=amends,
        number=(last or 0) + 1,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    save_changes(contract, values, TERM_FIELDS)
    if contract.pk is None:  # nothing but the type was given
        contract.full_clean()
        contract.save()
    event_append(contract, EventAction.CREATED, actor=actor, data=_created_data(contract))
    audit(actor, "create", contract)
    return contract


def _created_data(contract: Contract) -> dict[str, Any]:
    data = {"type": contract.contract_type, "number": contract.number, "version": 1}
    if contract.amends_id:
        data["amends"] = str(contract.amends.public_id)
    return data


@transaction.atomic
def contract_update(*, actor, contract: Contract, **values: Any) -> Contract:
    """Change a draft's terms; a sent contract is refused (it changes by a new version)."""
    if actor is not None:
        require(cperms.can_manage_contract(actor, contract), "Only the office edits contracts.")
    refuse_publicity(values.get("contract_type"))
    contract = lock(contract)
    _require_draft(contract)
    changes = save_changes(contract, values, TERM_FIELDS)
    if changes:
        audit(actor, "update", contract, changes=changes)
    return contract


@transaction.atomic
def party_add(
    *, actor, contract: Contract, person, role: str, company=None, email: str = "", order=None
) -> ContractParty:
    """Add a counterparty to a draft (a person, or a company signing through its signatory)."""
    if actor is not None:
        require(cperms.can_manage_contract(actor, contract), "Only the office adds parties.")
    contract = lock(contract)
    _require_draft(contract)
    if order is None:
        order = (contract.parties.aggregate(n=Max("order"))["n"] or 0) + 1
    party = ContractParty(contract=contract)
    values = {"person": person, "company": company, "role": role, "order": order}
    values["email"] = (email or person.email or "").strip()
    if not values["email"]:
        raise ValidationError({"email": f"{person} has no e-mail address; give one for signing."})
    if contract.parties.filter(person=person, company=company).exists():
        raise ValidationError({"person": f"{person} is already a party of this contract."})
    save_changes(party, values, PARTY_FIELDS)
    audit(actor, "party_add", contract, message=f"{party} as {party.get_role_display()}")
    return party


@transaction.atomic
def party_remove(*, actor, party: ContractParty) -> None:
    """Remove a counterparty from a draft."""
    contract = party.contract
    if actor is not None:
        require(cperms.can_manage_contract(actor, contract), "Only the office removes parties.")
    contract = lock(contract)
    _require_draft(contract)
    label = str(party)
    party.delete()
    audit(actor, "party_remove", contract, message=label)


@transaction.atomic
def amendment_create(*, actor, contract: Contract, title: str, **values: Any) -> Contract:
    """An amendment: a new contract linked to an executed one, with the same parties."""
    if actor is not None:
        require(cperms.can_manage_contract(actor, contract), "Only the office drafts amendments.")
    if contract.status != S.EXECUTED:
        raise Conflict("amends", "Only an executed contract can be amended.", "not_executed")
    amendment = contract_create(
        actor=actor,
        production=contract.production,
        contract_type=contract.contract_type,
        amends=contract,
        title=title,
        **values,
    )
    for p in contract.parties.all():
        party_add(
            actor=actor,
            contract=amendment,
            person=p.person,
            company=p.company,
            role=p.role,
            email=p.email,
            order=p.order,
        )
    return amendment


@transaction.atomic
def contract_new_version(*, actor, contract: Contract) -> Contract:
    """Back to draft as version N+1: outstanding signatures and links are voided."""
    if actor is not None:
        require(cperms.can_manage_contract(actor, contract), "Only the office revises contracts.")
    contract = lock(contract)
    if contract.status == S.DRAFT:
        raise Conflict("status", "A draft is edited directly; it has no signatures.", "draft")
    if contract.status == S.SENDING:
        raise Conflict("status", SENDING, "sending")
    old_status = move(contract, S.DRAFT)
    voided = _void_signatures(contract)
    contract.version += 1
    contract.sent_at = None
    contract.decline_reason = ""
    contract.save(update_fields=["status", "version", "sent_at", "decline_reason", "updated_at"])
    event_append(
        contract,
        EventAction.NEW_VERSION,
        actor=actor,
        data={"version": contract.version, "from": old_status, "signatures_voided": voided},
    )
    audit(
        actor,
        "new_version",
        contract,
        changes={"version": [contract.version - 1, contract.version]},
    )
    return contract


def _void_signatures(contract: Contract) -> int:
    """Reset every party's signing state and revoke their links; the chain keeps the history."""
    now = timezone.now()
    SigningLink.objects.filter(party__contract=contract, used_at__isnull=True).update(
        revoked_at=now
    )
    voided = contract.parties.exclude(status=PartyStatus.PENDING).count()
    contract.parties.update(
        status=PartyStatus.PENDING,
        consent_version="",
        consent_sha256="",
        consented_at=None,
        auth_method="",
        viewed_at=None,
        signed_at=None,
        signed_sha256="",
        ip=None,
        user_agent="",
        typed_name="",
        signature_png=None,
        declined_at=None,
        decline_reason="",
    )
    return voided
