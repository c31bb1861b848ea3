"""S-18: with the database down, the health check answers 503 and pages a generic 500, with no
stack trace or internal detail (DEBUG is off, as in production)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db

#: What a stack trace or a leaked exception looks like in an answer.
TRACE_MARKERS = ("Traceback", 'File "', "OperationalError", "database is down", "site-packages")


@pytest.fixture
def database_down():
    """Every query fails as if the server had gone away."""
    error = OperationalError("database is down")
    with (
        mock.patch.object(CursorWrapper, "execute", side_effect=error),
        mock.patch.object(CursorWrapper, "executemany", side_effect=error),
    ):
        yield


def _body(response) -> str:
    return response.content.decode("utf-8", "replace")


def test_s18_health_check_answers_503(database_down, settings):
    """Load balancers see the outage."""
    settings.DEBUG = False
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_s18_pages_answer_a_generic_500_without_a_trace(world, settings, request):
    """A signed-in user's pages (the session needs the database) get the plain error page."""
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(world.office)
    request.getfixturevalue("database_down")
    for url in (f"/p/{world.production.code}/crew/", f"/p/{world.production.code}/", "/"):
        response = client.get(url)
        assert response.status_code == 500, (url, response.status_code)
        assert not [m for m in TRACE_MARKERS if m in _body(response)], _body(response)[:2000]


def test_s18_sign_in_answers_a_generic_500_without_a_trace(world, settings, database_down):
    """Signing in needs the database too: plain error page, nothing about the failure."""
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.post("/accounts/login/", {"username": "crew_a", "password": "x" * 12})
    assert response.status_code == 500
    assert not [m for m in TRACE_MARKERS if m in _body(response)], _body(response)[:2000]


def test_s18_api_answers_a_generic_error_without_a_trace(world, settings, request):
    """Token clients get a 5xx with no detail either."""
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    token = Token.objects.create(user=world.office).key
    request.getfixturevalue("database_down")
    response = client.get("/api/v1/engagements/", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code in (500, 503)
    assert not [m for m in TRACE_MARKERS if m in _body(response)], _body(response)[:2000]
