"""Preview, then confirm: the two steps of the script and USS imports.

The preview dry-runs the upload and keeps its bytes in an `UploadStash`, named by their SHA-256;
the confirmation names that digest only, so what the browser sends back cannot change what is
imported. `run(item, dry_run)` calls the import service and returns its report (None on errors,
which land on the form).
"""

from __future__ import annotations

from collections.abc import Callable

from prodoffice.core.uploads import UploadStash


def preview(request, production, stash: UploadStash, item: dict, run: Callable):
    """Dry-run the upload and keep it for the confirmation; (report, digest) or (None, None)."""
    report = run(item, dry_run=True)
    if report is None:
        return None, None
    return report, stash.put(request, production, **item)


def confirm(request, production, stash: UploadStash, form, run: Callable, expired: str):
    """Import the previewed upload for real; None when it is gone (`expired` on the form) or
    refused."""
    item = stash.get(request, production, request.POST.get("sha256", ""))
    if item is None:
        form.add_error("file", expired)
        return None
    report = run(item, dry_run=False)
    if report is not None:
        stash.forget(request, production)
    return report
