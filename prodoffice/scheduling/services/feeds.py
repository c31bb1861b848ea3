"""Calendar feed writes: make and revoke the secret iCalendar (RFC 5545) URLs of a production's
shoot days or of one person's work days (the documents themselves: `scheduling/ical.py`).

The secret is the credential of a public URL, so only its SHA-256 is stored: it is shown once,
when the feed is made, and never written into the audit log. A lost URL is revoked and replaced.
"""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from prodoffice.audit.services import record
from prodoffice.core.services import require
from prodoffice.productions.models import Production
from prodoffice.scheduling.models import (
    FeedKind,
    FeedToken,
)
from prodoffice.scheduling.permissions import (
    can_manage_person_feed,
    can_manage_production_feeds,
)
from prodoffice.scheduling.selectors.feeds import hash_secret

#: 32 random bytes, URL-safe: 43 characters.
SECRET_BYTES = 32


# --- services ------------------------------------------------------------------------------------


def feed_create(*, actor, production: Production, person=None) -> tuple[FeedToken, str]:
    """A new feed of the production (office) or of the actor's own work days; (feed, secret)."""
    if person is None:
        require(can_manage_production_feeds(actor, production), "Only the office makes these.")
        kind = FeedKind.PRODUCTION
    else:
        require(
            can_manage_person_feed(actor, production, person),
            "You can make a feed of your own work days only.",
        )
        kind = FeedKind.PERSON
        if not person.engagements.filter(production=production).exists():
            raise ValidationError({"person": f"{person} has no engagement on this production."})
    secret = secrets.token_urlsafe(SECRET_BYTES)
    with transaction.atomic():
        feed = FeedToken.objects.create(
            production=production,
            person=person,
            kind=kind,
            secret_hash=hash_secret(secret),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        # The secret stays out of the log: only the kind and whose feed it is.
        record(
            actor=actor,
            action="feed.create",
            target=feed,
            production=production,
            changes={"kind": kind, "person": str(person.pk) if person else None},
        )
    return feed, secret


def feed_revoke(*, actor, feed: FeedToken) -> FeedToken:
    """Revoke a feed: its URL answers 404 from now on (the office, or the feed's person)."""
    production = feed.production
    allowed = can_manage_production_feeds(actor, production) or (
        feed.person is not None and can_manage_person_feed(actor, production, feed.person)
    )
    require(allowed, "You can revoke your own feeds only.")
    if feed.revoked_at is not None:
        raise ValidationError({"feed": "This feed is already revoked."})
    with transaction.atomic():
        feed.revoked_at = timezone.now()
        FeedToken.objects.filter(pk=feed.pk).update(revoked_at=feed.revoked_at)
        record(actor=actor, action="feed.revoke", target=feed, production=production)
    return feed


def feed_mark_used(feed: FeedToken) -> None:
    """Note when a feed was last fetched (bookkeeping of a read, like last_login: no audit)."""
    FeedToken.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())


# --- the schedule behind a feed ------------------------------------------------------------------


# --- iCalendar -----------------------------------------------------------------------------------
