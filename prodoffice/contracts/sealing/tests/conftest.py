"""Fixtures of the seal tests: a per-test signing folder, one RSA key per session, samples."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from prodoffice.contracts.sealing import Completion, PartyEvidence, init_signing_key, keys

T0 = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="session")
def session_rsa_key():
    """RSA 3072 generation takes about a second: one key serves the whole session."""
    return keys.generate_private_key()


@pytest.fixture
def signing_dir(settings, tmp_path, monkeypatch, session_rsa_key):
    """A fresh PRODOFFICE_SIGNING_DIR; init_signing_key reuses the session's key."""
    settings.PRODOFFICE_SIGNING_DIR = tmp_path / "signing"
    monkeypatch.setattr(keys, "generate_private_key", lambda: session_rsa_key)
    keys.forget_cached_signer()
    yield settings.PRODOFFICE_SIGNING_DIR
    keys.forget_cached_signer()


@pytest.fixture
def office_key(signing_dir):
    """An initialised office seal."""
    return init_signing_key("Northern Lights office seal", "Northern Lights Films Ltd")


CONTRACT_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 20mm } body { font-family: sans-serif; font-size: 10pt }</style></head>
<body><h1>Crew deal memo C-0042</h1>
<p>Production: The Long Night. Position: Gaffer. Rate: 450.00 EUR per day, weekly hire,
guarantee 5 weeks from 2027-01-04 to 2027-02-05. Overtime: time and a half after 10 hours.
Kit rental 50.00 EUR per day. Credit: Gaffer.</p>
<p>Signed for the production: ______________ Signed by the crew member: ______________</p>
</body></html>"""


@pytest.fixture(scope="session")
def contract_pdf() -> bytes:
    """A sample contract rendered with WeasyPrint, like the contracts app renders its own."""
    from weasyprint import HTML

    return HTML(string=CONTRACT_HTML).write_pdf()


def make_completion(original: bytes, ref: str = "ctr_8f3k2m") -> Completion:
    """Two parties and the office countersignature, every E-08 field distinct and findable."""
    parties = [
        PartyEvidence(
            name="Maya Okafor",
            email="maya.okafor@example.org",
            role="Gaffer",
            auth_method="crew login with password",
            consent_version="consent-v3",
            consent_sha256="a1" * 32,
            viewed_at=T0,
            signed_at=T0 + timedelta(minutes=4),
            ip="203.0.113.17",
            user_agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0",
            typed_name="Maya Okafor",
        ),
        PartyEvidence(
            name="Lumen Loan-Out Ltd",
            email="office@lumen-loanout.example",
            role="Loan-out company",
            auth_method="signing link with access code",
            consent_version="consent-v3",
            consent_sha256="b2" * 32,
            viewed_at=T0 + timedelta(hours=1),
            signed_at=T0 + timedelta(hours=1, minutes=2),
            ip="2001:db8::42",
            user_agent="Mozilla/5.0 (iPhone) Safari/604.1",
            typed_name="Jonas Lumen",
        ),
    ]
    return Completion(
        contract_ref=ref,
        number="C-0042",
        title="Crew deal memo: Gaffer",
        production="The Long Night",
        parties=parties,
        countersigned_by="Olga Producer",
        countersigned_at=T0 + timedelta(days=1),
        original_sha256=hashlib.sha256(original).hexdigest(),
        events=[
            (T0 - timedelta(hours=2), "sent", "Carla Coordinator"),
            (T0, "viewed", "Maya Okafor"),
            (T0 + timedelta(minutes=4), "signed", "Maya Okafor"),
            (T0 + timedelta(days=1), "countersigned", "Olga Producer"),
        ],
    )


@pytest.fixture
def sealed(office_key, contract_pdf) -> bytes:
    """The sample contract, completed and sealed by the office."""
    from prodoffice.contracts.sealing import seal_document

    completion = make_completion(contract_pdf)
    return seal_document(
        contract_pdf,
        completion,
        reason="Countersigned by the production office",
        contract_ref=completion.contract_ref,
    )
