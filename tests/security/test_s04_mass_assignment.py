"""S-04: mass assignment. Fields nobody may set through a request (`is_staff`, `is_superuser`,
`production`, `person`, `status` outside its action, `experience_warning`, `created_at`, ids, and
`rate` by a department head) are ignored or rejected, through the API and the web forms alike."""

from __future__ import annotations

import pytest

from prodoffice.accounts.models import User
from prodoffice.productions.models import Engagement, Production
from tests.security import harness as h

pytestmark = pytest.mark.django_db

FORGED = {
    "is_staff": True,
    "is_superuser": True,
    "is_active": True,
    "created_at": "2001-01-01T00:00:00Z",
    "updated_at": "2001-01-01T00:00:00Z",
    "id": "00000000-0000-4000-8000-000000000000",
    "public_id": "00000000-0000-4000-8000-000000000000",
    "experience_warning": "forged",
    "status": "released",
    "phase": "delivered",
}


def _engagement_state(e: Engagement) -> tuple:
    e.refresh_from_db()
    fields = ("production_id", "person_id", "status", "experience_warning", "created_at", "rate")
    return (e.public_id, *(getattr(e, f) for f in fields))


def _privileged_users() -> list[str]:
    return sorted(User.objects.filter(is_staff=True).values_list("username", flat=True)) + sorted(
        User.objects.filter(is_superuser=True).values_list("username", flat=True)
    )


def _patch(client, url, body):
    return h.send(client, "PATCH", url, body, is_api=True)


def test_s04_api_engagement_patch_ignores_or_rejects_forged_fields(objects, api):
    """Production, person, status, warning, times and ids never move through PATCH."""
    a, other = objects["a"], objects["other"]
    before = _engagement_state(a.engagement)
    body = {**FORGED, "production": other.production.code, "person": other.person.public_id}
    response = _patch(api["office"], f"/api/v1/engagements/{a.engagement.public_id}/", body)
    assert response.status_code in (200, 400), response.content
    assert _engagement_state(a.engagement) == before
    assert _privileged_users() == []


def test_s04_api_department_head_cannot_set_a_rate(objects, api):
    """Pay is the office's: the head's PATCH with a rate is refused or leaves the rate alone."""
    a = objects["a"]
    before = _engagement_state(a.engagement)
    body = {"rate": "1.00", "currency": "EUR", "rate_unit": "week"}
    response = _patch(api["head"], f"/api/v1/engagements/{a.engagement.public_id}/", body)
    assert response.status_code in (200, 400, 403), response.content
    assert _engagement_state(a.engagement) == before
    assert (a.engagement.currency, a.engagement.rate_unit) == ("USD", "day")


def test_s04_api_person_and_membership_cannot_grant_staff(objects, api):
    """A person editing their own record, or the office adding a member, never makes staff."""
    a = objects["a"]
    user_ref = {"user": objects["other"].membership.user.pk}
    _patch(api["crew_a"], f"/api/v1/people/{a.person.public_id}/", {**FORGED, **user_ref})
    body = {**FORGED, "production": a.production.code, "user": "outsider", "role": "crew"}
    h.send(api["office"], "POST", "/api/v1/memberships/", body, is_api=True)
    a.person.refresh_from_db()
    assert a.person.user.username == "crew_a"
    assert _privileged_users() == []


def test_s04_api_production_patch_cannot_jump_phases(objects, api):
    """The phase moves only through its action and its transition table."""
    a = objects["a"]
    body = {**FORGED, "code": a.production.code}
    _patch(api["office"], f"/api/v1/productions/{a.production.code}/", body)
    production = Production.objects.get(pk=a.production.pk)
    assert production.phase == "pre_production"
    assert str(production.public_id) != FORGED["public_id"]


def _round_trip(client, url, extra) -> int:
    """GET the form, submit it back as a browser would, with forged fields added."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    data = {**h.page_form(page.content.decode()), **extra}
    return client.post(url, data).status_code


def test_s04_web_engagement_form_ignores_forged_fields(objects, web):
    """The office's own edit form, submitted with production/person/status/warning added."""
    a, other = objects["a"], objects["other"]
    before = _engagement_state(a.engagement)
    url = f"/p/{a.production.code}/crew/{a.engagement.public_id}/edit/"
    forged = {**FORGED, "production": other.production.pk, "person": other.person.pk}
    _round_trip(web["office"], url, {k: v for k, v in forged.items() if k != "rate"})
    assert _engagement_state(a.engagement) == before


def test_s04_web_head_cannot_set_a_rate_through_the_form(objects, web):
    """The head's form has no pay fields; adding them to the POST changes nothing."""
    a = objects["a"]
    before = _engagement_state(a.engagement)
    url = f"/p/{a.production.code}/crew/{a.engagement.public_id}/edit/"
    _round_trip(web["head"], url, {"rate": "1.00", "currency": "EUR", "rate_unit": "week"})
    assert _engagement_state(a.engagement) == before


def test_s04_web_person_form_cannot_grant_staff_or_move_the_record(objects, web):
    """crew_a's own profile form with staff flags, another user and a home production added."""
    a, other = objects["a"], objects["other"]
    url = f"/p/{a.production.code}/people/{a.person.public_id}/edit/"
    extra = {**FORGED, "user": other.membership.user.pk, "home_production": other.production.pk}
    _round_trip(web["crew_a"], url, extra)
    a.person.refresh_from_db()
    assert a.person.user.username == "crew_a"
    assert a.person.home_production_id != other.production.pk
    assert _privileged_users() == []
