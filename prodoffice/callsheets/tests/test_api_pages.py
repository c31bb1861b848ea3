"""The API's call sheets (draft, publish through the gate, recipients) and the PDF page."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from pypdf import PdfReader
from rest_framework.test import APIClient

from prodoffice.callsheets.models import CallSheet
from prodoffice.callsheets.tests.factories import call_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_api(world):
    call_day(world)
    api = APIClient()
    api.force_authenticate(world.office)
    return api


def test_the_api_drafts_once_and_refuses_publishing_over_warnings(office_api):
    body = {"production": "NIGHTJAR", "date": "2027-03-01"}
    first = office_api.post("/api/v1/callsheets/", body, format="json")
    again = office_api.post("/api/v1/callsheets/", body, format="json")
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"] and CallSheet.objects.count() == 1
    detail = office_api.get(f"/api/v1/callsheets/{first.json()['id']}/").json()
    assert detail["content"]["shoot_day"] == 1 and detail["content"]["warnings"]
    refused = office_api.post(
        f"/api/v1/callsheets/{first.json()['id']}/publish/", {}, format="json"
    )
    assert refused.status_code == 400
    assert "override_reason" in refused.json()["error"]["fields"]
    assert CallSheet.objects.get().status == "draft"


def test_a_date_that_is_no_shoot_day_names_the_field(office_api):
    answer = office_api.post(
        "/api/v1/callsheets/", {"production": "NIGHTJAR", "date": "2027-03-03"}, format="json"
    )
    assert answer.status_code == 400 and "date" in answer.json()["error"]["fields"]


def test_the_full_pdf_has_the_front_and_the_back(world, office_api):
    sheet_id = office_api.post(
        "/api/v1/callsheets/", {"production": "NIGHTJAR", "date": "2027-03-01"}, format="json"
    )
    client = Client()
    client.force_login(world.office)
    response = client.get(f"/p/NIGHTJAR/callsheets/{sheet_id.json()['id']}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "CALL SHEET" in text and "1 of 3" in text and "Advance schedule".upper() in text.upper()
    assert "Stage 1" in text and "Ann Lead" in text
