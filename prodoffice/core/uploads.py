"""An upload kept between its preview and its apply, in the session, named by its SHA-256.

The office uploads a file, sees what importing it would do, and confirms. The confirm step must
apply exactly the bytes that were previewed, so they wait in the session (one per production and
kind of import), and the confirm form names them by their hash: a stale or forged form finds
nothing to apply.
"""

from __future__ import annotations

import base64
import hashlib


class UploadStash:
    """One previewed upload per production, under a session key of its own."""

    def __init__(self, session_key: str):
        self.key = session_key

    def put(self, request, production, *, filename: str, data: bytes, **extra) -> str:
        """Keep the upload (and small extra choices, such as a revision colour); its SHA-256."""
        digest = hashlib.sha256(data).hexdigest()
        held = request.session.get(self.key, {})
        held[production.code] = {
            **extra,
            "sha256": digest,
            "filename": filename,
            "data": base64.b64encode(data).decode("ascii"),
        }
        request.session[self.key] = held
        return digest

    def get(self, request, production, digest: str) -> dict | None:
        """The upload named by `digest`, checked against its bytes, or None."""
        held = request.session.get(self.key, {}).get(production.code)
        if not held or held["sha256"] != digest:
            return None
        data = base64.b64decode(held["data"])
        if hashlib.sha256(data).hexdigest() != digest:
            return None
        return {**held, "data": data}

    def forget(self, request, production) -> None:
        """Drop the production's upload once it is applied or abandoned."""
        held = request.session.get(self.key, {})
        if held.pop(production.code, None) is not None:
            request.session[self.key] = held
