"""The public verifier page (/verify/): the verdicts of `prodoffice verify-contract` on an upload,
the refusals of files that are not PDFs or too large, throttling, and nothing kept."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prodoffice.contracts.models import ContractDocument
from prodoffice.contracts.sealing.tests.test_tamper import (
    _contents_span,
    _flip_hex,
    _foreign_signer,
)
from prodoffice.contracts.services import countersign, documents
from prodoffice.contracts.tests.conftest import _rsa_key, office_seal  # noqa: F401
from prodoffice.contracts.tests.helpers import otp_code, sent, sign_all
from prodoffice.contracts.views import verify as views

pytestmark = pytest.mark.django_db
URL = "/verify/"


@pytest.fixture
def executed(world, office_seal):  # noqa: F811
    """An executed contract and the bytes of its sealed final PDF."""
    contract = sign_all(world, sent(world))
    contract = countersign.contract_countersign(
        actor=world.office, contract=contract, otp_code=otp_code(world.office)
    )
    return contract, contract.documents.get(kind="final").file.read()


def _upload(client, data: bytes, name: str = "contract.pdf"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data, "application/pdf")})


def _verdict(response) -> str:
    match = re.search(r'data-state="(\w+)"', response.content.decode())
    return match.group(1) if match else ""


def test_anyone_opens_the_verifier(client):
    r = client.get(URL)
    html = r.content.decode()
    assert r.status_code == 200
    assert 'type="file"' in html and "Contract PDF" in html and 'for="id_file"' in html


def test_a_good_sealed_pdf_is_a_valid_office_seal_matching_the_stored_copy(client, executed):
    contract, data = executed
    documents, files = ContractDocument.objects.count(), _media_files()
    r = _upload(client, data)
    html = r.content.decode()
    assert r.status_code == 200 and _verdict(r) == "valid"
    assert "Valid office seal" in html and "Nightjar office seal" in html
    assert contract.reference in html and "The seal covers the entire file" in html
    assert (
        "Matches the office&#x27;s stored copy" in html
        or "Matches the office's stored copy" in html
    )
    # Nothing uploaded is kept.
    assert ContractDocument.objects.count() == documents and _media_files() == files


def test_a_flipped_byte_is_modified_after_signing(client, executed):
    _contract, data = executed
    lo, hi = _contents_span(data)
    padding = re.search(rb"0{64,}$", data[lo:hi])
    r = _upload(client, _flip_hex(data, lo + padding.start() + 10))
    assert r.status_code == 200 and _verdict(r) == "modified"
    html = r.content.decode()
    assert "Modified after signing" in html and "Valid office seal" not in html
    assert "differs from the one the office stored" in html


def test_a_byte_flipped_in_the_signed_content_is_not_valid(client, executed):
    _contract, data = executed
    flipped = bytearray(data)
    flipped[len(data) // 3] ^= 0x20
    r = _upload(client, bytes(flipped))
    assert r.status_code == 200 and _verdict(r) in ("modified", "invalid")
    assert "Valid office seal" not in r.content.decode()


def test_a_pdf_signed_by_an_untrusted_key_is_untrusted(client, executed):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    contract, _data = executed
    original = contract.documents.get(kind="original").file.read()
    meta = signers.PdfSignatureMetadata(
        field_name="OfficeSeal-forged", subfilter=fields.SigSeedSubFilter.PADES
    )
    out = BytesIO()
    signers.PdfSigner(meta, signer=_foreign_signer("Mallory Forgeries")).sign_pdf(
        IncrementalPdfFileWriter(BytesIO(original)), output=out
    )
    r = _upload(client, out.getvalue())
    html = r.content.decode()
    assert r.status_code == 200 and _verdict(r) == "untrusted"
    assert "Untrusted signer" in html and "Mallory Forgeries" in html


def test_an_unsigned_pdf_is_not_signed(client, world):
    contract = sent(world)
    r = _upload(client, documents.original(contract).file.read())
    assert r.status_code == 200 and _verdict(r) == "unsigned"
    assert "Not signed" in r.content.decode()


def test_a_file_that_is_not_a_pdf_is_refused_naming_the_field(client):
    r = _upload(client, b"GIF89a not a pdf", "picture.gif")
    html = r.content.decode()
    assert r.status_code == 400 and "This file is not a PDF" in html
    assert 'href="#id_file">Contract PDF</a>' in html and 'id="verdict"' not in html


def test_a_missing_file_is_refused_naming_the_field(client):
    r = client.post(URL, {})
    assert r.status_code == 400 and "This field is required." in r.content.decode()


def test_a_file_over_the_limit_is_refused_naming_the_field(client, monkeypatch):
    monkeypatch.setattr(views, "VERIFY_MAX_BYTES", 100)
    r = _upload(client, b"%PDF-1.7\n" + b"0" * 200)
    html = r.content.decode()
    assert r.status_code == 400 and "The file is 209\xa0bytes" in html
    assert "the verifier reads PDFs of at most" in html and 'href="#id_file"' in html


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(client, monkeypatch):
    monkeypatch.setattr(views, "VERIFY_MAX_BYTES", 10)
    r = _upload(client, b"%PDF-1.7\n" + b"0" * 70_000)
    assert r.status_code == 400 and "The file is too large" in r.content.decode()


def test_the_verifier_is_throttled_per_address(client, monkeypatch):
    monkeypatch.setattr(views, "VERIFY_RATE", "2/min")
    statuses = [_upload(client, b"not a pdf").status_code for _ in range(3)]
    assert statuses == [400, 400, 429]
    assert client.get(URL).status_code == 200  # reading the page is not counted


def _media_files() -> list[str]:
    from django.conf import settings

    root = settings.MEDIA_ROOT
    return sorted(str(p) for p in root.rglob("*") if p.is_file()) if root.exists() else []
