"""S-03: write-side IDOR. Foreign ids in the path or the body of PATCH/PUT/DELETE/POST (API and
web forms) answer 403/404 (or "unknown ..." 400) and leave the database as it was."""

from __future__ import annotations

import pytest

from tests.security import harness as h
from tests.security.route_matrix import OPERATIONS, ROUTES
from tests.support.security import db_snapshot, snapshot_diff

pytestmark = pytest.mark.django_db

UNSAFE_OPS = [
    key
    for key, method, _ in h.operations()
    if method != "GET"
    and key in OPERATIONS
    # The shared catalogue belongs to no production (its writes: test_s03_catalogue_scoped.py).
    and OPERATIONS[key].target not in {None, *h.SHARED_TARGETS}
]
#: Refusals: not found, forbidden, or an unknown reference in the body.
REFUSED = {400, 403, 404}


def _refused_unchanged(client, method, url, body, is_api, expect=REFUSED) -> str | None:
    """Send inside a rolled-back block; describe the problem, if any."""
    with h.rolled_back():
        before = db_snapshot()
        response = h.send(client, method, url, body, is_api)
        changed = snapshot_diff(before, db_snapshot())
    if response.status_code not in expect or changed:
        return f"{method} {url} {body}: {response.status_code}, changed {changed}"
    return None


@pytest.mark.parametrize("op_key", UNSAFE_OPS)
def test_s03_office_of_another_production_gets_404_on_every_write(op_key, objects, api):
    """other_office holds a writing role, so its refusal on production A must be a plain 404."""
    method, path = op_key.split(" ", 1)
    entry = OPERATIONS[op_key]
    body = entry.body(objects["a"]) if callable(entry.body) else entry.body
    url = h.op_url(path, entry, objects["a"])
    expect = {404} if "{" in path else {400, 404}  # creates name production A in the body
    problem = _refused_unchanged(api["other_office"], method, url, body, True, expect)
    assert problem is None, problem


def _foreign_body_cases(a, other):
    """(method, url, body) with one id from the other production in the body, sent by A's office."""
    eng, meeting = a.engagement.public_id, a.meeting.public_id
    return [
        ("POST", "/api/v1/engagements/", {**_engagement(a), "production": other.production.code}),
        ("POST", "/api/v1/engagements/", {**_engagement(a), "person": other.person.public_id}),
        ("PATCH", f"/api/v1/engagements/{eng}/", {"reports_to": other.engagement.public_id}),
        (
            "POST",
            f"/api/v1/meetings/{meeting}/action-items/",
            {"text": "x", "assignee": other.engagement.public_id},
        ),
        (
            "POST",
            f"/api/v1/meetings/{meeting}/attendance/",
            {"engagement": other.engagement.public_id, "status": "present"},
        ),
        (
            "POST",
            "/api/v1/memberships/",
            {"production": other.production.code, "user": "outsider", "role": "crew"},
        ),
        (
            "POST",
            "/api/v1/people/",
            {"production": other.production.code, "first_name": "A", "last_name": "B"},
        ),
        (
            "POST",
            "/api/v1/meetings/",
            {"production": other.production.code, "title": "Hijack"},
        ),
        ("DELETE", f"/api/v1/people/{a.person.public_id}/credits/{other.credit.pk}/", None),
        (
            "POST",
            f"/api/v1/meetings/{meeting}/action-items/{other.action.pk}/done/",
            {"done": True},
        ),
    ]


def _engagement(o):
    electrician = o.engagement.position.department.positions.get(title="Electrician")
    return {
        "production": o.production.code,
        "person": o.person.public_id,
        "position": electrician.pk,
    }


def test_s03_foreign_ids_in_api_bodies_are_refused(objects, api):
    """A's office names the other production's production, person, engagement or child rows."""
    cases = _foreign_body_cases(objects["a"], objects["other"])
    problems = [_refused_unchanged(api["office"], m, u, b, True) for m, u, b in cases]
    assert not [p for p in problems if p], problems


def test_s03_foreign_ids_in_web_forms_are_refused(objects, web):
    """The same through the web forms: foreign rows in the path or the form data."""
    a, other = objects["a"], objects["other"]
    code, meeting = a.production.code, a.meeting.public_id
    other_position = other.engagement.position_id
    cases = [
        ("POST", f"/p/{code}/access/{other.membership.pk}/remove/", {}),
        ("POST", f"/p/{code}/meetings/{meeting}/actions/{other.action.pk}/done/", {"done": "1"}),
        (
            "POST",
            f"/p/{code}/meetings/{meeting}/attendance/",
            {"engagement": other.engagement.public_id, "status": "present"},
        ),
        (
            "POST",
            f"/p/{code}/crew/new/",
            {"person": other.person.pk, "position": other_position, "status": "prospect"},
        ),
        ("POST", f"/p/{code}/crew/{other.engagement.public_id}/edit/", {"notes": "x"}),
        ("POST", f"/p/{code}/people/{other.person.public_id}/edit/", {"bio": "x"}),
    ]
    # A form re-rendered with "select a valid choice" (200/422) or a redirect with an error
    # message is a refusal too, as long as nothing changed.
    expect = {200, 302, 400, 403, 404, 422}
    problems = [_refused_unchanged(web["office"], m, u, b, False, expect) for m, u, b in cases]
    assert not [p for p in problems if p], problems


def test_s03_matrix_routes_exist_for_the_cases_above():
    """The web cases above use these routes; a rename must update this module too."""
    needed = {"web:member_remove", "web:action_done", "web:meeting_attendance", "web:person_edit"}
    assert needed <= set(ROUTES)
