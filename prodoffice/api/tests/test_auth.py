"""The token endpoint (S-07 brute force, S-08 second factor), session second factor, /me/."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from prodoffice.audit.models import AuditEvent
from tests.support.factories import PASSWORD

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/token/"


def ask(username: str, password: str = PASSWORD, **extra):
    return APIClient().post(URL, {"username": username, "password": password, **extra})


def test_good_credentials_give_a_working_bearer_token(world):
    response = ask("crew_a")
    assert response.status_code == 200
    token = response.json()["token"]
    assert Token.objects.get(user=world.crew_a).key == token
    for scheme in ("Bearer", "Token"):
        me = APIClient().get("/api/v1/me/", HTTP_AUTHORIZATION=f"{scheme} {token}")
        assert me.status_code == 200
        assert me.json()["username"] == "crew_a"
        assert me.json()["memberships"][0]["production"] == "NIGHTJAR"
        assert me.json()["person"] == str(world.person_a.public_id)


def test_bad_password_is_401_without_token(world):
    response = ask("crew_a", "wrong-password")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"
    assert not Token.objects.filter(user=world.crew_a).exists()


def test_missing_fields_are_named(world):
    response = APIClient().post(URL, {"username": "crew_a"})
    assert response.status_code == 400
    assert "password" in response.json()["error"]["fields"]


def test_brute_force_locks_the_username_even_with_the_right_password(world, settings):
    settings.AXES_FAILURE_LIMIT = 3
    assert [ask("crew_a", "guess").status_code for _ in range(3)] == [401, 401, 429]
    locked = ask("crew_a")
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "locked_out"
    assert not Token.objects.filter(user=world.crew_a).exists()
    # Another user from the same address is not locked out.
    assert ask("crew_b").status_code == 200


def test_token_endpoint_is_throttled(world, settings):
    for _ in range(10):
        assert ask("crew_b").status_code == 200
    throttled = ask("crew_b")
    assert throttled.status_code == 429
    assert throttled.json()["error"]["code"] == "throttled"
    assert "Retry-After" in throttled


@pytest.fixture
def mfa_office(world, settings):
    """Second factor required; the office user has a confirmed TOTP device."""
    settings.PRODOFFICE_MFA_REQUIRED = True
    return TOTPDevice.objects.create(user=world.office, name="phone", confirmed=True)


def test_office_needs_otp_code(world, mfa_office):
    missing = ask("office")
    assert missing.status_code == 401
    assert missing.json()["error"]["code"] == "otp_required"
    assert "otp" in missing.json()["error"]["fields"]
    assert not Token.objects.filter(user=world.office).exists()
    good = ask("office", otp=f"{totp(mfa_office.bin_key):06d}")
    assert good.status_code == 200


def test_wrong_otp_code_is_refused(world, mfa_office):
    wrong = ask("office", otp=f"{(totp(mfa_office.bin_key) + 1) % 1000000:06d}")
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "invalid_otp"
    assert not Token.objects.filter(user=world.office).exists()


def test_crew_needs_no_otp_even_when_mfa_is_on(world, mfa_office):
    assert ask("crew_a").status_code == 200


def test_session_without_second_factor_cannot_use_the_api(world, mfa_office):
    web = Client()
    web.force_login(world.office)
    response = web.get("/api/v1/engagements/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "mfa_required"
    crew = Client()
    crew.force_login(world.crew_a)
    assert crew.get("/api/v1/engagements/").status_code == 200


def test_delete_revokes_the_token(world):
    token = ask("crew_a").json()["token"]
    client = APIClient(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.delete(URL).status_code == 204
    assert not Token.objects.filter(user=world.crew_a).exists()
    assert client.get("/api/v1/me/").status_code == 401


def test_token_issue_and_revoke_through_the_api_are_audited(world):
    token = ask("crew_a").json()["token"]
    APIClient(HTTP_AUTHORIZATION=f"Bearer {token}").delete(URL)
    events = AuditEvent.objects.filter(target_id=str(world.crew_a.pk), actor=world.crew_a)
    assert {"user.token_issue", "user.token_revoke"} <= set(events.values_list("action", flat=True))
    assert events.get(action="user.token_issue").source == "api"


def test_delete_without_credentials_is_401(db):
    response = APIClient().delete(URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_session_writes_need_csrf(world):
    web = Client(enforce_csrf_checks=True)
    web.force_login(world.office)
    response = web.patch(
        "/api/v1/productions/NIGHTJAR/", {"title": "CSRF"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    world.production.refresh_from_db()
    assert world.production.title == "Nightjar"
