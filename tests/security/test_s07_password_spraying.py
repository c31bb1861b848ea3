"""S-07 brute force, password spraying (issue 11, item 9): one password tried across many
usernames from one address pauses that address on the web login, the admin and the API token
endpoint, without telling which usernames exist; the real user still gets in from elsewhere."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.support.factories import PASSWORD

pytestmark = pytest.mark.django_db

#: Below the API's request rate limit (10 a minute), so each 429 here is the address pause.
SPRAY_LIMIT = 6


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.PRODOFFICE_LOGIN_SPRAY_LIMIT = SPRAY_LIMIT


ATTACKER, HOME = "203.0.113.66", "198.51.100.21"
SPRAYED = "Summer2026!"
PATHS = ["/accounts/login/", "/admin/login/", "/api/v1/auth/token/"]


def _attempt(path: str, username: str, password: str, ip: str):
    """One sign-in; the answer and whether it signed in (a session, or a token)."""
    client = Client(REMOTE_ADDR=ip)
    body = {"username": username, "password": password}
    if path.startswith("/api/"):
        response = client.post(path, body, content_type="application/json")
        return response, response.status_code == 200 and "token" in response.json()
    response = client.post(path, body)
    return response, "_auth_user_id" in client.session


def _usernames(world, count: int) -> list[str]:
    """Real usernames mixed with made-up ones (crew_a, the victim, is kept out)."""
    real = [u.username for u in (world.crew_b, world.head, world.office, world.executive)]
    made_up = [f"ghost{i}" for i in range(count)]
    mixed = [name for pair in zip(made_up, real, strict=False) for name in pair]
    return (mixed + made_up[len(real) :])[:count]


def _locked(path: str, response) -> bool:
    if path.startswith("/api/"):
        return response.status_code == 429 and response.json()["error"]["code"] == "locked_out"
    return response.status_code == 429 and b"Too many failed sign-ins" in response.content


@pytest.mark.parametrize("path", PATHS, ids=["web", "admin", "api-token"])
def test_s07_password_spraying_pauses_the_address_across_usernames(path, world):
    """Each username fails once (far below the per-username limit); the attempt that reaches
    PRODOFFICE_LOGIN_SPRAY_LIMIT distinct usernames is answered "locked out", and so is then the
    right password of another account from that address; from home it still signs in."""
    world.crew_a.is_staff = True  # the admin only admits staff
    world.crew_a.save(update_fields=["is_staff"])
    names = _usernames(world, settings.PRODOFFICE_LOGIN_SPRAY_LIMIT)
    for name in names[:-1]:
        response, signed_in = _attempt(path, name, SPRAYED, ATTACKER)
        assert not signed_in and not _locked(path, response), (name, response.status_code)
    response, signed_in = _attempt(path, names[-1], SPRAYED, ATTACKER)
    assert not signed_in and _locked(path, response)
    response, signed_in = _attempt(path, "crew_a", PASSWORD, ATTACKER)
    assert not signed_in and _locked(path, response)
    assert _attempt(path, "crew_a", PASSWORD, HOME)[1]


def test_s07_the_paused_address_gets_the_same_answer_for_real_and_made_up_usernames(world):
    """Once paused, the answer does not tell whether a username exists."""
    path = "/api/v1/auth/token/"
    for name in _usernames(world, settings.PRODOFFICE_LOGIN_SPRAY_LIMIT):
        _attempt(path, name, SPRAYED, ATTACKER)
    real, _ = _attempt(path, "crew_a", SPRAYED, ATTACKER)
    made_up, _ = _attempt(path, "nobody-at-all", SPRAYED, ATTACKER)
    assert real.status_code == made_up.status_code == 429
    assert real.json() == made_up.json()
    web_real, _ = _attempt("/accounts/login/", "crew_a", SPRAYED, ATTACKER)
    web_made_up, _ = _attempt("/accounts/login/", "nobody-at-all", SPRAYED, ATTACKER)
    assert web_real.status_code == web_made_up.status_code == 429
    assert web_real.content == web_made_up.content


def test_s07_typos_of_one_username_do_not_pause_the_address_for_others(world):
    """Repeated failures of a single username stay the per-username lockout's business: a
    colleague behind the same address still signs in."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _attempt("/accounts/login/", "crew_b", "typo-typo-typo", ATTACKER)
    assert _attempt("/accounts/login/", "crew_a", PASSWORD, ATTACKER)[1]


def test_s07_the_pause_ends_with_the_cool_off(world, settings):
    """Spraying failures older than AXES_COOLOFF_TIME no longer count."""
    import datetime

    from axes.models import AccessAttempt
    from django.utils import timezone

    for name in _usernames(world, settings.PRODOFFICE_LOGIN_SPRAY_LIMIT):
        _attempt("/api/v1/auth/token/", name, SPRAYED, ATTACKER)
    assert _attempt("/api/v1/auth/token/", "crew_a", PASSWORD, ATTACKER)[0].status_code == 429
    cool_off = datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off)
    assert _attempt("/api/v1/auth/token/", "crew_a", PASSWORD, ATTACKER)[1]
