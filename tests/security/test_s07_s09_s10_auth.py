"""S-07 brute force on every login path, S-09 session lifecycle, S-10 password storage, policy."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.test import Client

from prodoffice import settings as project_settings
from prodoffice.accounts.models import User
from prodoffice.accounts.services import user_deactivate
from tests.support.factories import PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER, HOME = "203.0.113.7", "198.51.100.20"


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- S-07 -----------------------------------------------------------------------------------------


def _web_login(url, username, password, ip) -> Client:
    client = Client(REMOTE_ADDR=ip)
    client.post(url, {"username": username, "password": password})
    return client


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_s07_login_locks_the_username_from_the_attacking_address_only(url, world):
    """After the failure limit the right password from the attacker's address is refused; the
    real user, from home, still gets in."""
    world.crew_a.is_staff = url.startswith("/admin/")  # the admin only admits staff
    world.crew_a.save(update_fields=["is_staff"])
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert not _signed_in(_web_login(url, "crew_a", "wrong-password-guess", ATTACKER))
    assert not _signed_in(_web_login(url, "crew_a", PASSWORD, ATTACKER))
    assert _signed_in(_web_login(url, "crew_a", PASSWORD, HOME))


def _token(username, password, ip):
    client = Client(REMOTE_ADDR=ip)
    body = {"username": username, "password": password}
    return client.post("/api/v1/auth/token/", body, content_type="application/json")


def test_s07_api_token_endpoint_locks_out_and_lets_the_real_user_in(world):
    """The token exchange goes through axes too: locked (429) from the attacker's address."""
    limit = settings.AXES_FAILURE_LIMIT
    answers = [_token("crew_a", "guess", ATTACKER).status_code for _ in range(limit)]
    # The attempt that reaches the limit is already answered "locked out".
    assert answers == [401] * (limit - 1) + [429], answers
    locked = _token("crew_a", PASSWORD, ATTACKER)
    assert locked.status_code == 429, locked.content
    assert "token" not in locked.json()
    assert _token("crew_a", PASSWORD, HOME).status_code == 200


# --- S-09 -----------------------------------------------------------------------------------------


def test_s09_sign_in_issues_a_new_session_key(world):
    """Session fixation: the key held before sign-in is discarded."""
    planted = SessionStore()
    planted["planted"] = True
    planted.create()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = planted.session_key
    client.post("/accounts/login/", {"username": "crew_a", "password": PASSWORD})
    assert _signed_in(client)
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != planted.session_key
    assert not SessionStore().exists(planted.session_key)


def _replay(cookie: str, url: str):
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    return client.get(url)


def test_s09_logout_ends_the_session_on_the_server(world):
    """A copied cookie stops working once its owner signs out (and GET cannot sign out)."""
    client = Client()
    client.post("/accounts/login/", {"username": "crew_a", "password": PASSWORD})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    dashboard = f"/p/{world.production.code}/"
    assert client.get("/accounts/logout/").status_code == 405
    assert _replay(cookie, dashboard).status_code == 200
    client.post("/accounts/logout/")
    replayed = _replay(cookie, dashboard)
    assert replayed.status_code == 302 and "/accounts/login/" in replayed["Location"]


def test_s09_deactivation_kills_sessions_and_tokens(world, api):
    """Switching an account off ends its web sessions and API tokens at once."""
    client = Client()
    client.post("/accounts/login/", {"username": "crew_a", "password": PASSWORD})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    token_client = api["crew_a"]
    assert token_client.get("/api/v1/me/").status_code == 200
    user_deactivate(actor=world.office, user=world.crew_a)
    replayed = _replay(cookie, f"/p/{world.production.code}/")
    assert replayed.status_code == 302 and "/accounts/login/" in replayed["Location"]
    assert token_client.get("/api/v1/me/").status_code in (401, 403)
    assert not _signed_in(_web_login("/accounts/login/", "crew_a", PASSWORD, HOME))


# --- S-10 -----------------------------------------------------------------------------------------


def test_s10_passwords_are_stored_with_argon2(settings, world):
    """The project's hashers (not the fast test hasher): argon2 first."""
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = User.objects.get(pk=world.crew_b.pk)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(PASSWORD)


def test_s10_long_passphrases_are_accepted(settings, world):
    """A 200-character passphrase passes the policy and signs in."""
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    passphrase = ("correct horse battery staple, " * 7)[:200]
    assert len(passphrase) == 200
    password_validation.validate_password(passphrase, world.crew_b)
    world.crew_b.set_password(passphrase)
    world.crew_b.save(update_fields=["password"])
    assert _signed_in(_web_login("/accounts/login/", "crew_b", passphrase, HOME))


@pytest.mark.parametrize(
    "weak", ["password123", "qwertyuiop", "1234567890", "short", "crew_b_user", "iloveyou12"]
)
def test_s10_common_short_numeric_or_personal_passwords_are_refused(weak, world):
    """Django's validators as configured: common, too short, numeric, like the username."""
    world.crew_b.username = "crew_b_user"
    with pytest.raises(ValidationError):
        password_validation.validate_password(weak, world.crew_b)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_s09_sign_in_never_redirects_off_site(target, world):
    """`next` pointing at another site is ignored after sign-in (no open redirect)."""
    client = Client()
    body = {"username": "crew_a", "password": PASSWORD, "next": target}
    response = client.post(f"/accounts/login/?next={target}", body)
    assert _signed_in(client)
    assert response.status_code == 302
    assert "evil.example" not in response["Location"], response["Location"]
