"""Signing links: issued when their e-mail leaves (`mail_links` task, the sweep), single use,
looked up by the SHA-256 of their token; the access code follows in a second message."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from prodoffice.contracts import faults, tasks
from prodoffice.contracts.choices import OUTSTANDING, PartyStatus
from prodoffice.contracts.models import Contract, ContractParty, SigningLink
from prodoffice.contracts.services.common import lock_party
from prodoffice.contracts.services.documents import sha256
from prodoffice.core.text import neutralise

#: How long a signing link lives when the contract has no deadline of its own.
LINK_LIFETIME = datetime.timedelta(days=14)


def token_hash(token: str) -> str:
    """Links are looked up by the SHA-256 of their token (the token itself is never stored)."""
    return sha256(token.encode("utf-8"))


def link_create(party: ContractParty, expires_at) -> tuple[str, str]:
    """A fresh single-use link; returns (token, access code), shown only in the e-mails."""
    _link, token, code = _link_issue(party, expires_at)
    return token, code


def _link_issue(party: ContractParty, expires_at) -> tuple[SigningLink, str, str]:
    token = secrets.token_urlsafe(32)
    code = f"{secrets.randbelow(10**8):08d}"
    link = SigningLink.objects.create(
        party=party,
        token_hash=token_hash(token),
        code_hash=make_password(code),
        expires_at=expires_at,
    )
    return link, token, code


def signing_url(token: str) -> str:
    """Where a party opens their link."""
    base = getattr(settings, "PRODOFFICE_BASE_URL", "") or "http://127.0.0.1:8000"
    return f"{base.rstrip('/')}/sign/{token}/"


def _link_due(party: ContractParty) -> bool:
    """A party whose fresh link was asked for and not yet mailed, while it can still sign."""
    return (
        party.contract.status in OUTSTANDING
        and party.status in (PartyStatus.PENDING, PartyStatus.VIEWED)
        and party.link_requested_at is not None
        and (party.link_mailed_at is None or party.link_mailed_at < party.link_requested_at)
    )


def links_mail_later(contract: Contract) -> None:
    """Queue the link e-mails of a contract's due parties (the `mail_links` task).

    The task row is written in the caller's transaction, so it exists exactly when the change
    that asked for it committed (inline tasks run right here); the sweep mails whatever a lost
    task left due.
    """
    tasks.mail_links.enqueue(contract.pk)


def contract_mail_links(*, contract_id: int) -> int:
    """Mail a fresh link to each party of the contract whose link is due; how many were mailed.

    Idempotent: a party already mailed since its last request gets nothing.
    """
    ids = ContractParty.objects.filter(contract_id=contract_id).values_list("pk", flat=True)
    return sum(party_mail_link(party_id=pk) for pk in ids)


def party_mail_link(*, party_id: int) -> bool:
    """Issue a fresh link to a party whose link is due, mail it, then mark the party mailed.

    Three steps so that a crash at any point leaves a working link: the new link is committed
    before it is mailed, and the party's older unused links are revoked only once the new one
    has left. A crash between "mailed" and "marked" re-sends one more fresh link later (the
    sweep), never nothing. Links carry secrets that are never stored in clear, so the link is
    made here, when the mail leaves.
    """
    with transaction.atomic():
        party = lock_party(party_id)
        if party is None or not _link_due(party):
            return False
        contract = party.contract
        issued, served = timezone.now(), party.link_requested_at
        link, token, code = _link_issue(party, contract.expires_at or issued + LINK_LIFETIME)
    faults.point("mail:link-issued")
    _mail_link(contract, party, token, code, reminder=party.reminded_at is not None)
    faults.point("mail:sent")
    with transaction.atomic():
        ContractParty.objects.select_for_update().filter(pk=party_id).update(
            link_mailed_at=max(issued, served)
        )
        SigningLink.objects.filter(
            party_id=party_id, pk__lt=link.pk, used_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
    return True


def _mail_link(contract: Contract, party: ContractParty, token: str, code: str, *, reminder=False):
    """Two messages: the link, then the access code, so a forwarded link alone signs nothing."""
    subject = f"{contract.production.title}: please sign {contract.reference}"
    opening = (
        f"A reminder: the production office of {contract.production.title} is waiting for your "
        f"signature of “{contract.title}” ({contract.reference}). This new link replaces the "
        "earlier ones."
        if reminder
        else f"The production office of {contract.production.title} sends you "
        f"“{contract.title}” ({contract.reference}) to sign."
    )
    # Plain text has no markup to isolate a name or title: controls are shown as markers.
    send_mail(
        neutralise(("Reminder – " if reminder else "") + subject),
        neutralise(
            f"Hello {party.person},\n\n{opening}\n\n"
            f"Open: {signing_url(token)}\n\nThe access code follows in a separate message.\n"
        ),
        None,
        [party.email],
    )
    send_mail(
        neutralise(f"{contract.reference}: your access code"),
        neutralise(f"Your access code for {contract.reference} is {code}.\n"),
        None,
        [party.email],
    )
