"""The documents store: each upload a new version under a random name, with its SHA-256.

F-05 (disk full): the file is written first, under a fresh random name, and read back against
its hash; only then, in one transaction, the version row and the audit event. Any failure removes
the new file and leaves the previous versions (files and rows) as they were.
"""

from __future__ import annotations

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from prodoffice.audit.services import record
from prodoffice.core.services import require
from prodoffice.locations.models import Document, DocumentFile, Location, LocationPhoto
from prodoffice.locations.permissions import can_draft_paperwork, can_manage_locations
from prodoffice.locations.uploads import check_upload

#: Legal paperwork is kept at least five years.
KEEP_YEARS = 5


def sha256(data: bytes) -> str:
    """SHA-256 in hex."""
    return hashlib.sha256(data).hexdigest()


def _keep_until(today: datetime.date) -> datetime.date:
    try:
        return today.replace(year=today.year + KEEP_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + KEEP_YEARS, day=28)


def write_file(field_file, filename: str, data: bytes) -> str:
    """Save bytes under a fresh random name and check them back; the stored name."""
    storage = field_file.storage
    name = field_file.field.generate_filename(field_file.instance, filename)
    try:
        stored = storage.save(name, ContentFile(data))
        with storage.open(stored, "rb") as fh:
            if sha256(fh.read()) != sha256(data):
                raise OSError(f"{stored}: the stored bytes differ from those written")
    except BaseException:
        discard_file(storage, name)
        raise
    return stored


def discard_file(storage, name: str) -> None:
    """Delete a stored file if it is there (cleanup after a failure must not fail itself)."""
    try:
        if name and storage.exists(name):
            storage.delete(name)
    except OSError:
        pass


def document_upload(*, actor, document: Document, filename: str, data: bytes) -> DocumentFile:
    """Store a new version of a document's file (office); earlier versions are kept."""
    require(can_draft_paperwork(actor, document.production), "Only the office files paperwork.")
    filename, content_type = check_upload(filename, data)
    version = DocumentFile(document=document, filename=filename, content_type=content_type)
    version.sha256, version.size = sha256(data), len(data)
    version.file.name = write_file(version.file, filename, data)
    try:
        with transaction.atomic():
            _save_version(actor, document, version)
    except BaseException:
        discard_file(version.file.storage, version.file.name)
        raise
    return version


def _save_version(actor, document: Document, version: DocumentFile) -> None:
    # The document row is locked so two uploads at once get versions n and n+1, not a clash.
    Document.objects.select_for_update().filter(pk=document.pk).first()
    latest = document.files.aggregate(n=Max("version"))["n"] or 0
    version.version = latest + 1
    version.uploaded_by = actor if getattr(actor, "is_authenticated", False) else None
    version.keep_until = _keep_until(timezone.localdate())
    version.save()
    record(
        actor=actor,
        action="paperwork.upload",
        target=document,
        production=document.production_id,
        changes={"file": [None, f"v{version.version} {version.filename} sha256 {version.sha256}"]},
    )


def photo_add(*, actor, location: Location, filename: str, data: bytes, caption: str = ""):
    """Add a scouting photo (PNG or JPEG) to a location (office)."""
    require(can_manage_locations(actor, location.production), "Only the office adds photos.")
    filename, content_type = check_upload(filename, data)
    if not content_type.startswith("image/"):
        raise ValidationError({"file": f"{filename}: a photo is a PNG or JPEG image."})
    photo = LocationPhoto(location=location, filename=filename, content_type=content_type)
    photo.sha256, photo.size, photo.caption = sha256(data), len(data), (caption or "").strip()
    photo.file.name = write_file(photo.file, filename, data)
    try:
        with transaction.atomic():
            photo.save()
            record(
                actor=actor,
                action="location.photo_add",
                target=location,
                production=location.production_id,
                message=photo.filename,
            )
    except BaseException:
        discard_file(photo.file.storage, photo.file.name)
        raise
    return photo


def photo_remove(*, actor, photo: LocationPhoto) -> None:
    """Delete a scouting photo (office): the row and the audit event in one transaction, the
    stored file once that has committed (a photo is not legal paperwork: no retention)."""
    location = photo.location
    require(can_manage_locations(actor, location.production), "Only the office removes photos.")
    storage, name = photo.file.storage, photo.file.name
    with transaction.atomic():
        record(
            actor=actor,
            action="location.photo_remove",
            target=location,
            production=location.production_id,
            message=photo.filename,
        )
        photo.delete()
        transaction.on_commit(lambda: discard_file(storage, name))
