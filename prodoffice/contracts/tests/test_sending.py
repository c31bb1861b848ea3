"""Sending in the background (ADR 0009): the request marks the contract `sending` and queues the
render; the `send_contract` task renders, freezes and mails; a failure goes back to draft with the
reason, nothing half-written; the sweep finishes a send whose task was lost."""

from __future__ import annotations

import datetime
import errno
import io

import pytest
from django.core import mail
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from prodoffice.audit.models import AuditEvent
from prodoffice.contracts import faults, recovery, tasks
from prodoffice.contracts.chain import verify_chains
from prodoffice.contracts.errors import Conflict
from prodoffice.contracts.models import Contract, ContractDocument
from prodoffice.contracts.services import documents, drafting, ending, sending
from prodoffice.contracts.tests.helpers import draft, sent
from prodoffice.contracts.tests.test_recovery import _stored_names, full_disk

pytestmark = pytest.mark.django_db

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SEND_TASK = "prodoffice.contracts.tasks.send_contract"
NOW = recovery.GRACE * 0


def run_worker(monkeypatch) -> None:
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0",
                 stdout=io.StringIO())  # fmt: skip


def queued_send(world, settings) -> Contract:
    """A contract whose send was asked for; its render task waits in the database queue."""
    settings.TASKS = DATABASE
    mail.outbox = []
    contract = sending.contract_send(actor=world.office, contract=draft(world))
    assert contract.status == "sending"
    return contract


def assert_sent_once(contract: Contract) -> None:
    contract.refresh_from_db()
    assert contract.status == "sent" and contract.sent_at is not None
    original = contract.documents.get(kind="original", version=contract.version)
    with original.file.open("rb") as fh:
        data = fh.read()
    assert data.startswith(b"%PDF-") and original.sha256 == documents.sha256(data)
    assert contract.events.filter(action="sent").count() == 1
    assert all(b is None for _, _, b in verify_chains(Contract.objects.filter(pk=contract.pk)))
    assert _stored_names() == set(ContractDocument.objects.values_list("file", flat=True))


def test_the_request_queues_the_render_and_the_worker_sends(world, settings, monkeypatch):
    contract = queued_send(world, settings)
    # Nothing is rendered or mailed yet; the office's request is recorded.
    assert not contract.documents.exists() and mail.outbox == []
    assert not contract.events.filter(action="sent").exists()
    assert contract.sent_by == world.office and contract.sent_at is None
    queued = DBTaskResult.objects.get(task_path=SEND_TASK)
    assert queued.args_kwargs["args"] == [contract.pk]
    assert AuditEvent.objects.filter(action="contract.send", target_id=str(contract.pk)).exists()
    run_worker(monkeypatch)
    assert_sent_once(contract)
    # The "sent" event names who asked, though the worker rendered it.
    assert contract.events.get(action="sent").actor_label == world.office.get_username()
    assert len(mail.outbox) == 4  # link and code to each of the two parties
    assert DBTaskResult.objects.get(task_path=SEND_TASK).status == "SUCCESSFUL"


def test_while_sending_the_terms_are_frozen_and_no_new_version_is_made(world, settings):
    contract = queued_send(world, settings)
    with pytest.raises(Conflict) as caught:
        drafting.contract_update(actor=world.office, contract=contract, title="Changed")
    assert caught.value.error_dict["status"][0].code == "sending"
    assert "being rendered" in str(caught.value)
    with pytest.raises(Conflict) as caught:
        drafting.contract_new_version(actor=world.office, contract=contract)
    assert caught.value.error_dict["status"][0].code == "sending"
    with pytest.raises(Conflict):
        sending.contract_send(actor=world.office, contract=contract)
    contract.refresh_from_db()
    assert contract.title != "Changed" and contract.version == 1
    assert DBTaskResult.objects.filter(task_path=SEND_TASK).count() == 1


def test_a_contract_voided_while_sending_is_never_sent(world, settings, monkeypatch):
    contract = queued_send(world, settings)
    ending.contract_void(actor=world.office, contract=contract, reason="Wrong person")
    run_worker(monkeypatch)
    contract.refresh_from_db()
    assert contract.status == "voided" and not contract.documents.exists()
    assert mail.outbox == [] and not contract.events.filter(action="sent").exists()


def test_the_task_delivered_twice_renders_once(world):
    contract = sent(world)
    assert contract.status == "sent"
    assert tasks.send_contract.call(contract.pk) == "sent"
    assert_sent_once(contract)
    assert len(mail.outbox) == 4


@pytest.mark.parametrize("point", ["send:locked", "send:rendered", "send:after-store",
                                   "send:before-commit"])  # fmt: skip
def test_a_failed_render_goes_back_to_draft_with_the_reason_and_nothing_half_written(world, point):
    contract = draft(world)
    with faults.inject(point, OSError(errno.EIO, "Input/output error")):
        contract = sending.contract_send(actor=world.office, contract=contract)
    assert contract.status == "draft" and "Input/output error" in contract.send_error
    assert contract.send_error.startswith("OSError")
    assert not contract.documents.exists() and _stored_names() == set()
    assert not contract.events.filter(action="sent").exists() and mail.outbox == []
    failed = AuditEvent.objects.get(action="contract.send_failed", target_id=str(contract.pk))
    assert "Input/output error" in failed.message
    # The cause fixed, the office sends again: the error is cleared.
    contract = sending.contract_send(actor=world.office, contract=contract)
    assert contract.send_error == ""
    assert_sent_once(contract)


