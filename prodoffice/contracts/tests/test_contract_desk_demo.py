"""`prodoffice demo` drafts, sends, signs and declines HARBOR's demo contracts, once."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from prodoffice.accounts.models import User
from prodoffice.contracts.demo import DECLINE_REASON, demo_contracts
from prodoffice.contracts.models import Contract
from prodoffice.productions.models import Production

pytestmark = pytest.mark.django_db


def test_demo_contracts_in_every_desk_state_and_idempotent(client):
    call_command("demo", stdout=io.StringIO())
    production = Production.objects.get(code="HARBOR")
    states = sorted(Contract.objects.filter(production=production).values_list("status", flat=True))
    assert states == ["declined", "draft", "draft", "partly_signed", "sent", "signed"]
    declined = Contract.objects.get(production=production, status="declined")
    assert declined.decline_reason == DECLINE_REASON
    assert not Contract.objects.filter(status__in=["countersigned", "executed"]).exists()
    count = Contract.objects.count()
    call_command("demo", stdout=io.StringIO())
    assert not demo_contracts(production) and Contract.objects.count() == count
    # The crew and cast demo logins find something to sign under "my contracts".
    for username in ("demo.crew", "demo.cast"):
        client.force_login(User.objects.get(username=username))
        page = client.get(reverse("web:my_contracts", args=["HARBOR"]))
        assert "Read and sign it." in page.content.decode(), username
