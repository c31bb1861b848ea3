"""S-01: the authorization matrix, generated from every URL pattern and every OpenAPI operation,
for every role against an object of their own production and of another production."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.security import harness as h
from tests.security.harness import Entry
from tests.security.route_matrix import OFFICE, OPERATIONS, ROUTES
from tests.support.security import db_snapshot, snapshot_diff

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


@dataclass
class Plan:
    """One route or operation to try: how to build its URL on each side, with which clients."""

    entry: Entry
    url_for: Callable[[h.Objects], str]
    clients: dict
    is_api: bool

    def check(self, objects, method: str, access) -> list[str]:
        """Send the request as every role on every side; return the mismatches."""
        failures = []
        sides = h.SIDES if self.entry.target else ("a",)
        # URLs and bodies first: they may build the sides' lazily made objects (Objects.builders).
        requests = {
            side: (self.url_for(objects[side]), self._body(objects[side])) for side in sides
        }
        # Every request is rolled back, so one snapshot serves as "before" for all of them.
        baseline = db_snapshot() if method != "GET" else None
        for side in sides:
            url, body = requests[side]
            for role in h.ROLES:
                rel = h.relation(role, side, self.entry.target)
                check_db = baseline if rel not in access.ok_for else None
                response, changed = self._send(role, method, url, body, check_db)
                failures += _mismatches(
                    response,
                    access.expect(rel, self.is_api),
                    changed,
                    f"{method} {url} as {role} ({side})",
                )
        return failures

    def _body(self, objs):
        return self.entry.body(objs) if callable(self.entry.body) else self.entry.body

    def _send(self, role, method, url, body, baseline):
        """One request, rolled back; refused unsafe requests (a baseline given) are compared."""
        with h.rolled_back():
            response = h.send(self.clients[role], method, url, body, self.is_api)
            changed = snapshot_diff(baseline, db_snapshot()) if baseline is not None else {}
        return response, changed


def _mismatches(response, expected, changed, label) -> list[str]:
    out = []
    if not h.matches(response, expected):
        out.append(f"{label}: {response.status_code}, want {expected}")
    if changed:
        out.append(f"{label} was refused but changed {changed}")
    return out


@pytest.mark.parametrize("route_name", ROUTE_IDS)
def test_s01_route_answers_each_role_as_the_matrix_says(route_name, objects, web, api):
    """GET (and POST where the route takes it) as every role on both productions."""
    route = next(r for r in h.routes() if r.name == route_name)
    entry = ROUTES.get(route_name)
    assert entry is not None, f"{route_name} has no matrix entry ({_HINT})"
    url_for = functools.partial(_route_url, route, entry)
    plan = Plan(entry, url_for, api if route.is_api else web, route.is_api)
    failures = []
    for method, access in (("GET", entry.get), ("POST", entry.post)):
        if access is not None:
            failures += plan.check(objects, method, access)
    assert not failures, "\n".join(failures)


def _route_url(route, entry, objs):
    return h.route_url(route, entry, objs)


def _op_url(path, entry, objs):
    return h.op_url(path, entry, objs)


@pytest.mark.parametrize("op_key", OP_KEYS)
def test_s01_api_operation_answers_each_role_as_the_matrix_says(op_key, objects, api):
    """Every API operation as every role (bearer token) on both productions."""
    method, path = op_key.split(" ", 1)
    entry = OPERATIONS.get(op_key)
    assert entry is not None, f"{op_key} has no matrix entry ({_HINT})"
    plan = Plan(entry, functools.partial(_op_url, path, entry), api, True)
    failures = plan.check(objects, method, entry.get)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ["anonymous", "crew_a", "office", "executive"])
def test_s01_skipped_admin_routes_admit_staff_only(role, web):
    """The admin is left out of the matrix (SKIPPED_PREFIXES) because Django guards it: nobody
    without is_staff gets past its sign-in page, whatever their production role."""
    for url in ("/admin/", "/admin/accounts/user/", "/admin/people/person/"):
        response = web[role].get(url)
        assert response.status_code == 302, (url, response.status_code)
        assert response["Location"].startswith("/admin/login/"), response["Location"]


def test_s01_a_wrong_expectation_is_reported(objects, web):
    """The matrix has teeth: claiming the crew list is office-only fails for the other members,
    and an allowed write through a "refused" expectation is caught as a change."""
    route = next(r for r in h.routes() if r.name == "web:engagement_status")
    entry = Entry("engagement", None, body=lambda o: {"status": "wrapped"})
    plan = Plan(entry, functools.partial(_route_url, route, entry), web, False)
    wrong = OFFICE.but(ok_for=frozenset())  # nobody may: so the office's success is a failure
    failures = plan.check(objects, "POST", wrong)
    assert any("as office (a)" in f and "changed" in f for f in failures), failures
    crew = next(r for r in h.routes() if r.name == "web:crew")
    plan = Plan(
        ROUTES["web:crew"], functools.partial(_route_url, crew, ROUTES["web:crew"]), web, False
    )
    failures = plan.check(objects, "GET", OFFICE)
    assert {f.split(" as ")[1].split(":")[0] for f in failures} >= {"crew_a (a)", "head (a)"}
