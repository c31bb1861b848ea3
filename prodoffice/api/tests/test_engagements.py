"""Engagements over the API: the crew list, its filters, pay visibility, writes and refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from prodoffice.audit.models import AuditEvent
from prodoffice.productions.models import Engagement
from tests.support.factories import EngagementFactory, PersonFactory, position
from tests.support.personas import CANARY_RATE

pytestmark = pytest.mark.django_db

URL = "/api/v1/engagements/"


def detail(engagement) -> str:
    return f"{URL}{engagement.public_id}/"


def ids(response) -> set[str]:
    return {row["id"] for row in response.json()["results"]}


def test_office_lists_whole_production_with_rates(world, api_for):
    response = api_for(world.office).get(URL, {"production": "NIGHTJAR"})
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["results"]}
    assert set(rows) == {str(world.engagement_a.public_id), str(world.engagement_b.public_id)}
    assert rows[str(world.engagement_a.public_id)]["rate"] == str(CANARY_RATE)


@pytest.mark.parametrize("persona", ["head", "executive", "crew_b"])
def test_rates_hidden_from_everyone_but_office_and_self(world, api_for, persona):
    response = api_for(getattr(world, persona)).get(URL)
    assert response.status_code == 200
    assert str(CANARY_RATE) not in response.content.decode()
    for row in response.json()["results"]:
        if row["id"] == str(world.engagement_a.public_id):
            assert "rate" not in row and "currency" not in row and "rate_unit" not in row


def test_crew_sees_own_engagement_and_rate_only(world, api_for):
    response = api_for(world.crew_a).get(URL)
    assert ids(response) == {str(world.engagement_a.public_id)}
    assert response.json()["results"][0]["rate"] == str(CANARY_RATE)
    assert api_for(world.crew_a).get(detail(world.engagement_b)).status_code == 404


def test_other_production_answers_404(world, api_for):
    assert api_for(world.office).get(detail(world.other_engagement)).status_code == 404
    response = api_for(world.office).patch(detail(world.other_engagement), {"notes": "x"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_filters_and_ordering_are_whitelists(world, api_for):
    client = api_for(world.office)
    electricians = client.get(URL, {"position": world.engagement_b.position_id})
    assert ids(electricians) == {str(world.engagement_b.public_id)}
    assert ids(client.get(URL, {"q": "canary"})) == {str(world.engagement_a.public_id)}
    assert ids(client.get(URL, {"department": "lighting-grip", "status": "confirmed"})) == ids(
        client.get(URL)
    )
    # `?rate=` is no filter: it changes nothing, so it cannot be used to probe pay.
    assert ids(client.get(URL, {"rate": "1"})) == ids(client.get(URL))
    # Sorting by pay is refused like any unknown key: 400 naming `ordering`, whatever the rows.
    by_rate = client.get(URL, {"ordering": "-rate"})
    assert by_rate.status_code == 400 and "ordering" in by_rate.json()["error"]["fields"]
    names = [r["person"]["name"] for r in client.get(URL, {"ordering": "-name"}).json()["results"]]
    assert names == sorted(names, key=lambda n: n.split()[-1], reverse=True)


def test_foreign_production_code_filter_is_refused_like_an_unknown_one(world, api_for):
    client = api_for(world.office)
    foreign = client.get(URL, {"production": "OTHER"})
    unknown = client.get(URL, {"production": "NOPE"})
    assert foreign.status_code == unknown.status_code == 400
    assert "production" in foreign.json()["error"]["fields"]


def test_office_creates_engagement_with_rate(world, api_for):
    person = PersonFactory(home_production=world.production)
    body = {
        "production": "NIGHTJAR",
        "person": str(person.public_id),
        "position": position("Best Boy Electric").pk,
        "rate": "450.00",
        "rate_unit": "day",
        "currency": "usd",
    }
    response = api_for(world.office).post(URL, body)
    assert response.status_code == 201, response.json()
    created = Engagement.objects.get(public_id=response.json()["id"])
    assert (created.rate, created.currency, created.status) == (
        Decimal("450.00"),
        "USD",
        "prospect",
    )
    assert AuditEvent.objects.filter(action="engagement.create", source="api").exists()


def test_unknown_production_code_names_the_field(world, api_for):
    body = {"production": "NOPE", "person": str(world.person_b.public_id), "position": 1}
    response = api_for(world.office).post(URL, body)
    assert response.status_code == 400
    assert "production" in response.json()["error"]["fields"]


def test_rate_without_currency_names_the_field(world, api_for):
    response = api_for(world.office).patch(
        detail(world.engagement_b), {"rate": "300.00", "rate_unit": "day"}
    )
    assert response.status_code == 400
    assert "currency" in response.json()["error"]["fields"]
    assert Engagement.objects.get(pk=world.engagement_b.pk).rate is None


def test_end_before_start_names_the_field(world, api_for):
    response = api_for(world.office).patch(
        detail(world.engagement_b), {"start_date": "2026-03-10", "end_date": "2026-03-01"}
    )
    assert response.status_code == 400
    assert "end_date" in response.json()["error"]["fields"]


def test_reporting_cycle_names_the_field(world, api_for):
    client = api_for(world.office)
    client.patch(detail(world.engagement_b), {"reports_to": str(world.engagement_a.public_id)})
    response = client.patch(
        detail(world.engagement_a), {"reports_to": str(world.engagement_b.public_id)}
    )
    assert response.status_code == 400
    assert "reports_to" in response.json()["error"]["fields"]
    assert response.json()["error"]["code"] == "cycle"
    assert Engagement.objects.get(pk=world.engagement_a.pk).reports_to_id is None


def test_mass_assignment_leaves_engagement_unchanged(world, api_for):
    eng = world.engagement_b
    body = {
        "production": world.other.code,
        "status": "wrapped",
        "experience_warning": "forged",
        "created_at": "2000-01-01T00:00:00Z",
        "person": str(world.person_a.public_id),
        "id": "00000000-0000-0000-0000-000000000000",
    }
    response = api_for(world.office).patch(detail(eng), body, format="json")
    assert response.status_code == 200
    fresh = Engagement.objects.get(pk=eng.pk)
    assert (fresh.production_id, fresh.status, fresh.experience_warning) == (
        eng.production_id,
        "confirmed",
        "",
    )
    assert (fresh.person_id, fresh.public_id, fresh.created_at) == (
        eng.person_id,
        eng.public_id,
        eng.created_at,
    )


def test_department_head_cannot_set_pay(world, api_for):
    response = api_for(world.head).patch(
        detail(world.engagement_b), {"rate": "1.00", "rate_unit": "day", "currency": "USD"}
    )
    assert response.status_code == 400
    assert "rate" in response.json()["error"]["fields"]
    assert Engagement.objects.get(pk=world.engagement_b.pk).rate is None


def test_head_edits_own_department_but_not_others(world, api_for):
    assert api_for(world.head).patch(detail(world.engagement_b), {"notes": "ok"}).status_code == 200
    camera = EngagementFactory(production=world.production, position=position("Camera Operator"))
    response = api_for(world.head).patch(detail(camera), {"notes": "no"})
    assert response.status_code == 403
    assert Engagement.objects.get(pk=camera.pk).notes == ""


@pytest.mark.parametrize("persona", ["executive", "crew_a", "crew_b", "outsider"])
def test_writes_refused_to_non_editors(world, api_for, persona):
    response = api_for(getattr(world, persona)).post(
        f"{detail(world.engagement_a)}status/", {"status": "wrapped"}
    )
    assert response.status_code in (403, 404)
    assert response.json()["error"]["code"] in ("permission_denied", "read_only_role", "not_found")
    assert Engagement.objects.get(pk=world.engagement_a.pk).status == "confirmed"


def test_executive_write_is_403(world, api_for):
    response = api_for(world.executive).patch(detail(world.engagement_b), {"notes": "x"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "read_only_role"


def test_status_action_follows_transition_table(world, api_for):
    client = api_for(world.office)
    response = client.post(f"{detail(world.engagement_b)}status/", {"status": "wrapped"})
    assert response.status_code == 200
    assert response.json()["status"] == "wrapped"
    refused = client.post(f"{detail(world.engagement_b)}status/", {"status": "offered"})
    assert refused.status_code == 400
    assert "status" in refused.json()["error"]["fields"]


def test_experience_warning_is_shown_read_only(world, api_for):
    novice = PersonFactory(home_production=world.production, years_experience=1)
    body = {
        "production": "NIGHTJAR",
        "person": str(novice.public_id),
        "position": position("Gaffer").pk,
    }
    response = api_for(world.office).post(URL, body)
    assert response.status_code == 201
    assert "key position" in response.json()["experience_warning"]
