"""An upload kept between its preview and its apply, in the session, named by its SHA-256.

The office uploads a file, sees what importing it would do, and confirms. The confirm step must
apply exactly the bytes that were previewed, so they wait in the session (one per production and
kind of import), and the confirm form names them by their hash: a stale or forged form finds
nothing to apply. `import_step` is the two steps of every such page (script, USS, crew list):
`run(form, item, dry_run)` calls the import service and returns its report (None on errors,
which land on the form).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any


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


@dataclass
class Step:
    """What one request of an import page came to: its form, the report, the stashed digest."""

    form: Any
    report: Any = None
    digest: str | None = None
    imported: bool = False


def import_step(
    request,
    production,
    *,
    form_class,
    stash: UploadStash,
    item: Callable[[Any], dict],
    run: Callable,
    expired: str,
) -> Step:
    """The blank form, a preview of the upload (`item(form)` is what is stashed), or the import
    of the previewed upload (`expired` on the form when it is gone)."""
    if request.method == "POST" and request.POST.get("step") == "confirm":
        form = form_class.for_errors()
        report = _confirm(request, production, stash, partial(run, form), form, expired)
        return Step(form, report, imported=report is not None)
    form = form_class(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return Step(form)
    upload = item(form)
    report = run(form, upload, dry_run=True)
    if report is None:
        return Step(form)
    return Step(form, report, stash.put(request, production, **upload))


def _confirm(request, production, stash: UploadStash, run: Callable, form, expired: str):
    upload = stash.get(request, production, request.POST.get("sha256", ""))
    if upload is None:
        form.add_error("file", expired)
        return None
    report = run(upload, dry_run=False)
    if report is not None:
        stash.forget(request, production)
    return report
