"""The demo production's contracts: deal memos in the states the desk groups show.

Called by `prodoffice demo` through `ContractsConfig.demo_extend`. Written through the services
as the system; parties sign or decline through signing links made here (the demo logins may not
exist yet on a first run). The office seal key is created when there is none (never replaced),
so the demo producer (the office signatory, see `productions/demo.py`) can countersign; nothing
is countersigned here, so nothing goes past "signed". Idempotent: a production that already has
contracts is left alone.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from prodoffice.contracts.models import Contract, ContractParty
from prodoffice.contracts.sealing import SigningKeyMissing, init_signing_key, office_certificate
from prodoffice.contracts.services import drafting, links, sending, signing
from prodoffice.productions.models import Engagement

#: (position of the engagement, contract type, title, state)
DEALS: list[tuple[str, str, str, str]] = [
    ("2nd Assistant Camera", "crew", "Crew deal memo", "sent"),
    ("Supporting Actor", "cast", "Performer agreement", "partly_signed"),
    ("Key Grip", "crew", "Crew deal memo", "signed"),
    ("Boom Operator", "crew", "Crew deal memo", "declined"),
    ("Gaffer", "crew", "Crew deal memo", "draft"),
    ("Costume Designer", "crew", "Crew deal memo", "draft"),
]
ROLES = {"crew": "crew", "cast": "performer"}
DECLINE_REASON = "The weekly rate is below scale for the weeks of nights; call my agent."


def demo_seal(production) -> bool:
    """Create the office seal key (self-signed) when none exists; False when one is there."""
    try:
        office_certificate()
    except SigningKeyMissing:
        company = production.production_company
        init_signing_key(f"{production.title} office seal", str(company or production.title))
        return True
    return False


def demo_contracts(production) -> bool:
    """Draft, send, sign and decline the demo deals; False when the production has contracts."""
    if Contract.objects.filter(production=production).exists():
        return False
    for title, kind, label, state in DEALS:
        engagement = _engagement(production, title)
        if engagement is not None:
            _deal(production, engagement, kind, label, state)
    return True


def _engagement(production, title: str) -> Engagement | None:
    return (
        Engagement.objects.filter(production=production, position__title=title)
        .select_related("person", "position")
        .order_by("id")
        .first()
    )


def _deal(production, engagement: Engagement, kind: str, label: str, state: str) -> Contract:
    person = engagement.person
    contract = drafting.contract_create(
        actor=None,
        production=production,
        contract_type=kind,
        title=f"{label} – {person}",
        engagement=engagement,
    )
    party = contract.parties.filter(person=person).first() or drafting.party_add(
        actor=None,
        contract=contract,
        person=person,
        role=ROLES[kind],
        email=f"{person.first_name.lower()}@example.com",
    )
    agent = _agent(contract, person) if state == "partly_signed" else None
    if state == "draft":
        return contract
    deadline = timezone.now() + datetime.timedelta(days=5 if state == "sent" else 14)
    sending.contract_send(actor=None, contract=contract, expires_at=deadline)
    # The demo is loaded before the worker starts: render now what the queued task would (it
    # then finds the contract sent and does nothing).
    contract = sending.contract_freeze(contract_id=contract.pk)
    if state == "signed":
        _sign(party)
    elif state == "declined":
        _decline(party)
    elif agent is not None:
        _sign(agent)
    return contract


def _agent(contract: Contract, person) -> ContractParty | None:
    """The performer's agent, as a second party (signs first in the demo)."""
    rep = person.representations.select_related("agent", "agency").exclude(agent=None).first()
    if rep is None or rep.agent_id == person.pk:
        return None
    return drafting.party_add(
        actor=None,
        contract=contract,
        person=rep.agent,
        company=rep.agency,
        role="agent",
        email=rep.agent.email or "agent@example.com",
    )


def _link(party: ContractParty) -> signing.Access:
    # A fresh link of its own (the e-mailed ones are not readable here), as a party would use.
    token, code = links.link_create(party, timezone.now() + datetime.timedelta(days=14))
    return signing.Access(token=token, code=code, ip="192.0.2.10", user_agent="prodoffice demo")


def _sign(party: ContractParty) -> None:
    access = _link(party)
    signing.party_consent(access=access)
    signing.party_view(access=access)
    signing.party_sign(access=access, typed_name=str(party.person))


def _decline(party: ContractParty) -> None:
    access = _link(party)
    signing.party_consent(access=access)
    signing.party_decline(access=access, reason=DECLINE_REASON)
