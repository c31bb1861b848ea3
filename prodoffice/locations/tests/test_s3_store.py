"""The documents store on S3-compatible storage: `STORAGES["default"]` set to django-storages'
S3 backend by settings, against moto's in-process S3 (no network). Upload, versions with their
SHA-256, download, and a failed write leaving nothing behind, as on the local disk."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import storages

pytest.importorskip("moto")
pytest.importorskip("storages.backends.s3")

import boto3
from moto import mock_aws
from storages.backends.s3 import S3Storage

from prodoffice.locations.models import DocumentFile
from prodoffice.locations.services import store
from prodoffice.locations.tests.conftest import PDF, PNG
from prodoffice.locations.tests.factories import DocumentFactory
from prodoffice.settings import s3_default_storage

pytestmark = pytest.mark.django_db
BUCKET = "prodoffice-paperwork"


@pytest.fixture
def s3(settings, monkeypatch):
    """S3 as the default storage (the settings the README documents), on moto."""
    for name, value in (
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_DEFAULT_REGION", "us-east-1"),
    ):
        monkeypatch.setenv(name, value)
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": s3_default_storage(BUCKET, region="us-east-1"),
        }
        yield boto3.client("s3", region_name="us-east-1")


def _keys(client) -> list[str]:
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_upload_versions_and_download_on_s3(world, s3, client_for):
    document = DocumentFactory(production=world.production, kind="coi")
    first = store.document_upload(
        actor=world.office, document=document, filename="coi.pdf", data=PDF
    )
    second = store.document_upload(
        actor=world.office, document=document, filename="coi-scan.png", data=PNG
    )
    assert isinstance(storages["default"], S3Storage)
    keys = _keys(s3)
    assert keys == sorted([first.file.name, second.file.name]) and len(set(keys)) == 2
    assert all(k.startswith("paperwork/") and "coi" not in k for k in keys)  # random names
    body = s3.get_object(Bucket=BUCKET, Key=first.file.name)["Body"].read()
    assert body == PDF and store.sha256(body) == first.sha256
    assert [v.version for v in DocumentFile.objects.filter(document=document)] == [2, 1]
    url = f"/p/{world.production.code}/paperwork/{document.public_id}/files/1/"
    response = client_for(world.office).get(url)
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_refused_or_failed_upload_leaves_nothing_on_s3(world, s3, monkeypatch):
    document = DocumentFactory(production=world.production, kind="coi")
    store.document_upload(actor=world.office, document=document, filename="coi.pdf", data=PDF)
    before = _keys(s3)
    with pytest.raises(ValidationError):
        store.document_upload(
            actor=world.office, document=document, filename="coi.pdf", data=b"<html>"
        )

    def fail(*args, **kwargs):
        raise OSError("the bucket is full")

    monkeypatch.setattr(store, "_save_version", fail)
    with pytest.raises(OSError):
        store.document_upload(actor=world.office, document=document, filename="v2.pdf", data=PDF)
    assert _keys(s3) == before
    assert DocumentFile.objects.filter(document=document).count() == 1
