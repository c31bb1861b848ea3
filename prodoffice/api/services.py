"""The API plumbing's own writes: the stored first answers of idempotent requests."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from prodoffice.api.models import IdempotentRequest


@transaction.atomic
def idempotent_answer_store(
    *, user, key: str, fingerprint: str, status_code: int, body: Any
) -> IdempotentRequest:
    """Keep the first answer to a (user, key); IntegrityError if a concurrent request kept one."""
    return IdempotentRequest.objects.create(
        user=user, key=key, fingerprint=fingerprint, status_code=status_code, body=body
    )
