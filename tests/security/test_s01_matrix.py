"""S-01: the authorization matrix, generated from every URL pattern and every OpenAPI operation,
for every role against an object of their own production and of another production."""

from __future__ import annotations

import pytest

from prodoffice.core.testing.security import db_snapshot, snapshot_diff
from tests.security import harness as h
from tests.security.route_matrix import OPERATIONS, ROUTES

pytestmark = pytest.mark.django_db

ROUTE_IDS = [r.name for r in h.routes()]
OP_KEYS = [key for key, _, _ in h.operations()]
_HINT = "add it to tests/security/route_matrix.py"


def test_s01_every_route_has_a_matrix_entry():
    """A new page without an entry fails here: say who may open it."""
    missing = [f"{r.name} ({r.template})" for r in h.routes() if r.name not in ROUTES]
    assert not missing, f"routes without a matrix entry ({_HINT}): {missing}"


def test_s01_every_operation_has_a_matrix_entry():
    """A new API operation without an entry fails here."""
    missing = [key for key in OP_KEYS if key not in OPERATIONS]
    assert not missing, f"API operations without a matrix entry ({_HINT}): {missing}"


def test_s01_matrix_has_no_stale_entries():
    """Entries for routes that no longer exist would hide a renamed route from the matrix."""
    stale = sorted(set(ROUTES) - set(ROUTE_IDS)) + sorted(set(OPERATIONS) - set(OP_KEYS))
    assert not stale, f"matrix entries without a route: {stale}"


def test_s01_api_routes_are_described_by_the_schema():
    """Every /api/v1/ route but the browsable root is an OpenAPI operation (so S-17 sees it)."""
    undocumented = [r.template for r in h.routes() if r.template.startswith("/api/v1/")]
    assert set(undocumented) <= {"/api/v1/"}, undocumented


def _check(clients, method, url_for, entry, access, is_api, side_list) -> list[str]:
    """Send the request as every role on every side; return the mismatches."""
    failures = []
    # Every request is rolled back, so one snapshot serves as "before" for all of them.
    baseline = db_snapshot() if method != "GET" else None
    for side in side_list:
        url = url_for(side)
        for role in h.ROLES:
            rel = h.relation(role, side, entry.target)
            refused = rel not in access.ok_for
            request = (method, url, entry, access.expect(rel, is_api), is_api, role, side)
            failures += _one(clients[role], baseline if refused else None, *request)
    return failures


def _one(client, baseline, method, url, entry, expected, is_api, role, side) -> list[str]:
    """One request; refused unsafe requests (a baseline given) must leave the database as is."""
    body = entry.body(entry_objects[side]) if callable(entry.body) else entry.body
    with h.rolled_back():
        response = h.send(client, method, url, body, is_api)
        changed = snapshot_diff(baseline, db_snapshot()) if baseline is not None else {}
    out = []
    if not h.matches(response, expected):
        out.append(f"{method} {url} as {role} ({side}): {response.status_code}, want {expected}")
    if changed:
        out.append(f"{method} {url} as {role} ({side}) was refused but changed {changed}")
    return out


entry_objects: dict = {}


@pytest.fixture
def _sides(objects):
    entry_objects.clear()
    entry_objects.update(objects)
    yield objects
    entry_objects.clear()


@pytest.mark.parametrize("route_name", ROUTE_IDS)
def test_s01_route_answers_each_role_as_the_matrix_says(route_name, _sides, web, api):
    """GET (and POST where the route takes it) as every role on both productions."""
    route = next(r for r in h.routes() if r.name == route_name)
    entry = ROUTES.get(route_name)
    assert entry is not None, f"{route_name} has no matrix entry ({_HINT})"
    sides = h.SIDES if entry.target else ("a",)
    clients = api if route.is_api else web
    url_for = lambda side: h.route_url(route, entry, _sides[side])  # noqa: E731
    failures = []
    for method, access in (("GET", entry.get), ("POST", entry.post)):
        if access is not None:
            failures += _check(clients, method, url_for, entry, access, route.is_api, sides)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("op_key", OP_KEYS)
def test_s01_api_operation_answers_each_role_as_the_matrix_says(op_key, _sides, api):
    """Every API operation as every role (bearer token) on both productions."""
    method, path = op_key.split(" ", 1)
    entry = OPERATIONS.get(op_key)
    assert entry is not None, f"{op_key} has no matrix entry ({_HINT})"
    sides = h.SIDES if entry.target else ("a",)
    url_for = lambda side: h.op_url(path, entry, _sides[side])  # noqa: E731
    failures = _check(api, method, url_for, entry, entry.get, True, sides)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ["anonymous", "crew_a", "office", "executive"])
def test_s01_skipped_admin_routes_admit_staff_only(role, web):
    """The admin is left out of the matrix (SKIPPED_PREFIXES) because Django guards it: nobody
    without is_staff gets past its sign-in page, whatever their production role."""
    for url in ("/admin/", "/admin/accounts/user/", "/admin/people/person/"):
        response = web[role].get(url)
        assert response.status_code == 302, (url, response.status_code)
        assert response["Location"].startswith("/admin/login/"), response["Location"]
