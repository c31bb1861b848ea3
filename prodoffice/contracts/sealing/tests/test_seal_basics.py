"""E-01 and E-08: a sealed contract passes the acceptance rule and states every evidence field."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from io import BytesIO

import pytest

from prodoffice.contracts.sealing import SealError, seal_document, verify_pdf
from prodoffice.contracts.sealing.tests.conftest import make_completion


def test_e01_sealed_contract_passes_the_acceptance_rule(sealed, contract_pdf):
    stored = hashlib.sha256(sealed).hexdigest()
    verdict = verify_pdf(sealed, stored_sha256=stored)
    assert verdict.ok, verdict.messages
    assert verdict.status == "valid"
    assert verdict.signer == "Northern Lights office seal"
    assert verdict.coverage == "ENTIRE_FILE"
    assert verdict.contract_ref == "ctr_8f3k2m"
    assert verdict.sha256 == stored
    assert verdict.signed_at is not None and verdict.signed_at.tzinfo is not None
    # The original's bytes are kept unchanged at the start of the sealed file, and the
    # verifier finds them: the original and the final SHA-256 (E-08).
    assert sealed.startswith(contract_pdf)
    assert verdict.original_sha256 == hashlib.sha256(contract_pdf).hexdigest()
    assert verdict.as_dict()["status"] == "valid"


@pytest.mark.skipif(not shutil.which("pdfsig"), reason="poppler-utils pdfsig not installed")
def test_e01_poppler_pdfsig_says_total_document_signed_and_valid(sealed, tmp_path):
    path = tmp_path / "sealed.pdf"
    path.write_bytes(sealed)
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    assert "Total document signed" in out.stdout, out.stdout
    assert "Signature is Valid" in out.stdout, out.stdout
    assert "OfficeSeal-ctr_8f3k2m" in out.stdout


def test_e08_completion_page_lists_every_field(sealed, contract_pdf):
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(sealed))
    original_pages = len(PdfReader(BytesIO(contract_pdf)).pages)
    assert len(reader.pages) > original_pages
    text = " ".join(p.extract_text() for p in reader.pages[original_pages:])
    flat = " ".join(text.split())
    completion = make_completion(contract_pdf)
    expected = [completion.original_sha256, "C-0042", "The Long Night", "ctr_8f3k2m"]
    for party in completion.parties:
        expected += [
            party.name,
            party.email,
            party.role,
            party.auth_method,
            party.consent_version,
            party.consent_sha256,
            party.ip,
            party.user_agent,
            party.typed_name,
            party.viewed_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
            party.signed_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
        ]
    expected += ["countersigned", "Olga Producer", "Carla Coordinator"]
    # Long hashes may wrap: compare with all whitespace removed.
    squeezed = "".join(text.split())
    missing = [e for e in expected if e not in flat and "".join(e.split()) not in squeezed]
    assert not missing, missing


def test_seal_refuses_a_completion_for_another_document(office_key, contract_pdf):
    completion = make_completion(contract_pdf)
    with pytest.raises(SealError, match="original_sha256"):
        seal_document(contract_pdf + b"\n", completion, reason="x", contract_ref="ctr_8f3k2m")
    with pytest.raises(SealError, match="contract_ref"):
        seal_document(contract_pdf, completion, reason="x", contract_ref="ctr_other")
    with pytest.raises(SealError, match="not a PDF"):
        seal_document(b"hello", completion, reason="x", contract_ref="ctr_8f3k2m")


def test_seal_without_a_key_says_how_to_create_one(signing_dir, contract_pdf):
    completion = make_completion(contract_pdf)
    with pytest.raises(SealError, match="signing-key init"):
        seal_document(contract_pdf, completion, reason="x", contract_ref="ctr_8f3k2m")


def test_sealing_is_deterministic_except_time(office_key, contract_pdf, monkeypatch):
    from datetime import UTC, datetime

    from pyhanko.pdf_utils.metadata import info
    from pyhanko.sign.signers import pdf_signer
    from pyhanko.stamp import text

    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 11, 21, 10, 0, tzinfo=UTC)

    # Every clock pyHanko reads: signing time, the stamp's time, the /ModDate.
    for module in (pdf_signer, text, info):
        monkeypatch.setattr(module, "datetime", FrozenClock)
    completion = make_completion(contract_pdf)

    def seal():
        return seal_document(
            contract_pdf, completion, reason="Countersigned", contract_ref="ctr_8f3k2m"
        )

    first, second = seal(), seal()
    assert first == second
    assert verify_pdf(first).signed_at == datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


def test_a_long_completion_spans_pages_with_the_stamp_on_its_first_page(office_key, contract_pdf):
    from dataclasses import replace
    from datetime import timedelta

    from pypdf import PdfReader

    from prodoffice.contracts.sealing.tests.conftest import T0

    base = make_completion(contract_pdf)
    parties = [replace(base.parties[0], name=f"Crew member {i:02d}") for i in range(9)]
    events = [(T0 + timedelta(minutes=i), "viewed", f"Crew member {i % 9:02d}") for i in range(90)]
    completion = replace(base, parties=parties, events=events)
    sealed = seal_document(
        contract_pdf, completion, reason="Countersigned", contract_ref="ctr_8f3k2m"
    )
    verdict = verify_pdf(sealed, stored_sha256=hashlib.sha256(sealed).hexdigest())
    assert verdict.ok, verdict.messages

    reader = PdfReader(BytesIO(sealed))
    first_completion = len(PdfReader(BytesIO(contract_pdf)).pages)
    assert len(reader.pages) >= first_completion + 3
    widgets = [
        (i, a.get_object())
        for i, page in enumerate(reader.pages)
        for a in page.get("/Annots") or []
        if a.get_object().get("/FT") == "/Sig"
    ]
    assert [i for i, _ in widgets] == [first_completion]
    x1, y1, x2, y2 = (float(v) for v in widgets[0][1]["/Rect"])
    assert x2 - x1 > 200 and y2 - y1 > 80  # a visible stamp, not an invisible field
    text = " ".join(p.extract_text() for p in reader.pages[first_completion:])
    assert "Crew member 08" in text and "page 3 of" in text


def test_naive_times_are_refused(office_key, contract_pdf):
    from dataclasses import replace
    from datetime import datetime

    completion = make_completion(contract_pdf)
    naive = replace(completion, countersigned_at=datetime(2026, 11, 21, 10, 0))
    with pytest.raises(SealError, match="naive"):
        seal_document(contract_pdf, naive, reason="Countersigned", contract_ref="ctr_8f3k2m")


def test_the_stamp_text_keeps_to_what_its_font_can_draw():
    from prodoffice.contracts.sealing.seal import stamp_safe

    assert stamp_safe("Bureau Zoë — Ångström") == "Bureau Zoe - Angstrom"
    assert stamp_safe("製作 office") == "?? office"


def test_hostile_evidence_text_is_printed_not_obeyed(office_key, contract_pdf):
    from dataclasses import replace

    from pypdf import PdfReader

    nasty = 'A\x00B\x1b[31m</style><script>x()</script> "q" \u202eevil\u202c \ud800 end'
    base = make_completion(contract_pdf)
    completion = replace(
        base,
        title=nasty,
        parties=[replace(p, user_agent=nasty) for p in base.parties],
        events=[(base.events[0][0], nasty, nasty)],
    )
    sealed = seal_document(contract_pdf, completion, reason=nasty, contract_ref="ctr_8f3k2m")
    assert verify_pdf(sealed).ok
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(sealed)).pages[1:])
    assert "</style><script>x()</script>" in text and " end" in text
