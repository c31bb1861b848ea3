"""Calendar feed lookups: a feed by its secret, of which only the SHA-256 is stored."""

from __future__ import annotations

import hashlib

from prodoffice.scheduling.models import (
    FeedToken,
)


def hash_secret(secret: str) -> str:
    """The stored form of a feed secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def feed_by_secret(secret: str) -> FeedToken | None:
    """The active feed of this secret, or None (unknown, revoked, or its person gone)."""
    if not secret or len(secret) > 128:
        return None
    feed = (
        FeedToken.objects.active()
        .select_related("production", "person")
        .filter(secret_hash=hash_secret(secret))
        .first()
    )
    if feed is None:
        return None
    if feed.person_id and not feed.person.engagements.filter(production=feed.production).exists():
        return None
    return feed
