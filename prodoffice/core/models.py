"""Abstract base models shared by every domain app."""

from __future__ import annotations

import uuid

from django.db import models


class TimeStampedModel(models.Model):
    """Creation and modification times, in UTC."""

    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False)

    class Meta:
        abstract = True


class PublicIdModel(TimeStampedModel):
    """A random public id for URLs and the API, so row counts and ids are not guessable."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True
