"""S-06: CSRF on every state-changing view (no token, wrong token, foreign Origin) answers 403 and
changes nothing; a GET on any route never changes the database."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.security import harness as h
from tests.security.route_matrix import CSRF_FREE, NOWHERE, OPERATIONS, ROUTES
from tests.support.security import db_snapshot, snapshot_diff

pytestmark = pytest.mark.django_db

EVIL_ORIGIN = "https://evil.example"
GOOD_SECRET = "s3cUr1tyT3stCsrfS3cr3tAbcdefGhij"


@pytest.fixture
def csrf_client(users):
    """The office, signed in, with CSRF checks on and a valid CSRF cookie."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(users["office"])
    # A well-formed CSRF secret, as the browser would hold it after any page with a form.
    client.cookies["csrftoken"] = GOOD_SECRET
    return client


def _post_targets(objects) -> list[tuple[str, str, object, bool]]:
    """(method, url, body, is_api) of every route (tried with POST) and every unsafe operation."""
    a = objects["a"]
    out = []
    for route in h.routes():
        entry = ROUTES.get(route.name)
        if entry is None or entry.get is NOWHERE:
            continue  # S-01 fails for a route without an entry; catch-alls change nothing
        body = entry.body(a) if callable(entry.body) else entry.body
        out.append(("POST", h.route_url(route, entry, a), body, route.is_api))
    for key, method, path in h.operations():
        entry = OPERATIONS.get(key)
        if method != "GET" and entry is not None and key not in CSRF_FREE:
            body = entry.body(a) if callable(entry.body) else entry.body
            out.append((method, h.op_url(path, entry, a), body, True))
    return out


def _variants(client) -> dict[str, dict]:
    """Request extras for each CSRF attack."""
    good = GOOD_SECRET
    return {
        "no token": {},
        "wrong token": {"headers": {"X-CSRFToken": "x" * 32}},
        "foreign origin": {
            "headers": {"X-CSRFToken": good, "Origin": EVIL_ORIGIN, "Referer": EVIL_ORIGIN + "/"}
        },
    }


def _attack(client, method, url, body, is_api, extra):
    fn = getattr(client, method.lower())
    if is_api:
        return fn(url, data=h.json_body(body), content_type="application/json", **extra)
    return fn(url, data=body or {}, **extra)


def test_s06_every_post_without_a_valid_csrf_token_is_refused(objects, csrf_client):
    """403 (or 405 where the route takes no POST) and no change, for each attack."""
    targets = _post_targets(objects)
    before = db_snapshot()
    problems = []
    for name, extra in _variants(csrf_client).items():
        for method, url, body, is_api in targets:
            response = _attack(csrf_client, method, url, body, is_api, extra)
            if response.status_code not in (403, 405):
                problems.append(f"{name}: {method} {url} answered {response.status_code}")
    changed = snapshot_diff(before, db_snapshot())
    print(f"S-06: {len(targets)} state-changing candidates x 3 attacks")
    assert not problems, "\n".join(problems)
    assert not changed, changed


def test_s06_cookie_free_operations_give_a_session_no_power(objects, csrf_client):
    """The signing-link calls ignore the session: the office's cookie without a link's token and
    code is an unknown link (404), from any origin, and nothing changes."""
    before = db_snapshot()
    for key in sorted(CSRF_FREE):
        method, path = key.split(" ", 1)
        extra = {"headers": {"Origin": EVIL_ORIGIN}}
        response = _attack(csrf_client, method, path, {"token": "", "code": ""}, True, extra)
        assert response.status_code in (400, 404), (key, response.status_code)
    assert not snapshot_diff(before, db_snapshot())


def test_s06_a_valid_token_from_our_origin_is_accepted(objects, csrf_client):
    """The check has teeth: the same client with the right token changes the engagement."""
    a = objects["a"]
    url = f"/p/{a.production.code}/crew/{a.engagement.public_id}/status/"
    headers = {"X-CSRFToken": GOOD_SECRET}
    response = csrf_client.post(url, {"status": "wrapped"}, headers=headers)
    assert response.status_code in (302, 204), response.status_code
    a.engagement.refresh_from_db()
    assert a.engagement.status == "wrapped"


@pytest.mark.parametrize("role", ["office", "crew_a", "head", "anonymous"])
def test_s06_get_never_changes_the_database(role, objects, web):
    """Every route's GET (both productions, with its query variants) leaves every row alone;
    only read audits (exports) may be appended."""
    urls = []
    for route in h.routes():
        entry = ROUTES.get(route.name)
        if entry is None:
            continue
        for side in h.SIDES if entry.target else ("a",):
            url = h.route_url(route, entry, objects[side])
            urls += [url, *(url + v for v in entry.variants)]
    for key, method, path in h.operations():
        entry = OPERATIONS.get(key)
        if method == "GET" and entry is not None:
            urls += [h.op_url(path, entry, objects[side]) for side in h.SIDES]
    before = db_snapshot()
    for url in urls:
        web[role].get(url)
    assert snapshot_diff(before, db_snapshot()) == {}


def test_s06_snapshot_notices_a_change(objects):
    """The "database unchanged" checks can fail: one changed field shows up."""
    before = db_snapshot()
    objects["a"].engagement.notes = "changed"
    objects["a"].engagement.save(update_fields=["notes"])
    assert "productions.engagement" in snapshot_diff(before, db_snapshot())
