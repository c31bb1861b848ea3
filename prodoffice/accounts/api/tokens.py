"""Issuing and revoking API tokens: the writes behind the token endpoint, audited like any other."""

from __future__ import annotations

from django.db import transaction
from rest_framework.authtoken.models import Token

from prodoffice.audit.services import record


@transaction.atomic
def token_issue(*, actor) -> Token:
    """The user's API token (one per user), created on first sign-in through the API."""
    token, created = Token.objects.get_or_create(user=actor)
    if created:
        record(actor=actor, action="token.issue", target=actor)
    return token


@transaction.atomic
def token_revoke(*, actor) -> bool:
    """Delete the user's API token; every client holding it is signed out."""
    deleted, _ = Token.objects.filter(user=actor).delete()
    if deleted:
        record(actor=actor, action="token.revoke", target=actor)
    return bool(deleted)
