"""F-08 everywhere (issue 11, item 4): every API POST that creates (and every POST action)
honours an Idempotency-Key, not only the contract verbs.

The same key and body replays the first answer without acting again; another body with that key
answers 422; keys belong to their user and expire after 24 hours. Operations are discovered from
the OpenAPI schema, so a new viewset or action cannot forget the key.
"""

from __future__ import annotations

import datetime
import json
import uuid
from unittest import mock

import pytest
from django.apps import apps
from django.urls import resolve
from django.utils import timezone

from prodoffice.api.base import ScopedViewSet
from prodoffice.api.idempotency import HEADER
from prodoffice.api.models import IdempotentRequest
from prodoffice.api.services import idempotent_answers_purge
from tests.security import harness as h
from tests.security.route_matrix import CSRF_FREE, OPERATIONS
from tests.support.security import openapi_schema

pytestmark = pytest.mark.django_db

#: POSTs that carry their credentials in the body (no user, nothing to scope a key to).
ANONYMOUS_POSTS = {"POST /api/v1/auth/token/", *CSRF_FREE}
POSTS = [key for key, method, _ in h.operations() if method == "POST"]
KEYED_POSTS = [key for key in POSTS if key not in ANONYMOUS_POSTS]
#: The creates the issue names, each answering 201 to the office with the matrix's body.
CREATES = [
    "POST /api/v1/people/",
    "POST /api/v1/companies/",
    "POST /api/v1/engagements/",
    "POST /api/v1/meetings/",
    "POST /api/v1/contracts/",
    "POST /api/v1/contracts/{id}/parties/",
    "POST /api/v1/productions/",
    "POST /api/v1/meetings/{id}/action-items/",
    "POST /api/v1/engagements/{id}/unavailability/",
]


def _rows() -> dict[str, int]:
    """Row counts of every project table but the stored answers themselves."""
    return {
        m._meta.label_lower: m._base_manager.count()
        for m in apps.get_models()
        if m.__module__.startswith("prodoffice.") and m is not IdempotentRequest
    }


def _request(op_key: str, objs, body=None):
    path = op_key.split(" ", 1)[1]
    entry = OPERATIONS[op_key]
    if body is None:
        body = entry.body(objs) if callable(entry.body) else entry.body
    return h.op_url(path, entry, objs), body or {}


def _post(client, url: str, body, key: str | None):
    headers = {HEADER: key} if key else {}
    return client.post(
        url, data=h.json_body(body), content_type="application/json", headers=headers
    )


def _json(response):
    return json.loads(response.content) if response.content else None


def _example_url(path: str, op: dict) -> str:
    """The path with each parameter filled by a value of its declared type."""
    for param in op.get("parameters", []):
        if param["in"] == "path":
            schema = param["schema"]
            integer = schema.get("type") == "integer" or schema.get("pattern", "").startswith(
                "^[0-9]"
            )
            value = "1" if integer else "NIGHTJAR" if param["name"] == "code" else str(uuid.uuid4())
            path = path.replace("{" + param["name"] + "}", value)
    return path


def test_f08_every_post_operation_is_served_by_the_idempotent_base():
    """Walk the schema: every POST but the anonymous ones is a ScopedViewSet's (which wraps
    every POST in the key's handling) and documents the header and the 422 answer."""
    schema = openapi_schema()
    for key in KEYED_POSTS:
        path = key.split(" ", 1)[1]
        op = schema["paths"][path]["post"]
        view = resolve(_example_url(path, op)).func
        assert issubclass(getattr(view, "cls", object), ScopedViewSet), key
        names = {(p["in"], p["name"]) for p in op.get("parameters", [])}
        assert ("header", HEADER) in names, key
        assert "422" in op["responses"], key
    assert len(KEYED_POSTS) > 20


