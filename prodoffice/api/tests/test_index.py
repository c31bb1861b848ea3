"""`GET /api/v1/`: the index of the API's resources, in the API's JSON and in the schema."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_index_lists_every_resource_with_a_url_that_answers(world, api_for):
    client = api_for(world.office)
    response = client.get("/api/v1/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["version"] == "v1"
    resources = body["resources"]
    expected = {"productions", "engagements", "people", "contracts", "scenes", "boards"}
    assert expected <= set(resources)
    assert resources["engagements"] == "http://testserver/api/v1/engagements/"
    for url in resources.values():
        assert client.get(url.removeprefix("http://testserver")).status_code == 200, url
    assert body["me"] == "http://testserver/api/v1/me/"
    assert body["auth_token"] == "http://testserver/api/v1/auth/token/"
    assert body["schema"] == "http://testserver/api/schema/"
    assert body["docs"] == "http://testserver/api/docs/"


def test_index_refuses_anonymous_callers_in_the_error_format(db):
    response = APIClient().get("/api/v1/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_index_is_an_operation_of_the_schema():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/api/v1/"]["get"]
    assert operation["operationId"] == "api_index"
    assert {"200", "401", "403"} <= set(operation["responses"])
