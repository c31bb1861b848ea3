"""The office seal: certificate of completion, PAdES seal, verification by the acceptance rule.

A pure layer over WeasyPrint and pyHanko with no models: the contracts app calls
`seal_document` when the office countersigns and `verify_pdf` wherever a file is checked.
"""

from prodoffice.contracts.sealing.evidence import Completion, PartyEvidence
from prodoffice.contracts.sealing.keys import (
    OfficeCertificate,
    SealError,
    SigningKeyExists,
    SigningKeyMissing,
    import_signing_key,
    init_signing_key,
    office_certificate,
)
from prodoffice.contracts.sealing.seal import seal_document
from prodoffice.contracts.sealing.verify import Verdict, verify_pdf

__all__ = [
    "Completion",
    "OfficeCertificate",
    "PartyEvidence",
    "SealError",
    "SigningKeyExists",
    "SigningKeyMissing",
    "Verdict",
    "import_signing_key",
    "init_signing_key",
    "office_certificate",
    "seal_document",
    "verify_pdf",
]
