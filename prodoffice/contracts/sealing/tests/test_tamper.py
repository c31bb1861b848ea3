"""E-02 to E-05 and E-07: every alteration of a sealed file, and every foreign seal, is rejected."""

from __future__ import annotations

import hashlib
import random
import re
from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest

from prodoffice.contracts.sealing import verify_pdf


def _signature(data: bytes):
    from pyhanko.pdf_utils.reader import PdfFileReader

    return PdfFileReader(BytesIO(data), strict=False).embedded_signatures[-1]


def _contents_span(data: bytes) -> tuple[int, int]:
    """Offsets of the hex digits of the seal's /Contents (between the signed ranges)."""
    _start, first_len, second_start, _ = (int(x) for x in _signature(data).byte_range)
    assert data[first_len : first_len + 1] == b"<" and data[second_start - 1 : second_start] == b">"
    return first_len + 1, second_start - 1


def _flip_hex(data: bytes, offset: int) -> bytes:
    digit = chr(data[offset])
    replacement = "1" if digit != "1" else "2"
    return data[:offset] + replacement.encode() + data[offset + 1 :]


def test_e02_twenty_random_byte_flips_inside_the_signed_ranges_are_all_rejected(sealed):
    start, first_len, second_start, second_len = (int(x) for x in _signature(sealed).byte_range)
    offsets = [*range(start, start + first_len), *range(second_start, second_start + second_len)]
    rng = random.Random(20261125)  # seeded: the same 20 offsets on every run
    rejected = []
    for offset in rng.sample(offsets, 20):
        flipped = bytearray(sealed)
        flipped[offset] ^= rng.randrange(1, 256)
        verdict = verify_pdf(bytes(flipped))  # no stored hash: the seal alone must catch it
        rejected.append(not verdict.ok and verdict.status != "valid")
    assert sum(rejected) == 20


def test_e03_a_flipped_byte_in_the_cms_signature_value_is_rejected(sealed):
    from asn1crypto import cms

    embedded = _signature(sealed)
    value = embedded.signer_info["signature"].native
    lo, hi = _contents_span(sealed)
    hex_contents = sealed[lo:hi].decode().lower()
    at = hex_contents.find(value.hex())
    assert at >= 0 and cms.ContentInfo.load(embedded.pkcs7_content)
    offset = lo + at + len(value.hex()) // 2  # a digit in the middle of the RSA signature value
    verdict = verify_pdf(_flip_hex(sealed, offset))
    assert not verdict.ok
    assert verdict.status == "invalid"
    assert any("does not verify" in m for m in verdict.messages)


def test_e04_a_byte_appended_after_eof_is_reported_modified(sealed):
    assert sealed.rstrip().endswith(b"%%EOF")
    tampered = sealed + b"x"
    verdict = verify_pdf(tampered, stored_sha256=hashlib.sha256(sealed).hexdigest())
    assert (verdict.ok, verdict.status) == (False, "modified")
    assert any("SHA-256 differs" in m for m in verdict.messages)
    # Even without the stored hash the coverage gives it away.
    assert verify_pdf(tampered).status == "modified"


def test_e04_a_byte_flipped_in_the_contents_padding_is_reported_modified(sealed):
    lo, hi = _contents_span(sealed)
    padding = re.search(rb"0{64,}$", sealed[lo:hi])
    assert padding, "the seal's /Contents ends in zero padding"
    tampered = _flip_hex(sealed, lo + padding.start() + 10)
    verdict = verify_pdf(tampered, stored_sha256=hashlib.sha256(sealed).hexdigest())
    assert (verdict.ok, verdict.status) == (False, "modified")
    assert any("/Contents gap" in m for m in verdict.messages)
    assert any("SHA-256 differs" in m for m in verdict.messages)
    unstored = verify_pdf(tampered)
    assert (unstored.ok, unstored.status) == (False, "modified")


