"""S-17: schemathesis against the generated OpenAPI schema, strict (issue 11, item 5): the schema
matches the answers, invalid requests are refused, and no operation works without credentials.

One bounded schemathesis run over every operation, in process through the WSGI app, as the
production office with a bearer token, with a fixed seed and a few examples per operation:

- a baseline request on the matrix's real objects (path ids of production A, the matrix's body),
  so that answers with real rows (boards, contract terms, conflicts) are checked, not only 404s;
- generated positive requests: no 5xx, status code, content type and body as the schema says,
  and the same request without credentials refused (401/403);
- generated negative requests (a value the schema forbids: `page_size` above the maximum, a
  malformed date, a missing field): refused with a 4xx, never accepted, never a 5xx.

Each operation runs inside a rolled-back block, so a DELETE does not starve the next one. The token
revocation runs with a throwaway token of the office, not the run's own; membership operations
target a crew member's membership, never the office's own.
"""

from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, seed, settings
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from tests.security import harness as h
from tests.security.route_matrix import OPERATIONS
from tests.support.security import openapi_schema

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

#: Examples per operation and mode; S17_EXAMPLES=50 for a deeper run by hand.
EXAMPLES = int(os.environ.get("S17_EXAMPLES", "3"))
SEED = 20261203
#: Characters of each failure's report (S17_REPORT=5000 for the whole schema excerpt).
LIMIT = int(os.environ.get("S17_REPORT", "900"))
#: Run only the operations whose "METHOD /path" contains this (by hand: S17_ONLY=/boards/).
ONLY = os.environ.get("S17_ONLY", "")
POSITIVE_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
NEGATIVE_CHECKS = [not_a_server_error, negative_data_rejection, content_type_conformance]
#: Operations that take no bearer token (credentials in the body): not run as the office.
ANONYMOUS = {"POST /api/v1/auth/token/"} | {
    f"POST /api/v1/signing/{verb}/"
    for verb in ("consent", "document", "sign", "decline", "withdraw-consent")
}
#: Revoking the token: run with a throwaway token, so the run's own stays valid.
REVOKES_TOKEN = {"DELETE /api/v1/auth/token/"}


def _schema():
    schema = schemathesis.openapi.from_dict(openapi_schema())
    schema.app = WSGIHandler()
    return schema


SCHEMA = _schema()
OPERATIONS_RUN = [result.ok() for result in SCHEMA.get_all_operations()]


@contextmanager
def same_connection():
    """Keep the test's transaction: the WSGI handler would close the connection per request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _key(operation) -> str:
    return f"{operation.method.upper()} {operation.path}"


def _path_parameters(operation, objs) -> dict:
    """Path ids of production A's real objects, as the authorization matrix fills them."""
    entry = OPERATIONS.get(_key(operation))
    if entry is None:
        return {}
    target = h.target_object(objs, entry.target)
    names = [p.name for p in operation.path_parameters]
    return {name: h.kwarg_value(name, "str", target, objs, entry.kwargs) for name in names}


def _baseline_body(operation, objs):
    entry = OPERATIONS.get(_key(operation))
    if entry is None or operation.method.upper() in ("GET", "DELETE"):
        return None
    body = entry.body(objs) if callable(entry.body) else (entry.body or {})
    return json.loads(h.json_body(body))  # UUIDs and decimals as the client sends them


def _generated(operation, mode, path_parameters, headers, checks):
    """`EXAMPLES` generated requests of one mode, with a fixed seed."""

    @seed(SEED)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(mode, path_parameters=path_parameters or None))
    def run(case):
        if mode == GenerationMode.POSITIVE:
            anonymous = case.call()  # the same request without credentials is refused
            assert anonymous.status_code in (401, 403), (case.path, anonymous.status_code)
        case.call_and_validate(headers=headers, checks=checks)

    run()


def _baseline(operation, path_parameters, body, headers):
    kwargs = {"path_parameters": path_parameters}
    if body is not None:
        kwargs.update(body=body, media_type="application/json")
    case = operation.Case(**kwargs)
    case.call_and_validate(headers=headers, checks=POSITIVE_CHECKS)


def _check(operation, objs, headers) -> list[str]:
    """Every failure of one operation (its baseline, positive and negative runs)."""
    params = _path_parameters(operation, objs)
    body = _baseline_body(operation, objs)
    positive, negative = GenerationMode.POSITIVE, GenerationMode.NEGATIVE
    runs = [
        ("baseline", lambda: _baseline(operation, params, body, headers)),
        ("positive", lambda: _generated(operation, positive, params, headers, POSITIVE_CHECKS)),
        ("negative", lambda: _generated(operation, negative, params, headers, NEGATIVE_CHECKS)),
    ]
    failures = []
    for name, run in runs:
        with h.rolled_back():
            try:
                run()
            except (Exception, FailureGroup) as exc:  # schemathesis failures, hypothesis errors
                failures.append(f"{_key(operation)} [{name}]: {str(exc)[:LIMIT]}")
    return failures


def test_s17_every_operation_answers_as_documented_and_refuses_invalid_input(world, objects):
    """Fixed seed, a few examples per operation: no 5xx, no answer off the schema, no invalid
    request accepted."""
    token = Token.objects.create(user=world.office).key
    headers = {"Authorization": f"Bearer {token}"}
    failures: list[str] = []
    started = time.monotonic()
    with same_connection():
        for operation in OPERATIONS_RUN:
            key = _key(operation)
            if key in ANONYMOUS or ONLY not in key:
                continue
            own = headers
            if key in REVOKES_TOKEN:
                own = {"Authorization": f"Bearer {Token.objects.create(user=world.crew_b).key}"}
            failures += _check(operation, objects["a"], own)
    elapsed = time.monotonic() - started
    assert not failures, f"{len(failures)} failures in {elapsed:.0f} s:\n\n" + "\n\n".join(failures)


def test_s17_the_run_covers_every_operation():
    """All operations but the credential exchanges (the token exchange and the signing-link
    calls, whose credentials are in the body) are in the run; none is left out silently."""
    keys = {_key(op) for op in OPERATIONS_RUN}
    assert keys >= ANONYMOUS | REVOKES_TOKEN
    assert len(keys - ANONYMOUS) > 60
