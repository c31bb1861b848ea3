"""Productions over the API: membership scoping, create, update, phase, refusals."""

from __future__ import annotations

import pytest

from prodoffice.audit.models import AuditEvent
from prodoffice.productions.models import Meeting, Production

pytestmark = pytest.mark.django_db

URL = "/api/v1/productions/"


def test_members_list_only_their_productions(world, api_for):
    codes = {r["code"] for r in api_for(world.crew_a).get(URL).json()["results"]}
    assert codes == {"NIGHTJAR"}
    assert api_for(world.outsider).get(URL).json()["results"] == []
    assert api_for(world.office).get(f"{URL}OTHER/").status_code == 404


def test_office_creates_production_with_kickoff(world, api_for):
    response = api_for(world.office).post(
        URL, {"title": "Heron", "code": "heron", "kind": "feature", "time_zone": "Europe/London"}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["code"] == "HERON"
    assert response.json()["phase"] == "development"
    assert Meeting.objects.filter(production__code="HERON", kind="kickoff").exists()


def test_duplicate_code_and_bad_time_zone_name_their_fields(world, api_for):
    client = api_for(world.office)
    dup = client.post(URL, {"title": "Again", "code": "nightjar", "kind": "feature"})
    assert dup.status_code == 400 and "code" in dup.json()["error"]["fields"]
    tz = client.post(
        URL, {"title": "T", "code": "TZ1", "kind": "feature", "time_zone": "Mars/Base"}
    )
    assert tz.status_code == 400 and "time_zone" in tz.json()["error"]["fields"]
    assert not Production.objects.filter(code="TZ1").exists()


def test_end_before_start_names_the_field(world, api_for):
    response = api_for(world.office).patch(
        f"{URL}NIGHTJAR/", {"start_date": "2026-05-01", "end_date": "2026-04-01"}
    )
    assert response.status_code == 400
    assert "end_date" in response.json()["error"]["fields"]


def test_mass_assignment_of_phase_and_ids_is_ignored(world, api_for):
    body = {"title": "Nightjar II", "phase": "delivered", "id": 1, "created_at": "2000-01-01"}
    response = api_for(world.office).patch(f"{URL}NIGHTJAR/", body, format="json")
    assert response.status_code == 200
    fresh = Production.objects.get(pk=world.production.pk)
    assert (fresh.title, fresh.phase) == ("Nightjar II", "pre_production")
    assert fresh.created_at == world.production.created_at


def test_phase_action_follows_table_and_is_audited(world, api_for):
    client = api_for(world.office)
    response = client.post(f"{URL}NIGHTJAR/phase/", {"phase": "production"})
    assert response.status_code == 200 and response.json()["phase"] == "production"
    assert AuditEvent.objects.filter(action="production.phase", source="api").exists()
    refused = client.post(f"{URL}NIGHTJAR/phase/", {"phase": "delivered"})
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["phase"]
    assert refused.json()["error"]["code"] == "invalid_transition"


@pytest.mark.parametrize("persona", ["head", "executive", "crew_a"])
def test_non_office_cannot_change_production(world, api_for, persona):
    client = api_for(getattr(world, persona))
    assert client.patch(f"{URL}NIGHTJAR/", {"title": "Hacked"}).status_code == 403
    assert client.post(f"{URL}NIGHTJAR/phase/", {"phase": "production"}).status_code == 403
    assert client.post(URL, {"title": "X", "code": "XX1", "kind": "short"}).status_code == 403
    assert Production.objects.get(pk=world.production.pk).title == "Nightjar"
    assert not Production.objects.filter(code="XX1").exists()


def test_anonymous_gets_401_in_error_format(db, client):
    response = client.get(URL)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_outsider_writes_meet_404_or_403(world, api_for):
    client = api_for(world.outsider)
    assert client.patch(f"{URL}NIGHTJAR/", {"title": "Hacked"}).status_code == 404
    assert client.post(f"{URL}NIGHTJAR/phase/", {"phase": "production"}).status_code == 404
    created = client.post(URL, {"title": "X", "code": "XX2", "kind": "short"})
    assert created.status_code == 403
    assert created.json()["error"]["code"] == "permission_denied"
    assert not Production.objects.filter(code="XX2").exists()
    assert Production.objects.get(pk=world.production.pk).title == "Nightjar"