def _incremental(sealed: bytes, change) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(sealed), strict=False)
    change(writer)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def test_e05_an_incremental_update_changing_page_content_is_altered_after_signing(sealed):
    from pyhanko.pdf_utils import generic

    def overwrite_rate(writer):
        stream = generic.StreamObject(stream_data=b"1 1 1 rg 60 700 300 40 re f")
        writer.add_stream_to_page(0, writer.add_object(stream))

    tampered = _incremental(sealed, overwrite_rate)
    assert tampered.startswith(sealed)
    verdict = verify_pdf(tampered)
    assert (verdict.ok, verdict.status) == (False, "modified")
    assert verdict.intact is True  # the signed revision itself is untouched
    assert any("altered after signing" in m for m in verdict.messages)


def test_e05_an_incremental_update_adding_an_annotation_is_altered_after_signing(sealed):
    from pyhanko.pdf_utils import generic

    def annotate(writer):
        page_ref, _resources = writer.find_page_for_modification(0)
        page = page_ref.get_object()
        note = generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Annot"),
                generic.NameObject("/Subtype"): generic.NameObject("/Text"),
                generic.NameObject("/Rect"): generic.ArrayObject(
                    [generic.NumberObject(n) for n in (50, 700, 70, 720)]
                ),
                generic.NameObject("/Contents"): generic.TextStringObject("rate is 900"),
            }
        )
        annots = page.get("/Annots", generic.ArrayObject())
        annots.append(writer.add_object(note))
        page[generic.NameObject("/Annots")] = annots
        writer.update_container(page)

    verdict = verify_pdf(_incremental(sealed, annotate))
    assert (verdict.ok, verdict.status) == (False, "modified")
    assert any("altered after signing" in m for m in verdict.messages)


def _foreign_signer(common_name: str):
    """A self-signed ECDSA certificate and key that are not the office's."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), True
        )
        .sign(key, hashes.SHA256())
    )
    asn1_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    asn1_key = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return signers.SimpleSigner(
        signing_cert=asn1_cert,
        signing_key=asn1_key,
        cert_registry=SimpleCertificateStore.from_certs([asn1_cert]),
    )


@pytest.mark.parametrize("common_name", ["Mallory Forgeries", "Northern Lights office seal"])
def test_e07_a_pdf_signed_by_another_certificate_is_untrusted_never_our_seal(
    office_key, contract_pdf, common_name
):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(BytesIO(contract_pdf))
    meta = signers.PdfSignatureMetadata(
        field_name="OfficeSeal-ctr_8f3k2m", subfilter=fields.SigSeedSubFilter.PADES
    )
    out = BytesIO()
    signers.PdfSigner(meta, signer=_foreign_signer(common_name)).sign_pdf(writer, output=out)
    forged = out.getvalue()

    verdict = verify_pdf(forged, stored_sha256=hashlib.sha256(forged).hexdigest())
    assert not verdict.ok
    assert verdict.status == "untrusted"
    assert verdict.intact is True and verdict.trusted is False
    assert any(m.startswith("Integrity: the signed bytes are intact") for m in verdict.messages)
    assert any("Untrusted signer" in m for m in verdict.messages)
    assert verdict.coverage == "ENTIRE_FILE"


def test_unsigned_and_unreadable_files(office_key, contract_pdf):
    unsigned = verify_pdf(contract_pdf)
    assert (unsigned.ok, unsigned.status) == (False, "unsigned")
    junk = verify_pdf(b"not a pdf at all")
    assert (junk.ok, junk.status) == (False, "invalid")
    assert "not a readable PDF" in junk.messages[0]


def test_a_sealed_file_is_untrusted_where_another_office_key_is_configured(
    sealed, settings, tmp_path
):
    from prodoffice.contracts.sealing import init_signing_key, keys

    settings.PRODOFFICE_SIGNING_DIR = tmp_path / "other-office"
    keys.forget_cached_signer()
    init_signing_key("Another office", "Another Films")
    verdict = verify_pdf(sealed)
    assert (verdict.ok, verdict.status) == (False, "untrusted")
