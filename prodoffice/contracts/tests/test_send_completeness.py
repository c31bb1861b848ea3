"""Sending checks a contract's completeness by type and names every missing item at once; the
preview shows the same warnings; no document with empty terms reaches a party."""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from pypdf import PdfReader

from prodoffice.contracts.models import Contract, ContractDocument
from prodoffice.contracts.services import bulk, drafting, sending
from prodoffice.contracts.tests.helpers import draft

pytestmark = pytest.mark.django_db


def _bare(world, contract_type: str, **terms) -> Contract:
    """A draft of a type with the given terms and crew B as its only party."""
    contract = drafting.contract_create(
        actor=world.office,
        production=world.production,
        contract_type=contract_type,
        title=terms.pop("title", "Agreement"),
        **terms,
    )
    drafting.party_add(actor=world.office, contract=contract, person=world.person_b, role="crew")
    return contract


def _refusal(world, contract) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as exc:
        sending.contract_send(actor=world.office, contract=contract)
    return exc.value.message_dict


def test_an_empty_crew_deal_memo_is_refused_naming_every_missing_term(world):
    contract = _bare(world, "crew")
    errors = _refusal(world, contract)
    assert set(errors) == {"position", "rate", "start_date"}
    assert "unit and currency" in errors["rate"][0]
    contract.refresh_from_db()
    assert contract.status == "draft" and not ContractDocument.objects.exists()
    assert not mail.outbox


def test_a_cast_contract_without_parties_names_the_party_too(world):
    contract = drafting.contract_create(
        actor=world.office, production=world.production, contract_type="cast", title="Performer"
    )
    errors = _refusal(world, contract)
    assert set(errors) == {"position", "rate", "start_date", "parties"}
    assert errors["parties"] == ["Add at least one party before sending."]


def test_a_location_agreement_needs_the_location_its_dates_and_fee(world):
    contract = _bare(world, "location", position="", start_date=datetime.date(2027, 3, 1))
    errors = _refusal(world, contract)
    assert set(errors) == {"location", "end_date", "rate"}
    assert "fee" in errors["rate"][0]


def test_a_complete_location_agreement_goes_out(world):
    contract = _bare(
        world,
        "location",
        location="Harbour warehouse, 4 Quay Street",
        start_date=datetime.date(2027, 3, 1),
        end_date=datetime.date(2027, 3, 3),
        rate=Decimal("2500"),
        rate_unit="flat",
        currency="USD",
    )
    assert sending.contract_send(actor=world.office, contract=contract).status == "sent"


def test_other_types_need_a_party_and_the_title(world):
    contract = drafting.contract_create(
        actor=world.office, production=world.production, contract_type="vendor", title="Camera"
    )
    assert set(_refusal(world, contract)) == {"parties"}
    contract.title = "   "  # a title of blanks, as an old import could leave
    assert set(sending.contract_missing(contract)) == {"title", "parties"}


def test_a_complete_deal_memo_is_sent(world):
    contract = draft(world, link_party=False)
    assert sending.contract_missing(contract) == {}
    assert sending.contract_send(actor=world.office, contract=contract).status == "sent"


def test_the_preview_pdf_shows_the_same_warnings(world):
    contract = _bare(world, "crew")
    pdf = sending.contract_preview(actor=world.office, contract=contract)
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    assert "Not ready to send" in text
    for message in sending.contract_missing(contract).values():
        assert message in text


def test_the_contract_page_lists_what_is_missing_and_the_send_names_it_all(world, office):
    contract = _bare(world, "crew")
    url = reverse("web:contract", args=[world.production.code, contract.public_id])
    page = office.get(url).content.decode()
    assert 'id="send-missing"' in page and "Give the position." in page
    answer = office.post(url, {"action": "send", "expires_at": ""}).content.decode()
    for text in ("Give the position.", "Give the start date.", "Give the rate with its unit"):
        assert text in answer


def test_the_api_refusal_names_every_field(world, api_for):
    contract = _bare(world, "crew")
    answer = api_for(world.office).post(
        f"/api/v1/contracts/{contract.public_id}/send/", {}, format="json"
    )
    assert answer.status_code == 400, answer.content
    body = answer.content.decode()
    for field in ("position", "rate", "start_date"):
        assert field in body


def test_bulk_send_reports_the_incomplete_contract_and_sends_the_other(
    world, django_capture_on_commit_callbacks
):
    good, empty = draft(world, link_party=False), _bare(world, "crew")
    with django_capture_on_commit_callbacks(execute=True):
        job = bulk.bulk_send(
            actor=world.office, production=world.production, contracts=[good, empty]
        )
    job.refresh_from_db()
    assert job.is_finished and list(job.errors) == [str(empty.public_id)]
    assert "Give the position." in job.errors[str(empty.public_id)]
    good.refresh_from_db(), empty.refresh_from_db()
    assert (good.status, empty.status) == ("sent", "draft")


def test_the_background_render_refuses_a_contract_emptied_meanwhile(world):
    """Belt and braces: terms emptied behind the service's back never reach a party."""
    contract = draft(world, link_party=False)
    Contract.objects.filter(pk=contract.pk).update(status="sending", position="")
    frozen = sending.contract_freeze(contract_id=contract.pk)
    assert frozen.status == "draft" and "position" in frozen.send_error.lower()
    assert not ContractDocument.objects.filter(contract=contract).exists() and not mail.outbox


def test_the_cli_preview_names_what_is_missing(world, tmp_path):
    contract = _bare(world, "crew")
    out = StringIO()
    target = tmp_path / "memo.pdf"
    call_command("contracts", "preview", contract.reference, "--output", str(target), stdout=out)
    assert target.exists()
    assert "Not ready to send: Give the position." in out.getvalue()
    with pytest.raises(CommandError) as refused:
        call_command("contracts", "send", contract.reference, stdout=StringIO())
    for text in ("Give the position.", "Give the start date.", "Give the rate"):
        assert text in str(refused.value)
