"""Reminders: the office's button (service, API, CLI) and the due-reminder sweep."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from prodoffice.audit.models import AuditEvent
from prodoffice.contracts.errors import Conflict, LinkGone
from prodoffice.contracts.services import reminders, signing
from prodoffice.contracts.tests.helpers import (
    draft,
    links_from_mail,
    login_access,
    party_of,
    sent,
)

pytestmark = pytest.mark.django_db


def _ada_signs(world, contract):
    ada = party_of(contract, "ada@example.org")
    signing.party_consent(access=login_access(world.crew_a), party=ada)
    signing.party_sign(access=login_access(world.crew_a), party=ada, typed_name="Ada Canary")


def test_remind_mails_a_fresh_link_to_each_unsigned_party_and_revokes_the_old(world):
    contract = sent(world)
    _ada_signs(world, contract)
    old = links_from_mail()["lou@example.org"]
    mail.outbox = []
    reminded = reminders.contract_remind(actor=world.office, contract=contract)
    assert [p.email for p in reminded] == ["lou@example.org"]
    assert [m.to for m in mail.outbox] == [["lou@example.org"]] * 2
    assert mail.outbox[0].subject.startswith("Reminder")
    token, code = links_from_mail()["lou@example.org"]
    assert signing.link_party(token, code).email == "lou@example.org"
    with pytest.raises(LinkGone):
        signing.link_party(*old)
    entry = AuditEvent.objects.filter(action="contract.remind").get()
    assert "lou@example.org" in entry.message and "ada@" not in entry.message
    assert party_of(contract, "lou@example.org").reminded_at is not None


@pytest.mark.parametrize("who", ["crew_a", "head", "outsider"])
def test_only_the_office_reminds(world, who):
    contract = sent(world)
    mail.outbox = []
    with pytest.raises(PermissionDenied):
        reminders.contract_remind(actor=getattr(world, who), contract=contract)
    assert mail.outbox == []


def test_remind_refuses_drafts_and_finished_contracts(world):
    contract = draft(world)
    with pytest.raises(Conflict) as exc:
        reminders.contract_remind(actor=world.office, contract=contract)
    assert "draft contract is not waiting for signatures" in " ".join(exc.value.messages)
    assert exc.value.error_dict["status"][0].code == "not_outstanding"
    assert not AuditEvent.objects.filter(action="contract.remind").exists()


def test_due_reminders_after_n_days_at_most_once_per_n_days(world, settings):
    settings.PRODOFFICE_CONTRACT_REMINDER_DAYS = 3
    contract = sent(world)
    mail.outbox = []
    now = timezone.now()
    assert reminders.contracts_remind_due(now=now + datetime.timedelta(days=2)) == 0
    assert reminders.contracts_remind_due(now=now + datetime.timedelta(days=3, hours=1)) == 2
    assert len(mail.outbox) == 4
    assert reminders.contracts_remind_due(now=now + datetime.timedelta(days=4)) == 0
    assert reminders.contracts_remind_due(now=now + datetime.timedelta(days=6, hours=2)) == 2
    _ada_signs(world, contract)
    assert reminders.contracts_remind_due(now=now + datetime.timedelta(days=9, hours=3)) == 1


def test_cli_remind_runs_the_due_reminders(world, settings):
    settings.PRODOFFICE_CONTRACT_REMINDER_DAYS = 1
    contract = sent(world)
    contract.__class__.objects.filter(pk=contract.pk).update(
        sent_at=timezone.now() - datetime.timedelta(days=2)
    )
    out = io.StringIO()
    call_command("contracts", "remind", "--production", "NIGHTJAR", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"reminded": 2}
    out = io.StringIO()
    call_command("contracts", "remind", stdout=out)
    assert "0 parties reminded" in out.getvalue()


def test_api_remind(world, api_for):
    contract = sent(world)
    mail.outbox = []
    url = f"/api/v1/contracts/{contract.public_id}/remind/"
    response = api_for(world.office).post(url, {}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "sent" and len(mail.outbox) == 4
    assert api_for(world.crew_a).post(url, {}, format="json").status_code == 403
    signing_draft = draft(world)
    refused = api_for(world.office).post(
        f"/api/v1/contracts/{signing_draft.public_id}/remind/", {}, format="json"
    )
    assert refused.status_code == 409
    assert "nobody to remind" in json.dumps(refused.json())
