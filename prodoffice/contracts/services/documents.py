"""A contract's documents: frozen bytes stored with their SHA-256, and which one is current."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile

from prodoffice.contracts.choices import DocumentKind
from prodoffice.contracts.errors import Conflict
from prodoffice.contracts.models import Contract, ContractDocument


def sha256(data: bytes) -> str:
    """SHA-256 in hex."""
    return hashlib.sha256(data).hexdigest()


def store(contract: Contract, kind: str, data: bytes) -> ContractDocument:
    """Frozen bytes in storage with their SHA-256 and size.

    The name is chosen first, so a failed or short write (a full disk, F-06) leaves no file
    behind; a file whose row then rolls back is an orphan the sweep deletes.
    """
    document = ContractDocument(
        contract=contract, version=contract.version, kind=kind, sha256=sha256(data), size=len(data)
    )
    storage = document.file.storage
    name = document.file.field.generate_filename(document, f"{kind}.pdf")
    try:
        document.file.name = storage.save(name, ContentFile(data))
        with storage.open(document.file.name, "rb") as fh:
            if sha256(fh.read()) != document.sha256:
                raise OSError(f"{document.file.name}: the stored bytes differ from those written")
        document.save()
    except BaseException:
        discard_file(storage, document.file.name or name)
        raise
    return document


def discard_file(storage, name: str) -> None:
    """Delete a stored file if it is there (cleanup after a failure must not fail itself)."""
    try:
        if name and storage.exists(name):
            storage.delete(name)
    except OSError:
        pass


def file_matches(document: ContractDocument) -> bool:
    """Whether a document's stored bytes are there and match its SHA-256."""
    try:
        with document.file.open("rb") as fh:
            return sha256(fh.read()) == document.sha256
    except (OSError, ValueError):
        return False


def original(contract: Contract) -> ContractDocument:
    """The frozen document of the contract's current version."""
    doc = contract.documents.filter(version=contract.version, kind=DocumentKind.ORIGINAL).first()
    if doc is None:
        raise Conflict("status", "This contract has not been sent.", "not_sent")
    return doc


def latest_document(contract: Contract) -> ContractDocument:
    """The final sealed document once executed, else the frozen original."""
    docs = contract.documents.filter(version=contract.version)
    doc = docs.filter(kind=DocumentKind.FINAL).first() or docs.filter(kind="original").first()
    if doc is None:
        raise Conflict("status", "This contract has not been sent.", "not_sent")
    return doc
