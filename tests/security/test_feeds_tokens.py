"""The public feed route without a valid secret: every role, signed in or not, gets 404.

S-01 covers the valid secret (200 for everyone: the secret is the credential). Here: unknown,
revoked, truncated and another feed's secret with a changed letter, for each role's client, and
a session never stands in for the secret."""

from __future__ import annotations

import pytest
from django.urls import reverse

from prodoffice.scheduling.services.feeds import feed_revoke
from tests.security.harness import ROLES

pytestmark = pytest.mark.django_db


def _flip(secret: str) -> str:
    return secret[:-1] + ("A" if secret[-1] != "A" else "B")


@pytest.mark.parametrize("role", ROLES)
def test_no_valid_secret_no_feed_whoever_asks(role, web, objects):
    feed, secret = objects["a"].feed, objects["a"].feed_secret
    client = web[role]
    for token in ("unknown", _flip(secret), secret[:20], secret + "x"):
        assert client.get(reverse("web:feed", args=[token])).status_code == 404, (role, token)
    assert client.get(reverse("web:feed", args=[secret])).status_code == 200
    feed_revoke(actor=None, feed=feed)
    assert client.get(reverse("web:feed", args=[secret])).status_code == 404


def test_feed_answers_get_only(web, objects):
    url = reverse("web:feed", args=[objects["a"].feed_secret])
    assert web["anonymous"].post(url).status_code == 405
    assert web["office"].head(url).status_code == 200


def test_feed_secrets_are_masked_in_log_lines():
    """S-13: Django logs the path of a 404 or 405; the console handler masks the secret."""
    import logging

    from prodoffice.core.logfilters import UrlSecretFilter

    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "%s: %s",
        ("Not Found", "/feeds/s3cr3t-x_y.ics"),
        None,
    )
    assert UrlSecretFilter().filter(record)
    assert record.getMessage() == "Not Found: /feeds/***.ics"
    handler = next(h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler)
    assert any(isinstance(f, UrlSecretFilter) for f in handler.filters)
