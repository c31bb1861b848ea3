"""Drafting: a contract's terms and parties while it is a draft, amendments, and a new version
(back to draft, the earlier signatures void).

Each service checks permissions itself, runs in one transaction, locks the contract row, appends
to the contract's hash chain and records a project audit event, so web, API and CLI cannot
disagree.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from prodoffice.contracts import permissions as cperms
from prodoffice.contracts.choices import (
    DEFAULT_ROLE,
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
    "location",
    "position",
    "department",
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


#: The rate travels with its unit and currency: never an engagement's rate in another currency.
MONEY = ("rate", "rate_unit", "currency")


def engagement_terms(engagement) -> dict[str, Any]:
    """The deal-memo terms an engagement carries: position, department, rate with its unit and
    currency, dates, and the engaged person's union."""
    position = engagement.position
    terms: dict[str, Any] = {
        "position": position.title,
        "department": position.department.name,
        "start_date": engagement.start_date,
        "end_date": engagement.end_date,
        "union": _union(engagement.person),
    }
    if engagement.rate is not None:
        terms |= {
            "rate": engagement.rate,
            "rate_unit": engagement.rate_unit,
            "currency": engagement.currency or engagement.production.currency,
        }
    return terms


def _union(person) -> str:
    membership = person.union_memberships.order_by("union", "local", "pk").first()
    return str(membership) if membership else ""


def _blank(value: Any) -> bool:
    return value is None or value == ""


def fill_from_engagement(engagement, values: dict[str, Any]) -> dict[str, Any]:
    """The given terms, their blanks filled from the engagement (what was typed wins)."""
    filled = dict(values)
    terms = engagement_terms(engagement)
    if _blank(filled.get("rate")) and terms.get("rate") is not None:
        filled |= {name: terms[name] for name in MONEY}
    for name, value in terms.items():
        if name not in MONEY and not _blank(value) and _blank(filled.get(name)):
            filled[name] = value
    return filled


def _engaged_party(actor, contract: Contract, engagement, role: str = "", email: str = "") -> None:
    """The engaged person as the first party, with their e-mail (a person without one is left
    for the office to add: sending names the missing party)."""
    person = engagement.person
    email = (email or person.email or "").strip()
    if not email or contract.parties.filter(person=person, company=None).exists():
        return
    contract.parties.update(order=models.F("order") + 1)
    party_add(
        actor=actor,
        contract=contract,
        person=person,
        role=role or DEFAULT_ROLE[contract.contract_type],
        email=email,
        order=1,
    )


@transaction.atomic
def contract_create(
    *,
    actor,
    production,
    contract_type: str,
    amends: Contract | None = None,
    party_role: str = "",
    party_email: str = "",
    **values: Any,
) -> Contract:
    """Draft a contract of a type (office staff); numbered per production. Drafted from an
    engagement, it carries the engagement's terms where none were given and the engaged person
    as its first party (`party_role`, by default the type's; `party_email`, by default theirs)."""
    refuse_publicity(contract_type)
    engagement = values.get("engagement") if amends is None else None
    if engagement is not None:
        values = fill_from_engagement(engagement, values)
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
    if engagement is not None:
        _engaged_party(actor, contract, engagement, party_role, party_email)
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
    engagement = values.get("engagement")
    linked = engagement is not None and engagement.pk != contract.engagement_id
    if linked:
        current = {name: getattr(contract, name) for name in TERM_FIELDS} | values
        values = fill_from_engagement(engagement, current)
    changes = save_changes(contract, values, TERM_FIELDS)
    if changes:
        audit(actor, "update", contract, changes=changes)
    if linked:
        _engaged_party(actor, contract, engagement)
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
