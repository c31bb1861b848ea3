"""A contract drafted from an engagement carries its terms and its person, on every interface."""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from prodoffice.contracts.importer import contracts_import
from prodoffice.contracts.models import Contract
from prodoffice.contracts.services import drafting, sending
from prodoffice.people.models import UnionMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def engaged(world):
    """Crew A's engagement as a grip in euros, with dates and an IATSE card."""
    engagement = world.engagement_a
    engagement.rate, engagement.rate_unit, engagement.currency = Decimal("480.00"), "day", "EUR"
    engagement.start_date = datetime.date(2027, 3, 1)
    engagement.end_date = datetime.date(2027, 4, 30)
    engagement.save()
    UnionMembership.objects.create(person=world.person_a, union="IATSE", local="Local 80")
    return engagement


def _assert_carries(contract: Contract, engagement) -> None:
    contract.refresh_from_db()
    assert contract.engagement == engagement
    assert (contract.position, contract.department) == ("Grip", "Lighting and Grip")
    assert (contract.rate, contract.rate_unit, contract.currency) == (Decimal("480"), "day", "EUR")
    assert contract.start_date == datetime.date(2027, 3, 1)
    assert contract.end_date == datetime.date(2027, 4, 30)
    assert contract.union == "IATSE Local 80"
    first = contract.parties.order_by("order", "id").first()
    assert first is not None and first.person == engagement.person
    assert first.email == engagement.person.email and first.role == "crew"


def test_the_service_copies_the_engagements_terms_and_person(world, engaged):
    contract = drafting.contract_create(
        actor=world.office,
        production=world.production,
        contract_type="crew",
        title="Deal memo",
        engagement=engaged,
    )
    _assert_carries(contract, engaged)


def test_terms_typed_by_the_office_win_and_the_rate_keeps_its_own_currency(world, engaged):
    contract = drafting.contract_create(
        actor=world.office,
        production=world.production,
        contract_type="crew",
        title="Deal memo",
        engagement=engaged,
        position="Best Boy Grip",
        rate=Decimal("500"),
        rate_unit="week",
        currency="USD",
    )
    assert (contract.position, contract.department) == ("Best Boy Grip", "Lighting and Grip")
    assert (contract.rate, contract.rate_unit, contract.currency) == (Decimal("500"), "week", "USD")


def test_linking_an_engagement_to_a_draft_fills_its_blanks_and_adds_the_person(world, engaged):
    contract = drafting.contract_create(
        actor=world.office, production=world.production, contract_type="crew", title="Memo"
    )
    assert not contract.parties.exists()
    drafting.contract_update(actor=world.office, contract=contract, engagement=engaged)
    _assert_carries(contract, engaged)


def test_the_web_form_drafts_from_an_engagement(world, engaged, office):
    form = {
        "contract_type": "crew",
        "title": "Deal memo",
        "engagement": engaged.pk,
        "currency": "USD",
    }  # fmt: skip  (the form's initial currency is the production's)
    answer = office.post(reverse("web:contract_new", args=[world.production.code]), form)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    _assert_carries(Contract.objects.get(), engaged)


def test_the_api_drafts_from_an_engagement(world, engaged, api_for):
    body = {"production": world.production.code, "contract_type": "crew", "title": "Deal memo",
            "engagement": str(engaged.public_id)}  # fmt: skip
    answer = api_for(world.office).post("/api/v1/contracts/", body, format="json")
    assert answer.status_code == 201, answer.content
    assert answer.data["terms"]["department"] == "Lighting and Grip"
    assert [p["email"] for p in answer.data["parties"]] == [world.person_a.email]
    _assert_carries(Contract.objects.get(), engaged)


def test_the_import_fills_the_blanks_from_the_engagement(world, engaged):
    data = f"Type,Title,Party email,Rate\ncrew,Deal memo,{world.person_a.email},\n".encode()
    report = contracts_import(actor=None, production=world.production, file=data)
    assert report.ok and report.imported == 1, report.errors
    contract = Contract.objects.get()
    _assert_carries(contract, engaged)
    assert contract.parties.count() == 1


def test_the_cli_drafts_from_the_engagement(world, engaged, tmp_path):
    path = tmp_path / "deals.csv"
    path.write_text(f"type,title,party_email\ncrew,Deal memo,{world.person_a.email}\n")
    out = StringIO()
    call_command("contracts", "import", str(path), "--production", "NIGHTJAR", stdout=out)
    _assert_carries(Contract.objects.get(), engaged)


def test_the_document_prints_the_engagements_terms(world, engaged):
    contract = drafting.contract_create(
        actor=world.office,
        production=world.production,
        contract_type="crew",
        title="Deal memo",
        engagement=engaged,
    )
    pdf = sending.contract_preview(actor=world.office, contract=contract)
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    for expected in (
        "Department",
        "Lighting and Grip",
        "EUR 480.00",
        "2027-03-01",
        "IATSE Local 80",
    ):
        assert expected in text
    assert world.person_a.email in text
