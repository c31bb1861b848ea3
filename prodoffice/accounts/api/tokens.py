"""Issuing and revoking API tokens: the writes behind the token endpoint, logged (S-13)."""

from __future__ import annotations

import logging

from django.db import transaction
from rest_framework.authtoken.models import Token

from prodoffice.core import context

log = logging.getLogger("prodoffice.auth")


@transaction.atomic
def token_issue(*, actor) -> Token:
    """The user's API token (one per user), created on first sign-in through the API."""
    token, created = Token.objects.get_or_create(user=actor)
    log.info(
        "api token %s for user %s from %s",
        "issued" if created else "reused",
        actor.pk,
        context.client_ip() or "-",
    )
    return token


@transaction.atomic
def token_revoke(*, actor) -> bool:
    """Delete the user's API token; every client holding it is signed out."""
    deleted, _ = Token.objects.filter(user=actor).delete()
    log.info("api token revoked for user %s from %s", actor.pk, context.client_ip() or "-")
    return bool(deleted)
