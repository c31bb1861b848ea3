"""S-03: the department and position catalogue. The shared catalogue is read-only to every
production (only site administrators change it, through the API, the CLI or a script); a
production adds its own local departments and positions, which only it sees and only its office
changes. No office changes what another production sees (web, API, CLI, admin)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from rest_framework.authtoken.models import Token

from prodoffice.productions.models import Department, Position
from prodoffice.productions.services import catalogue
from tests.support.factories import UserFactory, department, position

pytestmark = pytest.mark.django_db


def _bearer(user) -> Client:
    token = Token.objects.create(user=user)
    return Client(headers={"Authorization": f"Bearer {token.key}"}, raise_request_exception=False)


def _patch(client, url, body):
    return client.patch(url, data=body, content_type="application/json")


def _state(obj) -> tuple:
    obj.refresh_from_db()
    return tuple(getattr(obj, f) for f in ("name" if hasattr(obj, "name") else "title", "order"))


def test_s03_an_office_cannot_change_the_shared_catalogue_on_the_api(world):
    """The reported case: another production's office renamed a department and a position."""
    grip, camera = position("Grip"), department("camera")
    before = (_state(grip), _state(camera))
    client = _bearer(world.other_office)
    answers = [
        _patch(client, f"/api/v1/positions/{grip.pk}/", {"title": "Hijacked"}).status_code,
        _patch(client, f"/api/v1/departments/{camera.pk}/", {"name": "Hijacked"}).status_code,
        client.post(
            "/api/v1/departments/",
            data={"name": "Global Drones", "slug": "global-drones", "order": 5},
            content_type="application/json",
        ).status_code,
    ]
    assert all(code in {400, 403, 404} for code in answers), answers
    assert (_state(grip), _state(camera)) == before
    assert not Department.objects.filter(name="Global Drones").exists()


def test_s03_an_office_cannot_change_the_shared_catalogue_on_the_web(world, client_for):
    grip = position("Grip")
    code = world.other.code
    web = client_for(world.other_office)
    response = web.post(
        f"/p/{code}/catalogue/positions/{grip.pk}/edit/",
        {"department": grip.department_id, "title": "Hijacked", "order": 1},
    )
    assert response.status_code in {403, 404}
    grip.refresh_from_db()
    assert grip.title == "Grip"


def test_s03_local_positions_are_seen_and_changed_by_their_production_only(world):
    office, other = _bearer(world.office), _bearer(world.other_office)
    created = office.post(
        "/api/v1/positions/",
        data={
            "production": world.production.code,
            "department": "camera",
            "title": "Drone Pilot",
            "aliases": "UAV Pilot",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert Position.objects.get(pk=pk).production == world.production
    listed = {row["id"] for row in office.get("/api/v1/positions/?page_size=200").json()["results"]}
    assert pk in listed
    others = {row["id"] for row in other.get("/api/v1/positions/?page_size=200").json()["results"]}
    assert pk not in others
    assert grip_in(others)
    assert other.get(f"/api/v1/positions/{pk}/").status_code == 404
    assert _patch(other, f"/api/v1/positions/{pk}/", {"title": "Hijacked"}).status_code == 404
    assert (
        _patch(office, f"/api/v1/positions/{pk}/", {"title": "Drone Operator"}).status_code == 200
    )
    assert Position.objects.get(pk=pk).title == "Drone Operator"


def grip_in(ids) -> bool:
    return position("Grip").pk in ids


def test_s03_local_departments_and_engagements_stay_in_their_production(world):
    local = catalogue.department_create(
        actor=world.office, production=world.production, name="Drones", slug="drones"
    )
    assert local.production == world.production
    drone = catalogue.position_create(
        actor=world.office, production=world.production, department=local, title="Pilot"
    )
    # The other production's office can neither change it nor hire into it.
    with pytest.raises(PermissionDenied):
        catalogue.position_update(actor=world.other_office, position=drone, title="Hijacked")
    other = _bearer(world.other_office)
    body = {"production": world.other.code, "person": world.other_engagement.person.public_id,
            "position": drone.pk}  # fmt: skip
    response = other.post("/api/v1/engagements/", data=body, content_type="application/json")
    assert response.status_code == 400, response.content
    # A department of another production is no home for a new local position either.
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied or ValidationError
        catalogue.position_create(
            actor=world.other_office, production=world.other, department=local, title="Spy"
        )
    assert not Position.objects.filter(title="Spy").exists()


def test_s03_only_site_administrators_change_the_shared_catalogue(world):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    camera = department("camera")
    response = _patch(_bearer(admin), f"/api/v1/departments/{camera.pk}/", {"name": "Camera Dept"})
    assert response.status_code == 200, response.content
    camera.refresh_from_db()
    assert camera.name == "Camera Dept"
    assert camera.production is None


def test_s03_the_cli_changes_the_shared_catalogue(world):
    call_command("catalogue", "position", "camera", "Drone Pilot", "--aliases", "UAV Pilot")
    made = Position.objects.get(title="Drone Pilot")
    assert made.production is None and made.department.slug == "camera"


def test_s03_the_admin_changes_nothing(world, client_for):
    """The admin shows the catalogue read-only, even to staff."""
    staff = UserFactory(username="staffer", is_staff=True, is_superuser=True)
    web = client_for(staff)
    camera = department("camera")
    web.post(f"/admin/productions/department/{camera.pk}/change/", {"name": "Hijacked"})
    camera.refresh_from_db()
    assert camera.name != "Hijacked"


def test_s03_the_cli_adds_local_entries_and_lists_a_productions_catalogue(world, capsys):
    call_command("catalogue", "department", "drones", "Drones", "--production", "NIGHTJAR")
    call_command(
        "catalogue", "position", "drones", "Pilot", "--years", "2", "--production", "NIGHTJAR"
    )
    pilot = Position.objects.get(title="Pilot")
    assert pilot.production == world.production
    assert pilot.department.slug == "nightjar-drones"
    capsys.readouterr()
    call_command("catalogue", "list", "--production", "OTHER", "--json")
    assert "Pilot" not in capsys.readouterr().out
    call_command("catalogue", "list", "--production", "NIGHTJAR")
    assert "Pilot *" in capsys.readouterr().out


def test_s03_a_local_alias_imports_in_its_production_only(world):
    """The crew import matches titles and aliases of the shared catalogue and its own local
    entries: another production's local position is "not a position of the catalogue"."""
    from prodoffice.productions.services.imports import crew_import

    catalogue.position_create(
        actor=world.office,
        production=world.production,
        department=department("camera"),
        title="Drone Pilot",
        aliases="UAV Pilot",
    )
    data = b"first_name,last_name,email,position\nAl,Sky,al@import.test,UAV Pilot\n"
    report = crew_import(actor=world.other_office, production=world.other, file=data)
    assert [str(e) for e in report.errors] == [
        'line 2, position (column D): "UAV Pilot" is not a position of the catalogue'
    ]
    report = crew_import(actor=world.office, production=world.production, file=data)
    assert report.ok, report.errors
    assert (
        Position.objects.get(title="Drone Pilot").engagements.get().production == world.production
    )
