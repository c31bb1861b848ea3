"""Idempotency-Key on every API POST (SECURITY.md F-08; Stripe's semantics).

The first answer to a key is stored with a fingerprint of the request; the same key with the same
method, path and body replays that answer (with `Idempotent-Replayed: true`) without running the
action again; the same key with another request (another body, or another path) answers 422.
Keys belong to the user who sent them and expire after `TTL` (24 hours): an expired key runs the
action again. Server errors (5xx) are not stored, so a retry after a failure runs the action again.

`ScopedViewSet` applies it to every POST of every viewset (`idempotent_call`), so a new create or
action cannot forget it; `idempotent` decorates a handler of a view outside that base.

The action and the stored answer commit together: two concurrent requests with one key both run,
but the second one's insert of the key fails on the unique constraint (after the first commits),
which rolls its action back and answers what the first one stored.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.response import Response

from prodoffice.api.errors import error_response
from prodoffice.api.models import IdempotentRequest
from prodoffice.api.services import (
    IDEMPOTENCY_TTL,
    idempotent_answer_store,
    idempotent_answers_purge,
)

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
TTL = IDEMPOTENCY_TTL

#: The header as an OpenAPI parameter, added to every POST operation by the schema.
PARAMETER = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "A unique value per intended action (e.g. a UUID), at most 255 characters. A retry with "
        "the same key and the same body replays the first answer (header "
        "`Idempotent-Replayed: true`) without acting again; the same key with another body or "
        "on another path answers 422. Keys belong to the user and expire after 24 hours."
    ),
)


def _file_digest(upload) -> dict:
    """An uploaded file by its name and the SHA-256 of its content (not by its name alone: the
    same key with another file of the same name is another body)."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return {"file": getattr(upload, "name", ""), "sha256": digest.hexdigest()}


def _canonical(data):
    """The body as plain data: a multipart form's fields as lists, its files by content."""
    if hasattr(data, "lists"):  # a QueryDict (multipart or form-encoded)
        return {key: [_canonical(v) for v in values] for key, values in data.lists()}
    if isinstance(data, dict):
        return {key: _canonical(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_canonical(value) for value in data]
    if hasattr(data, "chunks") and hasattr(data, "seek"):
        return _file_digest(data)
    return data


def fingerprint(request) -> str:
    """SHA-256 over the method, the path and the canonical JSON of the body (uploaded files by
    the SHA-256 of their content)."""
    try:
        body = json.dumps(_canonical(request.data), sort_keys=True, default=str)
    except (TypeError, ValueError):
        body = repr(request.data)
    raw = f"{request.method}\n{request.path}\n{body}".encode()
    return hashlib.sha256(raw).hexdigest()


def _replay(stored: IdempotentRequest) -> Response:
    response = Response(stored.body, status=stored.status_code)
    response["Idempotent-Replayed"] = "true"
    return response


def _mismatch(key: str) -> Response:
    message = f"The Idempotency-Key {key!r} was already used for another request."
    return error_response("idempotency_key_reused", message, 422, {HEADER: [message]})


def _stored(user, key: str) -> IdempotentRequest | None:
    """The live answer stored for the user's key (expired ones are not answers)."""
    cutoff = timezone.now() - TTL
    return IdempotentRequest.objects.filter(user=user, key=key, created_at__gte=cutoff).first()


def idempotent_call(view, request, call: Callable[[], Response]) -> Response:
    """`call()`'s answer, or the stored answer of an earlier request with the same key."""
    key = request.headers.get(HEADER, "").strip()
    if not key or not request.user.is_authenticated:
        return call()
    if len(key) > MAX_KEY_LENGTH:
        message = f"An Idempotency-Key has at most {MAX_KEY_LENGTH} characters."
        return error_response("invalid", message, 400, {HEADER: [message]})
    print_ = fingerprint(request)
    stored = _stored(request.user, key)
    if stored is not None:
        return _replay(stored) if stored.fingerprint == print_ else _mismatch(key)
    idempotent_answers_purge(user=request.user, before=timezone.now() - TTL)
    try:
        with transaction.atomic():
            response = _answer(view, call)
            if response.status_code < 500:
                _store(request, key, print_, response)
    except IntegrityError:
        # A concurrent request with the same key committed first: this one's action is rolled
        # back and it answers as the first did.
        stored = _stored(request.user, key)
        if stored is None:
            raise
        return _replay(stored) if stored.fingerprint == print_ else _mismatch(key)
    return response


def idempotent(view_method):
    """Decorate a view handler: replay or refuse by the request's Idempotency-Key."""

    @functools.wraps(view_method)
    def wrapper(self, request, *args, **kwargs):
        return idempotent_call(self, request, lambda: view_method(self, request, *args, **kwargs))

    wrapper.idempotent = True
    return wrapper


def _answer(view, call: Callable[[], Response]) -> Response:
    """The action's answer, errors included (they are answers too and replay the same)."""
    try:
        return call()
    except Exception as exc:  # rendered by the API's handler, as DRF would (or re-raised)
        return view.handle_exception(exc)


def _store(request, key: str, print_: str, response: Response) -> None:
    idempotent_answer_store(
        user=request.user,
        key=key,
        fingerprint=print_,
        status_code=response.status_code,
        body=json.loads(json.dumps(response.data, default=str)),
    )
