"""Idempotency-Key on unsafe API actions (SECURITY.md F-08; Stripe's semantics).

The first answer to a key is stored with a fingerprint of the request; the same key with the same
method, path and body replays that answer (with `Idempotent-Replayed: true`) without running the
action again; the same key with another request answers 422. Server errors (5xx) are not stored,
so a retry after a failure runs the action again.
"""

from __future__ import annotations

import functools
import hashlib
import json

from django.db import IntegrityError
from rest_framework.response import Response

from prodoffice.api.errors import error_response
from prodoffice.api.models import IdempotentRequest
from prodoffice.api.services import idempotent_answer_store

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


def fingerprint(request) -> str:
    """SHA-256 over the method, the path and the canonical JSON of the body."""
    try:
        body = json.dumps(request.data, sort_keys=True, default=str)
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


def idempotent(view_method):
    """Decorate a viewset action: replay or refuse by the request's Idempotency-Key."""

    @functools.wraps(view_method)
    def wrapper(self, request, *args, **kwargs):
        key = request.headers.get(HEADER, "").strip()
        if not key or not request.user.is_authenticated:
            return view_method(self, request, *args, **kwargs)
        if len(key) > MAX_KEY_LENGTH:
            message = f"An Idempotency-Key has at most {MAX_KEY_LENGTH} characters."
            return error_response("invalid", message, 400, {HEADER: [message]})
        print_ = fingerprint(request)
        stored = IdempotentRequest.objects.filter(user=request.user, key=key).first()
        if stored is not None:
            return _replay(stored) if stored.fingerprint == print_ else _mismatch(key)
        response = _answer(self, request, view_method, args, kwargs)
        if response.status_code >= 500:
            return response
        return _store(request, key, print_, response)

    return wrapper


def _answer(view, request, view_method, args, kwargs) -> Response:
    """The action's answer, errors included (they are answers too and replay the same)."""
    try:
        return view_method(view, request, *args, **kwargs)
    except Exception as exc:  # rendered by the API's handler, as DRF would
        response = view.handle_exception(exc)
        return response


def _store(request, key: str, print_: str, response: Response) -> Response:
    try:
        idempotent_answer_store(
            user=request.user,
            key=key,
            fingerprint=print_,
            status_code=response.status_code,
            body=json.loads(json.dumps(response.data, default=str)),
        )
    except IntegrityError:
        # A concurrent request with the same key stored its answer first: answer as it did.
        stored = IdempotentRequest.objects.get(user=request.user, key=key)
        return _replay(stored) if stored.fingerprint == print_ else _mismatch(key)
    return response
