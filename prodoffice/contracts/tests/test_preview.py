"""The office previews a draft's PDF before sending: the same rendering, marked as a preview on
every page, nothing stored; web, API and CLI through `sending.contract_preview`."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from pypdf import PdfReader

from prodoffice.contracts.errors import Conflict
from prodoffice.contracts.models import ContractDocument, ContractEvent
from prodoffice.contracts.rendering import PREVIEW_LABEL
from prodoffice.contracts.services import sending
from prodoffice.contracts.tests.helpers import draft, sent
from prodoffice.contracts.tests.test_recovery import _stored_names

pytestmark = pytest.mark.django_db


def text_of(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_a_preview_is_the_draft_as_sent_marked_on_every_page_and_stores_nothing(world):
    contract = draft(world, position="Key Grip")
    events = ContractEvent.objects.count()
    data = sending.contract_preview(actor=world.office, contract=contract)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        assert PREVIEW_LABEL in page.extract_text()
    text = text_of(data)
    assert "DRAFT" in text and "Key Grip" in text and "Ada" in text
    # A read: nothing frozen, stored or chained; the contract is still a draft.
    contract.refresh_from_db()
    assert contract.status == "draft" and not contract.documents.exists()
    assert ContractEvent.objects.count() == events and _stored_names() == set()
    # The document sent afterwards carries no preview mark.
    contract = sending.contract_send(actor=world.office, contract=contract)
    original = contract.documents.get(kind="original")
    with original.file.open("rb") as fh:
        sent_text = text_of(fh.read())
    assert PREVIEW_LABEL not in sent_text and "Key Grip" in sent_text


def test_only_the_office_previews_and_only_drafts(world):
    contract = draft(world)
    with pytest.raises(Exception) as caught:
        sending.contract_preview(actor=world.crew_a, contract=contract)
    assert "Only the office previews drafts." in str(caught.value)
    out = sent(world)
    with pytest.raises(Conflict) as refused:
        sending.contract_preview(actor=world.office, contract=out)
    assert "download its frozen document" in str(refused.value)
    assert ContractDocument.objects.filter(contract=contract).count() == 0


def test_web_preview_opens_inline_for_the_office(world, client_for):
    contract = draft(world)
    page = reverse("web:contract", args=["NIGHTJAR", contract.public_id])
    url = reverse("web:contract_preview", args=["NIGHTJAR", contract.public_id])
    office = client_for(world.office)
    assert 'id="preview-contract"' in office.get(page).content.decode()
    answer = office.get(url)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert answer["Content-Disposition"].startswith("inline;")
    assert "no-store" in answer["Cache-Control"]
    assert PREVIEW_LABEL in text_of(answer.content)
    # Parties and heads may not; others do not see the contract at all.
    assert client_for(world.crew_a).get(url).status_code in (403, 404)
    assert client_for(world.outsider).get(url).status_code == 404
    # Once sent: back to the page, saying why.
    sending.contract_send(actor=world.office, contract=contract)
    answer = office.get(url, follow=True)
    assert "download its frozen document" in answer.content.decode()
    assert 'id="preview-contract"' not in answer.content.decode()


def test_api_preview(world, api_for):
    contract = draft(world)
    url = f"/api/v1/contracts/{contract.public_id}/preview/"
    answer = api_for(world.office).get(url)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert PREVIEW_LABEL in text_of(answer.content)
    assert api_for(world.crew_a).get(url).status_code == 403
    sending.contract_send(actor=world.office, contract=contract)
    refused = api_for(world.office).get(url)
    assert refused.status_code == 409 and "frozen document" in refused.content.decode()


def test_cli_preview_writes_the_file(world, tmp_path):
    contract = draft(world)
    target = tmp_path / "preview.pdf"
    out = io.StringIO()
    call_command("contracts", "preview", contract.reference, "--output", str(target), stdout=out)
    assert f"Preview of {contract.reference} written to {target}" in out.getvalue()
    assert PREVIEW_LABEL in text_of(target.read_bytes())
    with pytest.raises(CommandError, match="preview needs --output"):
        call_command("contracts", "preview", contract.reference, stdout=io.StringIO())
    with pytest.raises(CommandError, match="cannot write"):
        call_command(
            "contracts", "preview", contract.reference, "--output",
            str(tmp_path / "missing" / "x.pdf"), stdout=io.StringIO(),
        )  # fmt: skip
