"""The editable catalogue and opening productions: services, web pages and API."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prodoffice.audit.models import AuditEvent
from prodoffice.productions.models import Department, Production
from prodoffice.productions.services import catalogue
from tests.support.factories import UserFactory, position

pytestmark = pytest.mark.django_db


def test_office_adds_a_position_with_a_default_superior(world):
    sound = Department.objects.get(slug="sound")
    pos = catalogue.position_create(
        actor=world.office,
        production=world.production,
        department=sound,
        title="Playback Operator",
        min_years_experience=2,
        reports_to=position("Production Sound Mixer"),
    )
    assert pos.reports_to.title == "Production Sound Mixer"
    assert pos.production == world.production
    assert AuditEvent.objects.for_user(world.office).filter(action="position.create").exists()


def test_crew_and_executives_cannot_edit_the_catalogue(world):
    for user in (world.crew_a, world.executive, world.head):
        with pytest.raises(PermissionDenied):
            catalogue.position_update(actor=user, position=position("Grip"), is_key=True)
    assert not position("Grip").is_key


def test_position_reporting_cycle_refused(world):
    admin = UserFactory(username="root", is_superuser=True)
    with pytest.raises(ValidationError) as exc:
        catalogue.position_update(
            actor=admin,
            position=position("Production Manager"),
            reports_to=position("Production Assistant"),
        )
    assert "cycle" in exc.value.message_dict["reports_to"][0]
    assert position("Production Manager").reports_to.title == "Line Producer"


def test_duplicate_department_name_named_on_field(world):
    with pytest.raises(ValidationError) as exc:
        catalogue.department_create(
            actor=world.office, production=world.production, name="Camera", slug="camera-2"
        )
    assert "name" in exc.value.message_dict


def test_open_production_from_the_web(world, client_for):
    c = client_for(world.office)
    response = c.post(
        "/productions/new/",
        {
            "title": "Heron",
            "code": "heron",
            "kind": "feature",
            "original_language": "fr",
            "time_zone": "Europe/Paris",
            "currency": "EUR",
            "use_24h_clock": "on",
        },
    )
    assert response.status_code == 302
    prod = Production.objects.get(code="HERON")
    assert prod.meetings.filter(kind="kickoff").exists()
    assert response["Location"] == "/p/HERON/"


def test_open_production_errors_name_the_field(world, client_for):
    response = client_for(world.office).post(
        "/productions/new/",
        {
            "title": "Heron",
            "code": "NIGHTJAR",
            "kind": "feature",
            "original_language": "en",
            "time_zone": "Mars/Olympus",
            "currency": "USD",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "code" in errors or "time_zone" in errors
    assert not Production.objects.filter(title="Heron").exists()


def test_crew_cannot_open_productions(world, client_for):
    assert client_for(world.crew_a).get("/productions/new/").status_code == 403


def test_production_settings_saved_and_refused_to_crew(world, client_for):
    url = "/p/NIGHTJAR/settings/"
    assert client_for(world.crew_a).get(url).status_code == 403
    c = client_for(world.office)
    page = c.get(url)
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data.update({"title": "Nightjar (working title)", "studio": "", "production_company": ""})
    response = c.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    world.production.refresh_from_db()
    assert world.production.title == "Nightjar (working title)"


def test_catalogue_page_lists_positions_and_edit_form_saves(world, client_for):
    c = client_for(world.office)
    page = c.get("/p/NIGHTJAR/catalogue/")
    assert b"Production Assistant" in page.content and b"Key" in page.content
    camera = Department.objects.get(slug="camera")
    local = catalogue.position_create(
        actor=world.office, production=world.production, department=camera, title="Drone Pilot"
    )
    response = c.post(
        f"/p/NIGHTJAR/catalogue/positions/{local.pk}/edit/",
        {
            "department": camera.pk,
            "title": "Drone Pilot",
            "min_years_experience": 1,
            "order": local.order,
            "aliases": "UAV Pilot",
        },
    )
    assert response.status_code == 302
    local.refresh_from_db()
    assert local.aliases == "UAV Pilot"
    assert b"Drone Pilot" in c.get("/p/NIGHTJAR/catalogue/").content
    grip = position("Grip")
    # The shared catalogue is read-only to the office; crew edit nothing.
    assert c.get(f"/p/NIGHTJAR/catalogue/positions/{grip.pk}/edit/").status_code == 403
    assert (
        client_for(world.crew_a)
        .get(f"/p/NIGHTJAR/catalogue/positions/{local.pk}/edit/")
        .status_code
        == 403
    )


def test_catalogue_api_read_by_members_written_by_office(world, api_for):
    listing = api_for(world.crew_a).get("/api/v1/positions/?page_size=500")
    assert listing.status_code == 200
    assert any(p["title"] == "Gaffer" for p in listing.json()["results"])
    assert api_for(world.outsider).get("/api/v1/positions/").json()["count"] == 0
    body = {"name": "Drones", "slug": "drones", "production": "NIGHTJAR"}
    refused = api_for(world.crew_a).post("/api/v1/departments/", body)
    assert refused.status_code == 400  # NIGHTJAR is not a production crew A runs
    shared = api_for(world.office).post("/api/v1/departments/", {"name": "Drones", "slug": "d"})
    assert shared.status_code == 403
    made = api_for(world.office).post("/api/v1/departments/", body)
    assert made.status_code == 201, made.content
    assert made.json()["slug"] == "nightjar-drones" and made.json()["production"] == "NIGHTJAR"
    pos = api_for(world.office).post(
        "/api/v1/positions/",
        {
            "production": "NIGHTJAR",
            "department": "nightjar-drones",
            "title": "Drone Pilot",
            "min_years_experience": 3,
            "is_key": True,
        },
    )
    assert pos.status_code == 201 and pos.json()["department"] == "nightjar-drones"


def test_the_aliases_migration_adds_the_trades_spellings_and_keeps_the_offices(db):
    import importlib

    from django.apps import apps

    from prodoffice.productions.models import Position

    migration = importlib.import_module(
        "prodoffice.productions.migrations.0004_position_trade_aliases"
    )
    boom = Position.objects.get(title="Boom Operator")
    boom.aliases = "Boom, Perche"  # as seeded before, plus one the office added
    boom.save()
    migration.add_aliases(apps, None)
    boom.refresh_from_db()
    assert boom.aliases.startswith("Boom, Perche, Boom Op")
    assert boom.aliases.count("Boom,") == 1
