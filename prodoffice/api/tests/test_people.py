"""People and companies over the API: private fields, validation, nested records, refusals."""

from __future__ import annotations

import pytest

from prodoffice.people.models import PRIVATE_PERSON_FIELDS, Company, Person
from tests.support.personas import CANARY_ADDRESS, CANARY_PASSPORT

pytestmark = pytest.mark.django_db

URL = "/api/v1/people/"


def detail(person) -> str:
    return f"{URL}{person.public_id}/"


@pytest.mark.parametrize("persona", ["office", "crew_a"])
def test_office_and_self_see_private_fields(world, api_for, persona):
    response = api_for(getattr(world, persona)).get(detail(world.person_a))
    assert response.status_code == 200
    body = response.json()
    assert body["passport_number"] == CANARY_PASSPORT
    assert body["address_line1"] == CANARY_ADDRESS
    assert set(PRIVATE_PERSON_FIELDS) <= set(body)


@pytest.mark.parametrize("persona", ["head", "executive"])
def test_private_fields_hidden_from_production_wide_roles(world, api_for, persona):
    response = api_for(getattr(world, persona)).get(URL)
    assert response.status_code == 200
    text = response.content.decode()
    assert CANARY_PASSPORT not in text and CANARY_ADDRESS not in text
    for row in response.json()["results"]:
        assert not set(PRIVATE_PERSON_FIELDS) & set(row)
    assert str(world.person_a.public_id) in {r["id"] for r in response.json()["results"]}


@pytest.mark.parametrize("persona", ["crew_b", "outsider", "other_office"])
def test_others_get_404(world, api_for, persona):
    client = api_for(getattr(world, persona))
    assert client.get(detail(world.person_a)).status_code == 404
    assert client.patch(detail(world.person_a), {"bio": "x"}).status_code in (403, 404)
    assert Person.objects.get(pk=world.person_a.pk).bio == ""


def test_office_creates_person_with_normalised_phone(world, api_for):
    body = {
        "production": "NIGHTJAR",
        "first_name": "Cleo",
        "last_name": "Gaffney",
        "email": "cleo@example.test",
        "phone": "+44 20 7946 0958",
    }
    response = api_for(world.office).post(URL, body)
    assert response.status_code == 201, response.json()
    assert response.json()["phone"] == "+442079460958"
    assert Person.objects.get(email="cleo@example.test").home_production == world.production


def test_bad_phone_names_the_field(world, api_for):
    response = api_for(world.office).patch(detail(world.person_a), {"phone": "12"})
    assert response.status_code == 400
    assert "phone" in response.json()["error"]["fields"]


def test_duplicate_email_names_the_field(world, api_for):
    body = {"production": "NIGHTJAR", "first_name": "A", "last_name": "B"}
    response = api_for(world.office).post(URL, {**body, "email": world.person_b.email.upper()})
    assert response.status_code == 400
    assert "email" in response.json()["error"]["fields"]
    assert response.json()["error"]["code"] == "duplicate_email"
    assert Person.objects.filter(first_name="A", last_name="B").count() == 0


def test_person_create_for_foreign_production_is_refused(world, api_for):
    body = {"production": "OTHER", "first_name": "A", "last_name": "B"}
    response = api_for(world.office).post(URL, body)
    assert response.status_code == 400
    assert "production" in response.json()["error"]["fields"]


def test_self_edits_own_profile_but_mass_assignment_is_ignored(world, api_for):
    body = {
        "bio": "Grip since 2005.",
        "user": world.office.pk,
        "home_production": world.other.pk,
        "is_staff": True,
        "is_superuser": True,
    }
    response = api_for(world.crew_a).patch(detail(world.person_a), body, format="json")
    assert response.status_code == 200
    fresh = Person.objects.get(pk=world.person_a.pk)
    assert (fresh.bio, fresh.user_id, fresh.home_production_id) == (
        "Grip since 2005.",
        world.crew_a.pk,
        None,
    )
    world.crew_a.refresh_from_db()
    assert not world.crew_a.is_staff and not world.crew_a.is_superuser


def test_head_cannot_edit_people(world, api_for):
    response = api_for(world.head).patch(detail(world.person_a), {"bio": "x"})
    assert response.status_code == 403
    assert Person.objects.get(pk=world.person_a.pk).bio == ""


def test_nested_records_add_and_remove(world, api_for):
    client = api_for(world.office)
    base = detail(world.person_b)
    union = client.post(f"{base}unions/", {"union": "IATSE", "local": "Local 728"})
    language = client.post(f"{base}languages/", {"language": "fr", "proficiency": "fluent"})
    credit = client.post(f"{base}credits/", {"title": "Heron", "year": 2021, "position": "Grip"})
    agency = Company.objects.create(
        name="Agency One", kind="agency", home_production=world.production
    )
    rep = client.post(f"{base}representations/", {"agency": str(agency.public_id)})
    assert [r.status_code for r in (union, language, credit, rep)] == [201] * 4
    body = client.get(base).json()
    assert body["union_memberships"][0]["local"] == "Local 728"
    assert body["languages"][0]["language"] == "fr"
    assert body["representations"][0]["agency"]["name"] == "Agency One"
    assert client.delete(f"{base}credits/{credit.json()['id']}/").status_code == 204
    assert client.get(base).json()["credits"] == []


def test_nested_record_validation_names_the_field(world, api_for):
    client = api_for(world.office)
    bad_lang = client.post(
        f"{detail(world.person_b)}languages/", {"language": "xx-nope", "proficiency": "fluent"}
    )
    assert "language" in bad_lang.json()["error"]["fields"]
    no_agent = client.post(f"{detail(world.person_b)}representations/", {"kind": "agent"})
    assert no_agent.status_code == 400
    assert "agent" in no_agent.json()["error"]["fields"]


def test_nested_records_refused_to_head(world, api_for):
    response = api_for(world.head).post(
        f"{detail(world.person_b)}credits/", {"title": "X", "year": 2020, "position": "Grip"}
    )
    assert response.status_code == 403
    assert not world.person_b.credits.exists()


def test_companies_crud_and_refusals(world, api_for):
    office = api_for(world.office)
    response = office.post(
        "/api/v1/companies/",
        {
            "production": "NIGHTJAR",
            "name": "Lumen Rentals",
            "kind": "vendor",
            "phone": "+1 213 555 0199",
        },
    )
    assert response.status_code == 201, response.json()
    url = f"/api/v1/companies/{response.json()['id']}/"
    assert office.patch(url, {"website": "https://lumen.example"}).json()["website"]
    bad = office.patch(url, {"phone": "not a phone"})
    assert bad.status_code == 400 and "phone" in bad.json()["error"]["fields"]
    assert api_for(world.head).patch(url, {"name": "Hacked"}).status_code == 403
    assert (
        api_for(world.executive)
        .post("/api/v1/companies/", {"name": "X", "kind": "vendor"})
        .status_code
        == 403
    )
    assert api_for(world.outsider).get(url).status_code == 404
    assert api_for(world.other_office).get(url).status_code == 404
    unnamed = office.post("/api/v1/companies/", {"name": "No Home", "kind": "vendor"})
    assert unnamed.status_code == 400 and "production" in unnamed.json()["error"]["fields"]
    assert Company.objects.get(name="Lumen Rentals").phone == "+12135550199"