def test_f06_disk_full_while_storing_the_document_leaves_no_file(world, monkeypatch):
    monkeypatch.setattr(FileSystemStorage, "_save", full_disk)
    contract = sending.contract_send(actor=world.office, contract=draft(world))
    assert contract.status == "draft" and "No space left on device" in contract.send_error
    assert _stored_names() == set() and not contract.documents.exists()


def test_the_failed_task_says_so_in_its_result(world, settings, monkeypatch):
    contract = queued_send(world, settings)
    with faults.inject("send:rendered", OSError("the template's font is missing")):
        run_worker(monkeypatch)
    result = DBTaskResult.objects.get(task_path=SEND_TASK)
    assert result.status == "FAILED"
    contract.refresh_from_db()
    assert contract.status == "draft" and "font is missing" in contract.send_error


def test_a_deadline_passed_while_queued_is_refused_by_the_render(world, settings):
    contract = queued_send(world, settings)
    Contract.objects.filter(pk=contract.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    contract = sending.contract_freeze(contract_id=contract.pk)
    assert contract.status == "draft"
    assert "deadline passed before the document was ready" in contract.send_error
    assert _stored_names() == set()


def test_the_sweep_sends_what_a_lost_task_left_sending(world, settings):
    contract = queued_send(world, settings)
    DBTaskResult.objects.all().delete()  # the queued render was lost
    young = recovery.sweep()  # within the grace period a task may still be running
    assert young.sent == [] and Contract.objects.get(pk=contract.pk).status == "sending"
    report = recovery.sweep(grace=NOW)
    assert report.sent == [contract.reference] and report.clean
    assert f"Sent (document rendered and frozen): {contract.reference}" in report.lines()
    assert_sent_once(contract)


def test_the_sweep_reports_a_send_that_fails_again(world, settings):
    contract = queued_send(world, settings)
    with faults.inject("send:rendered", OSError("still broken")):
        report = recovery.sweep(grace=NOW)
    assert "still broken" in report.send_failed[contract.reference] and not report.clean
    assert Contract.objects.get(pk=contract.pk).status == "draft"


# --- the interfaces show it ----------------------------------------------------------------------


def test_the_page_shows_sending_and_polls_then_the_failure(world, settings, client_for):
    contract = queued_send(world, settings)
    url = reverse("web:contract", args=["NIGHTJAR", contract.public_id])
    office = client_for(world.office)
    html = office.get(url).content.decode()
    assert 'id="contract-working"' in html and 'hx-trigger="every 2s"' in html
    assert "being rendered" in html and 'id="edit-contract"' not in html
    desk = office.get(reverse("web:contracts", args=["NIGHTJAR"])).content.decode()
    assert "data-sending" in desk
    with faults.inject("send:rendered", OSError("the template's font is missing")):
        sending.contract_freeze(contract_id=contract.pk)
    html = office.get(url).content.decode()
    assert 'id="contract-working"' not in html and 'id="send-error"' in html
    assert "font is missing" in html and 'id="send-contract"' in html
    desk = office.get(reverse("web:contracts", args=["NIGHTJAR"])).content.decode()
    assert "Send failed: OSError: the template&#x27;s font is missing" in desk
    # The reason is the office's: the party's page does not show it.
    party = client_for(world.crew_a).get(url).content.decode()
    assert "font is missing" not in party


def test_the_api_answers_sending_and_shows_the_failure_to_the_office(world, settings, api_for):
    contract = draft(world)
    settings.TASKS = DATABASE
    office = api_for(world.office)
    base = f"/api/v1/contracts/{contract.public_id}/"
    answer = office.post(f"{base}send/", {}, format="json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "sending" and answer.json()["documents"] == []
    with faults.inject("send:rendered", OSError("the template's font is missing")):
        sending.contract_freeze(contract_id=contract.pk)
    shown = office.get(base).json()
    assert shown["status"] == "draft" and "font is missing" in shown["send_error"]
    assert api_for(world.crew_a).get(base).json()["send_error"] == ""


def test_cli_send_says_sending_or_names_the_failure(world, settings):
    contract = draft(world)
    settings.TASKS = DATABASE
    out = io.StringIO()
    call_command("contracts", "send", contract.reference, stdout=out)
    assert f"Sending {contract.reference}: the worker renders" in out.getvalue()
    ending.contract_void(actor=None, contract=contract, reason="test")
    other = draft(world)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with (
        faults.inject("send:rendered", OSError("the template's font is missing")),
        pytest.raises(CommandError) as caught,
    ):
        call_command("contracts", "send", other.reference, stdout=io.StringIO())
    assert "nothing went out" in str(caught.value) and "font is missing" in str(caught.value)
    shown = io.StringIO()
    call_command("contracts", "show", other.reference, stdout=shown)
    assert "last send failed: OSError: the template's font is missing" in shown.getvalue()


def test_the_web_send_says_sending_or_why_it_failed(world, settings, client_for):
    office = client_for(world.office)
    contract = draft(world)
    url = reverse("web:contract", args=["NIGHTJAR", contract.public_id])
    settings.TASKS = DATABASE
    html = office.post(url, {"action": "send"}, follow=True).content.decode()
    assert f"{contract.reference}: sending. The document is being rendered" in html
    assert 'id="contract-working"' in html
    other = draft(world)
    url = reverse("web:contract", args=["NIGHTJAR", other.public_id])
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with faults.inject("send:rendered", OSError("the template's font is missing")):
        html = office.post(url, {"action": "send"}, follow=True).content.decode()
    assert "Not sent: OSError: the template&#x27;s font is missing" in html
    assert 'id="send-error"' in html
    assert Contract.objects.get(pk=other.pk).status == "draft"
