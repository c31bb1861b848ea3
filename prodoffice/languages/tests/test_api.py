"""The language desk over the API: rates for the office only, status moves through the table,
the QC report in the CLI's shape."""

from __future__ import annotations

import pytest
from django.test import Client

from prodoffice.languages.services import subtitles
from tests.support.factories import MembershipFactory, ProductionFactory, UserFactory

from .factories import LinguistPairFactory, WorkItemFactory, office
from .helpers import srt

pytestmark = pytest.mark.django_db


def bearer(user) -> Client:
    from rest_framework.authtoken.models import Token

    return Client(headers={"Authorization": f"Bearer {Token.objects.create(user=user).key}"})


@pytest.fixture
def production():
    return ProductionFactory(code="API")


def test_rates_are_for_the_office_only(production):
    LinguistPairFactory(linguist__production=production, rate="987654.32")
    head = UserFactory(username="exec")
    MembershipFactory(user=head, production=production, role="studio_executive")
    rows = bearer(office(production)).get("/api/v1/linguists/?production=API").json()["results"]
    assert rows[0]["pairs"][0]["rate"] == "987654.32"
    answer = bearer(head).get("/api/v1/linguists/?production=API")
    assert answer.status_code == 200 and "987654.32" not in answer.content.decode()


def test_status_moves_follow_the_table(production):
    item = WorkItemFactory(production=production)
    client = bearer(office(production))
    path = f"/api/v1/language-work/{item.public_id}/status/"
    ok = client.post(path, {"status": "in_progress"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["status"] == "in_progress"
    refused = client.post(path, {"status": "approved"}, content_type="application/json")
    assert refused.status_code == 400
    assert "Cannot go from in_progress to approved" in refused.content.decode()


def test_qc_report_in_the_cli_shape(production):
    coord = office(production)
    version = subtitles.subtitle_version_upload(
        actor=coord,
        production=production,
        language="en",
        name="EN",
        filename="en.srt",
        data=srt((0, 500, "Hi.")).encode(),
        fps="25",
    )
    answer = (
        bearer(coord).get(f"/api/v1/subtitle-files/{version.subtitle_file.public_id}/qc/").json()
    )
    assert answer["events"] == 1 and answer["fps"] == "25"
    assert answer["violations"] == [
        {
            "event": 1,
            "rule": "min_duration",
            "start": "00:00:00.000",
            "message": "lasts 13 frames (0.52 s); at least 0.833 s",
        }
    ]
