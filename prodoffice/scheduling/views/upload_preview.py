"""Preview, then confirm: the two steps of the script and USS import pages.

The preview dry-runs the upload and keeps its bytes in an `UploadStash`, named by their SHA-256;
the confirmation names that digest only, so what the browser sends back cannot change what is
imported. `run(form, item, dry_run)` calls the import service and returns its report (None on
errors, which land on the form).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django import forms

from prodoffice.core.uploads import UploadStash


@dataclass
class Step:
    """What one request of an import page came to: its form, the report, the stashed digest."""

    form: forms.Form
    report: Any = None
    digest: str | None = None
    imported: bool = False


def import_step(
    request,
    production,
    *,
    form_class,
    stash: UploadStash,
    item: Callable[[forms.Form], dict],
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
