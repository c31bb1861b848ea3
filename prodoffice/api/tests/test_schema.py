"""The OpenAPI schema is complete and valid; the docs page runs offline; one error format."""

from __future__ import annotations

import re

import pytest
import yaml
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema() -> dict:
    """The generated schema, once per module (generation reads no database)."""
    return SchemaGenerator().get_schema(request=None, public=True)


def test_schema_generates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = yaml.safe_load(out.read_text())
    ops = [op for path in schema["paths"].values() for op in path.values()]
    assert len({op["operationId"] for op in ops}) == len(ops)
    assert "/api/v1/engagements/{id}/status/" in schema["paths"]
    assert "/api/v1/productions/{code}/phase/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["tokenAuth"]["scheme"] == "bearer"


def test_schema_is_served(client):
    served = yaml.safe_load(client.get("/api/schema/").content)
    assert served["info"]["title"] == "prodoffice API"
    assert "/api/v1/engagements/" in served["paths"]


def test_no_pay_filter_or_ordering_in_the_schema(schema):
    params = schema["paths"]["/api/v1/engagements/"]["get"]["parameters"]
    names = {p["name"] for p in params}
    assert "rate" not in names and "currency" not in names
    ordering = next(p for p in params if p["name"] == "ordering")
    assert not any("rate" in v for v in ordering["schema"]["items"]["enum"])


def test_every_operation_documents_the_error_format(schema):
    for path, item in schema["paths"].items():
        for method, op in item.items():
            if path != "/api/v1/auth/token/" or method != "post":
                assert "401" in op["responses"], (path, method)
            assert "403" in op["responses"], (path, method)


def test_docs_page_loads_its_scripts_from_static(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<script src="([^"]+)"', html)
    assert sources, html
    assert all(s.startswith("/static/") or s.startswith("/api/docs/") for s in sources)
    assert "<script>" not in html  # no inline script: the CSP allows 'self' only
    for src in sources:
        assert client.get(src).status_code == 200, src
    assert "http://" not in html and "https://" not in html


def test_errors_share_one_format(world, api_for):
    client = api_for(world.office)
    not_found = client.get("/api/v1/engagements/00000000-0000-0000-0000-000000000000/")
    invalid = client.post("/api/v1/productions/", {})
    for response, code in ((not_found, "not_found"), (invalid, "required")):
        body = response.json()
        assert set(body) == {"error"}
        assert set(body["error"]) == {"code", "message", "fields"}
        assert body["error"]["code"] == code
    assert set(invalid.json()["error"]["fields"]) >= {"title", "code", "kind"}


@pytest.mark.parametrize(
    "path",
    ["/api/v1/nothing-here/", "/api/v1/engagements/not-a-uuid/", "/api/v1/engagements?page=1"],
)
def test_unknown_api_paths_answer_404_in_the_error_format(world, api_for, path):
    response = api_for(world.office).get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "not_found"


def test_unknown_api_path_with_a_session_and_no_csrf_token_is_still_a_json_404(world):
    from django.test import Client

    web = Client(enforce_csrf_checks=True)
    web.force_login(world.office)
    response = web.delete("/api/v1/memberships/not-a-number/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_huge_row_ids_answer_404_not_500(world, api_for):
    client = api_for(world.office)
    huge = "9" * 30
    assert client.get(f"/api/v1/memberships/{huge}/").status_code == 404
    assert client.get(f"/api/v1/audit-events/{huge}/").status_code == 404
    person = world.person_b.public_id
    assert client.delete(f"/api/v1/people/{person}/credits/{huge}/").status_code == 404


def test_references_by_public_id_are_written_in_request_schemas(schema):
    """A reference to a public id (not editable on its model) is still a request field: the
    request schemas once dropped them all (a photo's location, an engagement's person ...)."""
    parts = schema["components"]["schemas"]
    for name, field in [
        ("EngagementCreateRequest", "person"),
        ("LocationPhotoUploadRequest", "location"),
        ("LegalDocumentDependRequest", "on"),
        ("VoiceRoleInputRequest", "performer"),
    ]:
        prop = parts[name]["properties"][field]
        assert not prop.get("readOnly"), (name, field)
    assert "location" in parts["LocationPhotoUploadRequest"]["required"]


def test_file_routes_take_multipart_and_json(schema):
    for path in [
        "/api/v1/deliverables/{id}/file/",
        "/api/v1/documents/{id}/upload/",
        "/api/v1/location-photos/",
        "/api/v1/subtitle-files/",
    ]:
        content = schema["paths"][path]["post"]["requestBody"]["content"]
        assert set(content) == {"application/json", "multipart/form-data"}, path
    # Every other write stays JSON only.
    engagement = schema["paths"]["/api/v1/engagements/"]["post"]["requestBody"]["content"]
    assert set(engagement) == {"application/json"}
