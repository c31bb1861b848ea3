"""The API plumbing's own writes: the stored first answers of idempotent requests."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from prodoffice.api.models import IdempotentRequest

#: How long an Idempotency-Key is remembered; a retry after that runs the action again.
IDEMPOTENCY_TTL = datetime.timedelta(hours=24)


@transaction.atomic
def idempotent_answer_store(
    *, user, key: str, fingerprint: str, status_code: int, body: Any
) -> IdempotentRequest:
    """Keep the first answer to a (user, key); IntegrityError if a concurrent request kept one."""
    return IdempotentRequest.objects.create(
        user=user, key=key, fingerprint=fingerprint, status_code=status_code, body=body
    )


def idempotent_answers_purge(*, before: datetime.datetime, user=None) -> int:
    """Forget the stored answers older than `before` (of one user, or of everyone); how many."""
    rows = IdempotentRequest.objects.filter(created_at__lt=before)
    if user is not None:
        rows = rows.filter(user=user)
    deleted, _ = rows.delete()
    return deleted


def worker_startup() -> None:
    """The worker's start-up hook: expired Idempotency-Keys (older than 24 hours) are forgotten."""
    idempotent_answers_purge(before=timezone.now() - IDEMPOTENCY_TTL)
