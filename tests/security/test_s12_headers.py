"""S-12: `check --deploy` clean in production mode, refusal to start insecure, security headers
on every answer and `Cache-Control: no-store` on everything served to a signed-in user."""

from __future__ import annotations

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

from tests.security import harness as h
from tests.security.route_matrix import OPERATIONS, ROUTES

BASE_DIR = Path(__file__).resolve().parents[2]


def _production_env(tmp_path, **changes) -> dict[str, str]:
    alphabet = string.ascii_letters + string.digits + "!@#%^*-_=+"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "SECRET_KEY_FILE", "ALLOWED_HOSTS")
    }
    env.update(
        PRODOFFICE_ENV="production",
        SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(60)),
        ALLOWED_HOSTS="example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        PRODOFFICE_VAR_DIR=str(tmp_path / "var"),
        STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_SETTINGS_MODULE="prodoffice.settings",
    )
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def _manage(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_s12_check_deploy_is_clean_in_production_mode(tmp_path):
    """Django's deployment checklist reports nothing at WARNING level or above."""
    done = _manage(_production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"SECRET_KEY": "short-and-weak"}, "SECRET_KEY"),
        ({"DEBUG": "1"}, "DEBUG"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS"),
    ],
    ids=["no-secret-key", "weak-secret-key", "debug-on", "no-allowed-hosts"],
)
def test_s12_refuses_to_start_with_an_insecure_configuration(tmp_path, changes, message):
    """Production mode exits non-zero, naming the setting, rather than run insecurely."""
    done = _manage(_production_env(tmp_path, **changes), "check")
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr and message in done.stderr, done.stderr[-2000:]


EXPECTED_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def _assert_security_headers(response, url):
    for name, value in EXPECTED_HEADERS.items():
        assert response.get(name) == value, (url, name, response.get(name))
    csp = response.get("Content-Security-Policy", "")
    if "sandbox" in csp:
        # An uploaded file served inline (a location photo): stricter than a page, nothing
        # loads, nothing runs, nothing frames it.
        for directive in ("default-src 'none'", "frame-ancestors 'none'"):
            assert directive in csp, (url, csp)
        return
    for directive in ("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'"):
        assert directive in csp, (url, csp)
    assert "unsafe-eval" not in csp and "script-src 'self'" in csp, (url, csp)


@pytest.mark.django_db
def test_s12_every_page_sends_the_security_headers_and_no_store(objects, web, api):
    """Every GET the office can open (web and API): CSP, framing, sniffing, referrer, and no
    caching of pages that carry personal data."""
    answered = 0
    for route in h.routes():
        entry = ROUTES.get(route.name)
        if entry is None or entry.get is None or "office" not in entry.get.ok_for:
            continue
        url = h.route_url(route, entry, objects["a"])
        answered += _check_page(web["office"], url)
    for key, method, path in h.operations():
        entry = OPERATIONS.get(key)
        if method == "GET" and entry is not None and "office" in entry.get.ok_for:
            answered += _check_page(api["office"], h.op_url(path, entry, objects["a"]))
    assert answered >= 30, answered


def _check_page(client, url) -> int:
    response = client.get(url)
    _assert_security_headers(response, url)
    cache = response.get("Cache-Control", "")
    assert "no-store" in cache, (url, response.status_code, cache)
    return 1


@pytest.mark.django_db
def test_s12_anonymous_pages_send_the_security_headers(client):
    """The sign-in page, the health check and error pages too."""
    for url in ("/accounts/login/", "/healthz", "/no-such-page/"):
        _assert_security_headers(client.get(url), url)
