"""The breakdown over the API: scenes with their elements, elements list/retrieve/update."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prodoffice.audit.models import AuditEvent
from prodoffice.scheduling.models import Element, Scene
from prodoffice.scheduling.services.script import script_import
from prodoffice.scheduling.tests.scripts_for_tests import BREAKDOWN_DRAFT

pytestmark = pytest.mark.django_db


@pytest.fixture
def storm(world):
    script_import(
        actor=world.office,
        production=world.production,
        filename="storm.fountain",
        data=BREAKDOWN_DRAFT.encode(),
    )
    return world


def test_scenes_list_with_their_elements(storm, api_for):
    response = api_for(storm.executive).get("/api/v1/scenes/?production=NIGHTJAR&current=true")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [r["number"] for r in rows] == ["1", "2"]
    first = rows[0]
    assert (first["int_ext"], first["set"], first["day_night"]) == ("INT", "KITCHEN", "N")
    assert first["speaking"] == ["ANN", "BOB"]
    assert {(e["name"], e["category"]) for e in first["elements"]} == {
        ("ANN", 100),
        ("BOB", 100),
    }


def test_scene_retrieve_and_other_production_is_404(storm, api_for):
    scene = Scene.objects.get(script__production=storm.production, number="2")
    response = api_for(storm.head).get(f"/api/v1/scenes/{scene.public_id}/")
    assert response.status_code == 200 and response.json()["pages"] == scene.pages
    assert api_for(storm.other_office).get(f"/api/v1/scenes/{scene.public_id}/").status_code == 404
    assert api_for(storm.crew_a).get(f"/api/v1/scenes/{scene.public_id}/").status_code == 404
    assert api_for(storm.crew_a).get("/api/v1/scenes/").json()["results"] == []


def test_elements_filter_by_category_and_review(storm, api_for):
    client = api_for(storm.office)
    rows = client.get("/api/v1/elements/?production=NIGHTJAR&category=100").json()["results"]
    assert {r["name"] for r in rows} == {"ANN", "BOB", "ROBERT"}
    assert all(r["category"]["ucid"] == 100 and r["needs_review"] for r in rows)
    rows = client.get("/api/v1/elements/?q=rob").json()["results"]
    assert [r["name"] for r in rows] == ["ROBERT"]


def test_element_patch_goes_through_the_service(storm, api_for):
    bob = Element.objects.get(name="BOB")
    url = f"/api/v1/elements/{bob.public_id}/"
    response = api_for(storm.office).patch(
        url, {"board_id": "12", "drop_allowed": True, "drop_min_days": 14}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["board_id"], response.json()["drop_min_days"]) == ("12", 14)
    assert AuditEvent.objects.filter(action="breakdown.element_update").count() == 1


def test_element_patch_errors_name_the_field(storm, api_for):
    bob = Element.objects.get(name="BOB")
    url = f"/api/v1/elements/{bob.public_id}/"
    client = api_for(storm.office)
    response = client.patch(url, {"category": 555}, format="json")
    assert response.status_code == 400
    assert "category" in response.json()["error"]["fields"]
    response = client.patch(url, {"drop_min_days": 0}, format="json")
    assert response.status_code == 400 and "drop_min_days" in response.json()["error"]["fields"]
    response = client.patch(url, {"production": "OTHER", "needs_review": False}, format="json")
    bob.refresh_from_db()
    assert bob.production == storm.production and bob.needs_review  # not writable


def test_element_patch_refused_for_heads_and_strangers(storm, api_for):
    bob = Element.objects.get(name="BOB")
    url = f"/api/v1/elements/{bob.public_id}/"
    assert api_for(storm.head).patch(url, {"notes": "x"}, format="json").status_code == 403
    other = api_for(storm.other_office).patch(url, {"notes": "x"}, format="json")
    assert other.status_code == 404
    bob.refresh_from_db()
    assert bob.notes == ""


def test_scene_list_queries_do_not_grow_with_scenes(storm, api_for):
    client = api_for(storm.office)
    client.get("/api/v1/scenes/")  # warm: the assistant-director check is cached on the user
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/scenes/")
    script_import(
        actor=storm.office,
        production=storm.production,
        filename="storm2.fountain",
        data=(BREAKDOWN_DRAFT + "\nINT. HALL - DAY\n\nCAT runs.\n\nCAT\nGo!\n").encode(),
    )
    assert Scene.objects.count() >= 5
    with CaptureQueriesContext(connection) as many:
        client.get("/api/v1/scenes/")
    assert len(many) == len(few)
