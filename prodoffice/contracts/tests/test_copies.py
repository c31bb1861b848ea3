"""E-15: the bytes served equal the bytes hashed, on the web, over the API and as the e-mailed
attachment of the executed copy; the copy is mailed once, by the task or by the sweep."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from prodoffice.contracts import recovery
from prodoffice.contracts.services import copies, countersign
from prodoffice.contracts.tests.helpers import otp_code, sent, sign_all

pytestmark = pytest.mark.django_db


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _executed(world, capture):
    contract = sign_all(world, sent(world))
    mail.outbox.clear()
    with capture(execute=True):
        countersign.contract_countersign(
            actor=world.office, contract=contract, otp_code=otp_code(world.office)
        )
    contract.refresh_from_db()
    assert contract.status == "executed"
    return contract


def _attachments() -> dict[str, bytes]:
    return {m.to[0]: m.attachments[0][1] for m in mail.outbox if m.attachments}


def test_e15_web_api_and_email_attachment_serve_the_hashed_bytes(
    world, office_seal, django_capture_on_commit_callbacks, client_for, api_for
):
    contract = _executed(world, django_capture_on_commit_callbacks)
    final = contract.documents.get(kind="final")
    attached = _attachments()
    assert set(attached) == {"ada@example.org", "lou@example.org"}
    assert {_digest(data) for data in attached.values()} == {final.sha256}
    assert all(m.attachments[0][2] == "application/pdf" for m in mail.outbox if m.attachments)
    assert final.sha256 in mail.outbox[0].body
    api = api_for(world.office).get(f"/api/v1/contracts/{contract.public_id}/document/")
    assert api.status_code == 200 and api["X-Content-SHA256"] == final.sha256
    assert (
        _digest(b"".join(api.streaming_content) if api.streaming else api.content) == final.sha256
    )
    web = client_for(world.office).get(
        reverse("web:contract_document", args=[world.production.code, contract.public_id])
    )
    body = b"".join(web.streaming_content) if web.streaming else web.content
    assert web.status_code == 200 and _digest(body) == final.sha256
    party = api_for(world.crew_a).get(f"/api/v1/contracts/{contract.public_id}/document/")
    party_body = b"".join(party.streaming_content) if party.streaming else party.content
    assert _digest(party_body) == final.sha256


def test_the_copy_is_mailed_once(world, office_seal, django_capture_on_commit_callbacks):
    contract = _executed(world, django_capture_on_commit_callbacks)
    assert len(_attachments()) == 2
    mail.outbox.clear()
    assert copies.contract_mail_copies(contract_id=contract.pk) == 0
    assert mail.outbox == []
    assert all(p.copy_mailed_at for p in contract.parties.all())


def test_a_lost_copy_task_is_finished_by_the_sweep(world, office_seal):
    # Without the commit callbacks running (a crash right after the seal's commit), no copy left.
    contract = sign_all(world, sent(world))
    countersign.contract_countersign(
        actor=world.office, contract=contract, otp_code=otp_code(world.office)
    )
    mail.outbox.clear()
    report = recovery.sweep(now=timezone.now() + datetime.timedelta(hours=1))
    assert sorted(report.copies_mailed) == sorted(
        f"{contract.reference} {e}" for e in ("ada@example.org", "lou@example.org")
    )
    assert len(_attachments()) == 2
    mail.outbox.clear()
    assert recovery.sweep(now=timezone.now() + datetime.timedelta(hours=1)).copies_mailed == []
    assert mail.outbox == []


def test_a_final_file_that_no_longer_matches_its_hash_is_never_sent(world, office_seal):
    contract = sign_all(world, sent(world))
    countersign.contract_countersign(
        actor=world.office, contract=contract, otp_code=otp_code(world.office)
    )
    final = contract.documents.get(kind="final")
    with open(final.file.path, "ab") as fh:
        fh.write(b"\n% appended")
    mail.outbox.clear()
    assert copies.contract_mail_copies(contract_id=contract.pk) == 0
    assert mail.outbox == [] and not contract.parties.filter(copy_mailed_at__isnull=False).exists()
