"""Building contracts for tests: drafts with parties, sent contracts, TOTP codes."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.core import mail
from django.test import TestCase
from django_otp.oath import totp

from prodoffice.accounts.services import totp_enrol
from prodoffice.contracts.models import Contract, ContractParty
from prodoffice.contracts.services import drafting, sending, signing
from prodoffice.people.models import Person
from tests.support.factories import PersonFactory
from tests.support.personas import World

TERMS = {
    "position": "Grip",
    "rate": Decimal("450.00"),
    "rate_unit": "day",
    "currency": "USD",
    "hire_basis": "daily",
    "start_date": datetime.date(2027, 3, 1),
    "end_date": datetime.date(2027, 4, 30),
    "guarantee": 10,
    "guarantee_unit": "days",
    "kit_rental": Decimal("35.00"),
    "per_diem": Decimal("60.00"),
}


def draft(world: World, *, link_party: bool = True, **terms) -> Contract:
    """A crew deal memo for crew A (signs by login) and, optionally, a loan-out signatory
    without an account (signs by link)."""
    contract = drafting.contract_create(
        actor=world.office,
        production=world.production,
        contract_type="crew",
        title="Crew deal memo – Ada Canary",
        engagement=world.engagement_a,
        party_email="ada@example.org",
        **{**TERMS, **terms},
    )
    if link_party:
        guest = Person.objects.filter(email="lou@example.org").first() or PersonFactory(
            first_name="Lou", last_name="Loanout", email="lou@example.org"
        )
        drafting.party_add(actor=world.office, contract=contract, person=guest, role="loan_out")
    return contract


def links_from_mail(outbox=None) -> dict[str, tuple[str, str]]:
    """{e-mail: (token, access code)} from the messages contract_send sent."""
    found: dict[str, list[str]] = {}
    for message in outbox if outbox is not None else mail.outbox:
        to = message.to[0]
        token = re.search(r"/sign/([A-Za-z0-9_-]+)/", message.body)
        code = re.search(r"access code for .* is (\d{8})", message.body)
        entry = found.setdefault(to, ["", ""])
        if token:
            entry[0] = token.group(1)
        if code:
            entry[1] = code.group(1)
    return {k: (v[0], v[1]) for k, v in found.items()}


def sent(world: World, **kwargs) -> Contract:
    """A draft, sent (its links are in mail.outbox)."""
    mail.outbox = []
    contract = draft(world, **kwargs)
    # The e-mails leave on commit; a test's transaction never commits, so run them here.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return sending.contract_send(actor=world.office, contract=contract)


def login_access(user) -> signing.Access:
    return signing.Access(user=user, ip="203.0.113.7", user_agent="pytest-browser/1.0")


def link_access(token: str, code: str) -> signing.Access:
    return signing.Access(token=token, code=code, ip="198.51.100.9", user_agent="pytest-link/1.0")


def party_of(contract: Contract, email: str) -> ContractParty:
    return contract.parties.get(email=email)


def sign_all(world: World, contract: Contract) -> Contract:
    """Every party consents, views and signs (crew A by login, the guest by link)."""
    ada = party_of(contract, "ada@example.org")
    for step in (signing.party_consent, signing.party_view):
        step(access=login_access(world.crew_a), party=ada)
    signing.party_sign(access=login_access(world.crew_a), party=ada, typed_name="Ada Canary")
    links = links_from_mail()
    if "lou@example.org" in links:
        token, code = links["lou@example.org"]
        for step in (signing.party_consent, signing.party_view):
            step(access=link_access(token, code))
        signing.party_sign(access=link_access(token, code), typed_name="Lou Loanout")
    contract.refresh_from_db()
    return contract


def otp_code(user) -> str:
    """A current code of the user's TOTP device (enrolled on first use)."""
    device = totp_enrol(actor=None, user=user)
    device.refresh_from_db()
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{code:0{device.digits}d}"