@pytest.mark.parametrize("op_key", KEYED_POSTS)
def test_f08_same_key_same_body_replays_and_another_body_is_422(op_key, objects, api):
    """As the office (a writer, so the key is reached): the first answer, whatever it is, is
    replayed byte for byte with `Idempotent-Replayed: true` and nothing changes; the same key with
    another body answers 422 and changes nothing either."""
    url, body = _request(op_key, objects["a"])
    client = api["office"]
    first = _post(client, url, body, "k-1")
    assert first.status_code < 500, (op_key, first.status_code)
    assert "Idempotent-Replayed" not in first
    before = _rows()
    again = _post(client, url, body, "k-1")
    assert again["Idempotent-Replayed"] == "true", (op_key, again.status_code)
    assert (again.status_code, _json(again)) == (first.status_code, _json(first)), op_key
    other = _post(client, url, {**body, "note": "another body"}, "k-1")
    assert other.status_code == 422, (op_key, other.status_code)
    assert _json(other)["error"]["code"] == "idempotency_key_reused"
    assert _rows() == before, op_key


@pytest.mark.parametrize("op_key", CREATES)
def test_f08_a_retried_create_creates_once(op_key, objects, api):
    """The named creates: 201, then the retry gets the same object (same id), one row more."""
    url, body = _request(op_key, objects["a"])
    client = api["office"]
    before = _rows()
    first = _post(client, url, body, "create-once")
    assert first.status_code == 201, (op_key, first.content[:300])
    created = _rows()
    again = _post(client, url, body, "create-once")
    assert again.status_code == 201 and _json(again) == _json(first)
    assert _rows() == created != before


def test_f08_without_a_key_every_retry_acts(objects, api):
    """No key, no memory: two identical creates make two people (the key is the client's)."""
    url, body = _request("POST /api/v1/people/", objects["a"])
    model = apps.get_model("people", "Person")
    count = model.objects.count()
    assert _post(api["office"], url, body, None).status_code == 201
    assert _post(api["office"], url, body, None).status_code == 201
    assert model.objects.count() == count + 2


def test_f08_keys_belong_to_their_user(objects, api):
    """Another user's key of the same name is theirs: neither replayed nor refused as reused."""
    url, body = _request("POST /api/v1/people/", objects["a"])
    first = _post(api["office"], url, body, "shared-key")
    url, body = _request("POST /api/v1/people/", objects["other"])
    second = _post(api["other_office"], url, body, "shared-key")
    assert first.status_code == second.status_code == 201, second.content
    assert "Idempotent-Replayed" not in second
    assert _json(first)["id"] != _json(second)["id"]


def test_f08_same_key_on_another_path_is_422(objects, api):
    """A key names one intended action: reused on another endpoint it is refused, not replayed."""
    people, body = _request("POST /api/v1/people/", objects["a"])
    companies, company = _request("POST /api/v1/companies/", objects["a"])
    assert _post(api["office"], people, body, "one-action").status_code == 201
    assert _post(api["office"], companies, company, "one-action").status_code == 422


def test_f08_keys_expire_after_24_hours(objects, api):
    """With the clock moved past 24 hours the key is forgotten: the retry acts again."""
    url, body = _request("POST /api/v1/people/", objects["a"])
    model = apps.get_model("people", "Person")
    start = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=start):
        assert _post(api["office"], url, body, "day-old").status_code == 201
    count = model.objects.count()
    later = start + datetime.timedelta(hours=23, minutes=59)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert _post(api["office"], url, body, "day-old")["Idempotent-Replayed"] == "true"
    assert model.objects.count() == count
    expired = start + datetime.timedelta(hours=24, seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=expired):
        response = _post(api["office"], url, body, "day-old")
    assert response.status_code == 201 and "Idempotent-Replayed" not in response
    assert model.objects.count() == count + 1
    assert IdempotentRequest.objects.filter(key="day-old").count() == 1  # the old one purged


def test_f08_purge_forgets_only_expired_answers(objects, api):
    """The worker's start-up purge drops answers older than 24 hours and keeps the rest."""
    url, body = _request("POST /api/v1/people/", objects["a"])
    start = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=start - datetime.timedelta(hours=25)):
        _post(api["office"], url, body, "old")
    _post(api["other_office"], url, body, "new")  # another user: their purge is their own
    assert idempotent_answers_purge(before=start - datetime.timedelta(hours=24)) == 1
    assert list(IdempotentRequest.objects.values_list("key", flat=True)) == ["new"]


def test_f08_an_overlong_key_is_refused_naming_the_header(objects, api):
    url, body = _request("POST /api/v1/people/", objects["a"])
    response = _post(api["office"], url, body, "k" * 256)
    assert response.status_code == 400
    assert HEADER in _json(response)["error"]["fields"]
