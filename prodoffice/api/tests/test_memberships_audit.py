"""Memberships (managed by the office) and the audit log (read by the office) over the API."""

from __future__ import annotations

import pytest

from prodoffice.accounts.models import Membership
from prodoffice.audit import services as audit
from prodoffice.audit.models import AuditEvent
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/memberships/"
AUDIT = "/api/v1/audit-events/"


def test_office_lists_memberships_of_its_production_only(world, api_for):
    response = api_for(world.office).get(URL)
    assert response.status_code == 200
    assert {r["production"] for r in response.json()["results"]} == {"NIGHTJAR"}
    assert {r["user"]["username"] for r in response.json()["results"]} >= {"crew_a", "head"}


@pytest.mark.parametrize("persona", ["head", "executive", "crew_a", "outsider"])
def test_non_office_see_no_memberships(world, api_for, persona):
    assert api_for(getattr(world, persona)).get(URL).json()["results"] == []


def test_office_grants_changes_and_removes_a_role(world, api_for):
    newcomer = UserFactory(username="newcomer")
    client = api_for(world.office)
    body = {"production": "NIGHTJAR", "user": "newcomer", "role": "crew"}
    created = client.post(URL, body)
    assert created.status_code == 201, created.json()
    url = f"{URL}{created.json()['id']}/"
    head = client.patch(url, {"role": "department_head", "department": "camera"})
    assert head.status_code == 200 and head.json()["department"] == "camera"
    assert client.delete(url).status_code == 204
    assert not Membership.objects.filter(user=newcomer).exists()
    assert AuditEvent.objects.filter(action="membership.remove", source="api").exists()


def test_membership_validation_names_the_field(world, api_for):
    client = api_for(world.office)
    headless = client.post(
        URL, {"production": "NIGHTJAR", "user": "outsider", "role": "department_head"}
    )
    assert headless.status_code == 400
    assert "department" in headless.json()["error"]["fields"]
    foreign = client.post(URL, {"production": "OTHER", "user": "outsider", "role": "crew"})
    assert foreign.status_code == 400 and "production" in foreign.json()["error"]["fields"]
    unknown = client.post(URL, {"production": "NIGHTJAR", "user": "ghost", "role": "crew"})
    assert unknown.status_code == 400 and "user" in unknown.json()["error"]["fields"]
    assert not Membership.objects.filter(user=world.outsider).exists()


def test_crew_cannot_promote_themself(world, api_for):
    own = Membership.objects.get(user=world.crew_a)
    response = api_for(world.crew_a).patch(f"{URL}{own.pk}/", {"role": "producer"})
    assert response.status_code == 404
    assert Membership.objects.get(pk=own.pk).role == "crew"
    created = api_for(world.crew_a).post(
        URL, {"production": "NIGHTJAR", "user": "crew_a", "role": "producer"}
    )
    assert created.status_code == 400
    assert Membership.objects.get(pk=own.pk).role == "crew"


def test_office_reads_audit_of_its_production_filtered_by_target(world, api_for):
    client = api_for(world.office)
    client.patch(f"/api/v1/engagements/{world.engagement_b.public_id}/", {"notes": "Audited"})
    client.patch("/api/v1/productions/NIGHTJAR/", {"title": "Nightjar (2026)"})
    response = client.get(
        AUDIT, {"target_type": "productions.engagement", "target_id": world.engagement_b.pk}
    )
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [r["action"] for r in rows] == ["engagement.update"]
    assert rows[0]["actor"] == "office" and rows[0]["source"] == "api"
    assert rows[0]["changes"] == {"notes": ["", "Audited"]}
    by_production = client.get(AUDIT, {"production": "NIGHTJAR"}).json()["results"]
    assert {"engagement.update", "production.update"} <= {r["action"] for r in by_production}


def test_audit_is_office_only_and_per_production(world, api_for):
    api_for(world.other_office).patch("/api/v1/productions/OTHER/", {"title": "Other II"})
    event = AuditEvent.objects.get(action="production.update")
    assert api_for(world.office).get(f"{AUDIT}{event.pk}/").status_code == 404
    assert api_for(world.office).get(AUDIT, {"production": "OTHER"}).json()["results"] == []
    for persona in ("head", "executive", "crew_a"):
        assert api_for(getattr(world, persona)).get(AUDIT).json()["results"] == []
    assert api_for(world.other_office).get(f"{AUDIT}{event.pk}/").status_code == 200


def test_audit_log_is_read_only(world, api_for):
    client = api_for(world.office)
    assert client.post(AUDIT, {"action": "forged"}).status_code == 405
    event = audit.record(
        actor=None, action="x", target=world.production, production=world.production
    )
    assert client.delete(f"{AUDIT}{event.pk}/").status_code == 405
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_role_changes_keep_the_countersigning_right_unless_told(world, api_for):
    """A POST or PATCH that does not mention `can_countersign` keeps it; a role outside the
    office drops it; saying it sets it."""
    coordinator = UserFactory(username="coordinator2")
    client = api_for(world.office)
    created = client.post(
        URL,
        {
            "production": "NIGHTJAR",
            "user": "coordinator2",
            "role": "coordinator",
            "can_countersign": True,
        },
    )
    assert created.status_code == 201 and created.json()["can_countersign"] is True
    url = f"{URL}{created.json()['id']}/"
    patched = client.patch(url, {"role": "production_manager"})
    assert patched.status_code == 200 and patched.json()["can_countersign"] is True
    again = client.post(
        URL, {"production": "NIGHTJAR", "user": "coordinator2", "role": "coordinator"}
    )
    assert again.status_code == 201 and again.json()["can_countersign"] is True
    assert Membership.objects.get(user=coordinator).can_countersign is True
    demoted = client.patch(url, {"role": "crew"})
    assert demoted.status_code == 200 and demoted.json()["can_countersign"] is False
    refused = client.patch(url, {"can_countersign": True})
    assert refused.status_code == 400 and "can_countersign" in refused.json()["error"]["fields"]
    assert Membership.objects.get(user=coordinator).can_countersign is False
