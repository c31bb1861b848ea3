"""S-03: companies (and agents) follow the rules of people. A company is visible to the
productions that reference it (studio, production company, the agency or contact of a person
engaged there, contracts, the production whose office added it) and changed only by their office;
a company two productions reference is changed by neither (site administrators still can)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from rest_framework.authtoken.models import Token

from prodoffice.people import services as people
from prodoffice.people.models import Company
from prodoffice.productions.models import Production
from tests.support.factories import CompanyFactory, UserFactory

pytestmark = pytest.mark.django_db


def _bearer(user) -> Client:
    token = Token.objects.create(user=user)
    return Client(headers={"Authorization": f"Bearer {token.key}"}, raise_request_exception=False)


def _patch(client, company, body):
    return client.patch(
        f"/api/v1/companies/{company.public_id}/", data=body, content_type="application/json"
    )


def _listed(client) -> set[str]:
    rows = client.get("/api/v1/companies/?page_size=200").json()["results"]
    return {row["id"] for row in rows}


@pytest.fixture
def agency_a(world) -> Company:
    """An agency only production A uses: it represents crew A, who is engaged there."""
    agency = CompanyFactory(name="Canary Talent", kind="agency")
    people.representation_add(actor=None, person=world.person_a, agency=agency)
    return agency


@pytest.fixture
def shared_studio(world) -> Company:
    """A studio behind both productions."""
    studio = CompanyFactory(name="Big Studio", kind="studio")
    Production.objects.filter(pk__in=[world.production.pk, world.other.pk]).update(studio=studio)
    return studio


def test_s03_another_productions_office_neither_lists_nor_changes_a_company(world, agency_a):
    """The reported case: OTHER's office listed and PATCHed the agency only NIGHTJAR uses."""
    other = _bearer(world.other_office)
    assert str(agency_a.public_id) not in _listed(other)
    assert other.get(f"/api/v1/companies/{agency_a.public_id}/").status_code == 404
    assert _patch(other, agency_a, {"name": "Hijacked"}).status_code == 404
    web = Client()
    web.force_login(world.other_office)
    page = web.get(f"/p/{world.other.code}/companies/").content.decode()
    assert "Canary Talent" not in page
    assert web.get(f"/p/{world.other.code}/companies/{agency_a.public_id}/").status_code == 404
    agency_a.refresh_from_db()
    assert agency_a.name == "Canary Talent"


def test_s03_the_office_of_the_one_production_changes_its_company(world, agency_a):
    office = _bearer(world.office)
    assert str(agency_a.public_id) in _listed(office)
    assert _patch(office, agency_a, {"email": "desk@canary.example"}).status_code == 200
    agency_a.refresh_from_db()
    assert agency_a.email == "desk@canary.example"


def test_s03_a_shared_company_is_read_only_to_every_production(world, shared_studio):
    for user in (world.office, world.other_office):
        client = _bearer(user)
        assert str(shared_studio.public_id) in _listed(client)
        assert _patch(client, shared_studio, {"name": "Hijacked"}).status_code == 403
        with pytest.raises(PermissionDenied):
            people.company_update(actor=user, company=shared_studio, name="Hijacked")
    shared_studio.refresh_from_db()
    assert shared_studio.name == "Big Studio"
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    assert _patch(_bearer(admin), shared_studio, {"name": "Bigger Studio"}).status_code == 200


def test_s03_a_company_added_by_an_office_belongs_to_its_production(world):
    other = _bearer(world.other_office)
    body = {"production": world.other.code, "name": "Night Owls Catering", "kind": "vendor"}
    response = other.post("/api/v1/companies/", data=body, content_type="application/json")
    assert response.status_code == 201, response.content
    made = Company.objects.get(name="Night Owls Catering")
    assert made.home_production == world.other
    assert str(made.public_id) in _listed(other)
    assert str(made.public_id) not in _listed(_bearer(world.office))
    # Naming a production the caller does not run is refused, and nothing is created.
    body = {"production": world.production.code, "name": "Sneaky Co", "kind": "vendor"}
    response = other.post("/api/v1/companies/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert not Company.objects.filter(name="Sneaky Co").exists()


def test_s03_agents_of_other_productions_cannot_be_attached(world, agency_a):
    """Naming another production's agency on one's own person is refused like an unknown id."""
    other = _bearer(world.other_office)
    person = world.other_engagement.person
    response = other.post(
        f"/api/v1/people/{person.public_id}/representations/",
        data={"agency": str(agency_a.public_id), "kind": "agent"},
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    assert not person.representations.exists()
