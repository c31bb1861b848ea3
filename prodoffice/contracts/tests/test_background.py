"""Background work (ADR 0009): the seal and link e-mail tasks, idempotent and crash-safe."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django_tasks_db.models import DBTaskResult

from prodoffice.contracts import faults, recovery, tasks
from prodoffice.contracts.errors import LinkGone
from prodoffice.contracts.models import SigningLink
from prodoffice.contracts.services import countersign, drafting, links, reminders, sending, signing
from prodoffice.contracts.tests.helpers import (
    draft,
    links_from_mail,
    otp_code,
    party_of,
    sent,
    sign_all,
)

pytestmark = pytest.mark.django_db

#: The worker also queues the next contracts sweep: look the task up by its path.
MAIL_TASK = "prodoffice.contracts.tasks.mail_links"

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
NOW = recovery.GRACE * 0


def _live_links(party):
    return party.links.filter(used_at__isnull=True, revoked_at__isnull=True)


def test_send_mails_each_party_a_link_and_code_once(world):
    contract = sent(world)
    assert len(mail.outbox) == 4  # two messages per party: link, then code
    for party in contract.parties.all():
        assert party.link_mailed_at is not None and _live_links(party).count() == 1
    # Delivered again (or after the sweep): nothing is sent twice.
    assert tasks.mail_links.call(contract.pk) == 0
    assert recovery.sweep(grace=NOW).mailed == []
    assert len(mail.outbox) == 4


def test_links_use_the_base_url_setting(world, settings):
    settings.PRODOFFICE_BASE_URL = "https://office.example.org/"
    sent(world)
    assert "Open: https://office.example.org/sign/" in mail.outbox[0].body


def test_with_the_database_queue_the_mail_waits_for_the_worker(world, settings, monkeypatch):
    settings.TASKS = DATABASE
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    contract = sent(world)
    assert mail.outbox == [] and DBTaskResult.objects.count() == 1
    assert not SigningLink.objects.filter(party__contract=contract).exists()
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0",
                 stdout=io.StringIO())  # fmt: skip
    assert len(mail.outbox) == 4
    assert DBTaskResult.objects.get(task_path=MAIL_TASK).status == "SUCCESSFUL"


def test_a_crash_between_mail_sent_and_marked_resends_a_fresh_link_never_none(world):
    contract = sent(world)
    ada = party_of(contract, "ada@example.org")
    first_token, first_code = links_from_mail()["ada@example.org"]
    mail.outbox = []
    with faults.inject("mail:sent", RuntimeError("killed")):
        reminders_for(world, contract)  # the inline task crashes (its backend logs it)
    # The reminder left, the party was not marked: both the old and the new link still work.
    mailed_token, _ = links_from_mail()["ada@example.org"]
    assert _live_links(ada).count() == 2
    signing.link_party(first_token, first_code)
    mail.outbox = []
    report = recovery.sweep(grace=NOW)
    assert f"{contract.reference} ada@example.org" in report.mailed
    token, code = links_from_mail()["ada@example.org"]
    assert token not in (first_token, mailed_token)
    assert _live_links(ada).count() == 1 and signing.link_party(token, code) == ada
    with pytest.raises(LinkGone):
        signing.link_party(first_token, first_code)


def test_a_crash_before_the_mail_leaves_the_old_link_working_until_the_sweep(world):
    contract = sent(world)
    ada = party_of(contract, "ada@example.org")
    first = links_from_mail()["ada@example.org"]
    mail.outbox = []
    with faults.inject("mail:link-issued", RuntimeError("killed")):
        reminders_for(world, contract)
    assert mail.outbox == [] and signing.link_party(*first) == ada
    recovery.sweep(grace=NOW)
    assert signing.link_party(*links_from_mail()["ada@example.org"]) == ada


def reminders_for(world, contract):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return reminders.contract_remind(actor=world.office, contract=contract)


def test_seal_task_delivered_twice_seals_once(world, office_seal):
    contract = sign_all(world, sent(world))
    contract = countersign.contract_countersign(
        actor=world.office, contract=contract, otp_code=otp_code(world.office)
    )
    assert contract.status == "executed"
    assert tasks.seal_contract.call(contract.pk) == "executed"
    assert contract.events.filter(action="sealed").count() == 1
    assert contract.documents.filter(kind="final").count() == 1


def test_countersign_queues_the_seal_and_the_worker_executes_it(
    world, office_seal, settings, monkeypatch
):
    contract = sign_all(world, sent(world))
    settings.TASKS = DATABASE
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    contract = countersign.contract_countersign(
        actor=world.office, contract=contract, otp_code=otp_code(world.office)
    )
    assert contract.status == "countersigned" and not contract.documents.filter(kind="final")
    queued = DBTaskResult.objects.get(task_path="prodoffice.contracts.tasks.seal_contract")
    assert queued.args_kwargs["args"] == [contract.pk]
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0",
                 stdout=io.StringIO())  # fmt: skip
    contract.refresh_from_db()
    assert contract.status == "executed"
    assert contract.events.filter(action="sealed").count() == 1


def test_a_failed_seal_is_recorded_and_the_task_fails(world, office_seal):
    contract = sign_all(world, sent(world))
    with faults.inject("seal:after-event", OSError(28, "No space left on device")):
        contract = countersign.contract_countersign(
            actor=world.office, contract=contract, otp_code=otp_code(world.office)
        )
    assert contract.status == "countersigned"
    assert "No space left" in contract.seal_error
    with pytest.raises(tasks.SealFailed), faults.inject("seal:locked", OSError("still full")):
        tasks.seal_contract.call(contract.pk)
    assert tasks.seal_contract.call(contract.pk) == "executed"


def test_the_office_sees_a_sealing_contract_and_a_failed_seal_on_the_page_and_desk(
    world, office_seal, client_for
):
    from django.urls import reverse

    contract = sign_all(world, sent(world))
    with faults.inject("seal:after-event", OSError(28, "No space left on device")):
        contract = countersign.contract_countersign(
            actor=world.office, contract=contract, otp_code=otp_code(world.office)
        )
    office = client_for(world.office)
    page = reverse("web:contract", args=["NIGHTJAR", contract.public_id])
    html = office.get(page).content.decode()
    assert 'id="seal-error"' in html and "No space left on device" in html
    assert 'id="contract-working"' not in html
    desk = office.get(reverse("web:contracts", args=["NIGHTJAR"])).content.decode()
    assert "data-seal-error" in desk and "No space left on device" in desk
    # The party sees the contract countersigned and being sealed, not the office's error.
    party = client_for(world.crew_a).get(page).content.decode()
    assert "No space left" not in party
    # Without an error (the seal waits for the worker), the page says so and polls.
    type(contract).objects.filter(pk=contract.pk).update(seal_error="")
    html = office.get(page).content.decode()
    assert 'id="contract-working"' in html and "office seal is being applied" in html
    assert 'id="seal-error"' not in html


def test_a_new_version_stops_pending_mail(world):
    contract = draft(world)
    with TestCase.captureOnCommitCallbacks(execute=True):
        sending.contract_send(actor=world.office, contract=contract)
    drafting.contract_new_version(actor=world.office, contract=contract)
    mail.outbox = []
    contract.parties.update(link_mailed_at=None)
    assert links.contract_mail_links(contract_id=contract.pk) == 0 and mail.outbox == []


def test_the_web_countersignature_says_the_seal_follows(world, office_seal, settings, client_for):
    from django.urls import reverse

    contract = sign_all(world, sent(world))
    office = client_for(world.office)
    settings.TASKS = DATABASE
    url = reverse("web:contract", args=["NIGHTJAR", contract.public_id])
    answer = office.post(
        url, {"action": "countersign", "otp_code": otp_code(world.office)}, follow=True
    )
    html = answer.content.decode()
    assert f"{contract.reference} countersigned; the office seal follows." in html
    assert 'id="contract-working"' in html and "office seal is being applied" in html
