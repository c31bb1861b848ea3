"""S-17: schemathesis against the generated OpenAPI schema, in process through the WSGI app.

Bounded examples per operation, authenticated as the office with a bearer token: no 5xx, and
answers (status, content type, body) conform to the schema. Without credentials, every operation
but the token exchange is refused.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support.security import openapi_schema

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

EXAMPLES = 5
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
#: The one operation that needs no credentials: exchanging them for a token.
PUBLIC = {("POST", "/api/v1/auth/token/")}
# --- contracts ---
#: Signing links: the link's token and access code in the body are the credentials.
PUBLIC |= {
    ("POST", f"/api/v1/signing/{verb}/") for verb in ("consent", "document", "sign", "decline")
}
# --- contracts sign ---
PUBLIC |= {("POST", "/api/v1/signing/withdraw-consent/")}
# --- end contracts sign ---


def _schema():
    schema = schemathesis.openapi.from_dict(openapi_schema())
    schema.app = WSGIHandler()
    return schema


SCHEMA = _schema()
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


@contextmanager
def same_connection():
    """Keep the test's transaction: the WSGI handler would close the connection per request
    (Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _run(operation, headers, anonymous_refused: bool):
    """Hypothesis over one operation's positive examples; each answer validated, and the same
    request without credentials refused."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def check(case):
        if anonymous_refused:
            anonymous = case.call()
            assert anonymous.status_code in (401, 403), (case.path, anonymous.status_code)
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: f"{op.method.upper()} {op.path}")
def test_s17_operation_conforms_to_its_schema_for_the_office(operation, world):
    """Generated requests as the office: no server error, answers as documented; without
    credentials the same requests are refused (all but the token exchange)."""
    token = Token.objects.create(user=world.office).key
    public = (operation.method.upper(), operation.path) in PUBLIC
    # The token exchange is sent without the office's token (it could revoke or replace it).
    headers = {} if public else {"Authorization": f"Bearer {token}"}
    with same_connection():
        _run(operation, headers, anonymous_refused=not public)


def test_s17_covers_every_operation_but_one_without_credentials():
    """Only the token exchange (and the signing-link calls) are exempt from the check above."""
    exempt = [op for op in OPERATIONS if (op.method.upper(), op.path) in PUBLIC]
    assert len(exempt) == len(PUBLIC) and len(OPERATIONS) > 30, [op.path for op in exempt]
