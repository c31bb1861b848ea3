"""Retention of legal paperwork: documents and their file versions are kept at least five years.

A document (with every version of its file) is kept until RETENTION years after the latest of:
the day it was drafted, the day its newest version was uploaded, its expiry date and the
production's end date (wrap or delivery). Before that, deleting the document or one of its
versions is refused with the date it may go; `purge` (the CLI and the daily worker task) removes
what has passed it. PRODOFFICE_PAPERWORK_RETENTION_YEARS sets RETENTION; values below five are
read as five, the floor the issue sets.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from prodoffice.audit.services import record
from prodoffice.core.services import require
from prodoffice.locations.models import Document, DocumentFile
from prodoffice.locations.permissions import can_draft_paperwork
from prodoffice.locations.services.store import discard_file

MIN_YEARS = 5


def retention_years() -> int:
    """The retention setting, never below five years."""
    return max(MIN_YEARS, int(getattr(settings, "PRODOFFICE_PAPERWORK_RETENTION_YEARS", 5)))


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def kept_until(document: Document, files=None) -> datetime.date:
    """The first day the document (and its versions) may be deleted."""
    files = list(document.files.all()) if files is None else list(files)
    dates = [timezone.localdate(document.created_at)]
    dates += [timezone.localdate(f.created_at) for f in files]
    if document.expiry_date:
        dates.append(document.expiry_date)
    end = document.production.end_date
    if end:
        dates.append(end)
    years = retention_years()
    latest = max(dates)
    # A version's own keep_until (its upload + five years) holds even if the setting shrinks.
    return max([_add_years(latest, years), *(f.keep_until for f in files)])


def _refuse_if_kept(document: Document, files, today: datetime.date, what: str) -> None:
    until = kept_until(document, files)
    if today < until:
        raise ValidationError(
            {
                "document": f"{what} is legal paperwork kept until {until.isoformat()} "
                f"({retention_years()} years after its upload, expiry or the production's "
                "end); it cannot be deleted before."
            }
        )


def _delete_rows(document: Document, files: list[DocumentFile]) -> list:
    stored = [(f.file.storage, f.file.name) for f in files]
    DocumentFile.objects.filter(pk__in=[f.pk for f in files]).delete()
    return stored


def document_delete(*, actor, document: Document, today: datetime.date | None = None) -> None:
    """Delete a document and its versions (office), only once its retention has passed."""
    require(can_draft_paperwork(actor, document.production), "Only the office files paperwork.")
    today = today or timezone.localdate()
    with transaction.atomic():
        document = (
            Document.objects.select_for_update().select_related("production").get(pk=document.pk)
        )
        files = list(document.files.all())
        _refuse_if_kept(document, files, today, str(document))
        record(
            actor=actor,
            action="paperwork.delete",
            target=document,
            production=document.production_id,
            changes={"files": [len(files), None]},
        )
        stored = _delete_rows(document, files)
        document.depends_on.clear()
        document.dependants.clear()
        document.delete()
        transaction.on_commit(lambda: [discard_file(s, n) for s, n in stored])


def document_file_delete(
    *, actor, version: DocumentFile, today: datetime.date | None = None
) -> None:
    """Delete one version of a document's file (office), only once its retention has passed."""
    document = version.document
    require(can_draft_paperwork(actor, document.production), "Only the office files paperwork.")
    today = today or timezone.localdate()
    with transaction.atomic():
        Document.objects.select_for_update().filter(pk=document.pk).first()
        _refuse_if_kept(document, [version], today, f"{document} v{version.version}")
        record(
            actor=actor,
            action="paperwork.file_delete",
            target=document,
            production=document.production_id,
            changes={"file": [f"v{version.version} {version.filename}", None]},
        )
        stored = _delete_rows(document, [version])
        transaction.on_commit(lambda: [discard_file(s, n) for s, n in stored])


def purgeable(today: datetime.date | None = None) -> list[Document]:
    """Documents whose retention has passed (every production), oldest first."""
    today = today or timezone.localdate()
    horizon = _add_years(today, -retention_years())
    # Only documents drafted before the horizon can have passed it; the rest are not read.
    candidates = (
        Document.objects.filter(created_at__date__lt=horizon)
        .select_related("production")
        .prefetch_related("files")
        .order_by("created_at")
    )
    return [d for d in candidates if kept_until(d) <= today]


def purge(*, dry_run: bool = False, today: datetime.date | None = None) -> list[Document]:
    """Remove the documents (rows, versions and stored files) past their retention; the list
    of what was (or, with dry_run, would be) removed. Runs as the system."""
    today = today or timezone.localdate()
    found = purgeable(today)
    if not dry_run:
        for document in found:
            document_delete(actor=None, document=document, today=today)
    return found
