"""Verify a sealed PDF by the acceptance rule of SECURITY.md.

pyHanko validates the last signature with the office certificate as the only trust root; the
seal passes only when it is intact, valid, trusted, covers the entire file and nothing was
changed after it. Two checks pyHanko leaves to us: the /Contents gap must hold nothing but the
signature and its zero padding, and the file must equal the stored SHA-256 when one is known.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO

from prodoffice.contracts.sealing.keys import SigningKeyMissing, office_certificate
from prodoffice.contracts.sealing.seal import FIELD_PREFIX, INFO_KEY, trust_context

VALID, MODIFIED, UNTRUSTED, INVALID, UNSIGNED = (
    "valid",
    "modified",
    "untrusted",
    "invalid",
    "unsigned",
)
# When several problems apply the verdict names the worst one; the messages list them all.
_SEVERITY = [INVALID, MODIFIED, UNTRUSTED]


@dataclass
class Verdict:
    """What the verifier concluded about one PDF file."""

    ok: bool
    status: str
    contract_ref: str | None = None
    signer: str | None = None
    signed_at: datetime | None = None
    coverage: str | None = None
    sha256: str = ""
    messages: list[str] = field(default_factory=list)
    intact: bool | None = None
    trusted: bool | None = None
    original_sha256: str | None = None

    def as_dict(self) -> dict:
        """JSON-safe form for `verify-contract --json` and the API."""
        return {
            "ok": self.ok,
            "status": self.status,
            "contract_ref": self.contract_ref,
            "signer": self.signer,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "coverage": self.coverage,
            "sha256": self.sha256,
            "intact": self.intact,
            "trusted": self.trusted,
            "original_sha256": self.original_sha256,
            "messages": list(self.messages),
        }


def _der_length(blob: bytes) -> int:
    """Length of the DER element at the start of blob (header included); 0 when unparseable."""
    if len(blob) < 2 or blob[0] != 0x30:
        return 0
    first = blob[1]
    if first < 0x80:
        return 2 + first
    count = first & 0x7F
    if count == 0 or count > 4 or len(blob) < 2 + count:
        return 0
    return 2 + count + int.from_bytes(blob[2 : 2 + count], "big")


def _padding_clean(embedded) -> bool:
    """True when the /Contents gap holds the CMS structure followed by zero bytes only."""
    contents = bytes(embedded.sig_object.raw_get("/Contents"))
    used = _der_length(contents)
    return 0 < used <= len(contents) and not any(contents[used:])


def _covers_whole_file(embedded, size: int) -> bool:
    start, _first_len, second_start, second_len = (int(x) for x in embedded.byte_range)
    return start == 0 and second_start + second_len == size


def _original_sha256(data: bytes, embedded) -> str | None:
    """SHA-256 of the bytes before the seal's revision: the document as the parties signed it.

    The seal is one incremental update appended to the original, so the original ends at the
    last end-of-file marker (and its line end) before the signature dictionary.
    """
    signature_at = int(embedded.byte_range[1])
    end = data.rfind(b"%%EOF", 0, signature_at)
    if end < 0:
        return None
    end += len(b"%%EOF")
    while end < len(data) and data[end : end + 1] in (b"\r", b"\n"):
        end += 1
    return hashlib.sha256(data[:end]).hexdigest()


def _contract_ref(reader, embedded) -> str | None:
    try:
        ref = reader.trailer["/Info"].get_object().get(INFO_KEY)
    except KeyError:
        ref = None
    if ref:
        return str(ref)
    name = embedded.field_name or ""
    return name[len(FIELD_PREFIX) :] if name.startswith(FIELD_PREFIX) else None


def _common_name(cert) -> str | None:
    try:
        return cert.subject.native.get("common_name") or cert.subject.human_friendly
    except (AttributeError, ValueError):
        return None


def _office_roots(messages: list[str]) -> list:
    from asn1crypto import pem, x509

    try:
        office = office_certificate()
    except SigningKeyMissing:
        messages.append("No office certificate is configured here, so no signer can be trusted.")
        return []
    _type, _headers, der = pem.unarmor(office.pem)
    return [x509.Certificate.load(der)]


def verify_pdf(data: bytes, *, stored_sha256: str | None = None) -> Verdict:
    """The verdict on a PDF by the acceptance rule: ok only for an unaltered office seal."""
    sha = hashlib.sha256(data).hexdigest()
    messages: list[str] = []
    problems: set[str] = set()
    if stored_sha256 is not None and stored_sha256.lower() != sha:
        problems.add(MODIFIED)
        messages.append(
            "The file's SHA-256 differs from the one the office stored: it was modified."
        )
    try:
        reader, sigs = _read(data)
    except Exception as exc:  # any parser failure means an unreadable file
        messages.insert(0, f"The file is not a readable PDF ({type(exc).__name__}: {exc}).")
        return Verdict(ok=False, status=INVALID, sha256=sha, messages=messages)
    if not sigs:
        messages.insert(0, "The file carries no digital signature.")
        return Verdict(ok=False, status=UNSIGNED, sha256=sha, messages=messages)
    embedded = sigs[-1]
    verdict = Verdict(ok=False, status=INVALID, sha256=sha, messages=messages)
    verdict.contract_ref = _contract_ref(reader, embedded)
    verdict.original_sha256 = _original_sha256(data, embedded)
    roots = _office_roots(messages)
    try:
        status = _validate(embedded, roots)
    except Exception as exc:  # a malformed signature is an invalid one
        messages.insert(0, f"The signature cannot be checked ({type(exc).__name__}: {exc}).")
        return verdict
    _judge(verdict, status, embedded, len(data), problems)
    if len(sigs) > 1:
        messages.append(f"The file holds {len(sigs)} signatures; the last one was checked.")
    verdict.status = next((s for s in _SEVERITY if s in problems), VALID)
    verdict.ok = verdict.status == VALID
    if verdict.ok:
        messages.insert(0, f"Sealed by {verdict.signer}; intact, trusted, covers the whole file.")
    return verdict


def _read(data: bytes):
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(BytesIO(data), strict=False)
    return reader, list(reader.embedded_signatures)


def _validate(embedded, roots):
    from pyhanko.sign.validation import validate_pdf_signature

    return validate_pdf_signature(embedded, signer_validation_context=trust_context(*roots))


def _judge(verdict: Verdict, status, embedded, size: int, problems: set[str]) -> None:
    """Fill the verdict from pyHanko's status and our own checks; collect the problems."""
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    msgs = verdict.messages
    verdict.signer = _common_name(status.signing_cert)
    verdict.signed_at = status.signer_reported_dt
    verdict.coverage = status.coverage.name if status.coverage is not None else None
    verdict.intact, verdict.trusted = bool(status.intact), bool(status.trusted)
    if not status.intact:
        problems.add(MODIFIED)
        msgs.append("The signed bytes were altered after signing: the document digest differs.")
    elif not status.valid:
        problems.add(INVALID)
        msgs.append("The signature value does not verify against the signer's certificate.")
    else:
        msgs.append("Integrity: the signed bytes are intact and the signature value verifies.")
    whole = _covers_whole_file(embedded, size)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE or not whole:
        problems.add(MODIFIED)
        msgs.append(
            "The document was altered after signing: the signature does not cover the entire "
            f"file (coverage {verdict.coverage})."
        )
    level = status.modification_level
    if level is not None and level != ModificationLevel.NONE:
        problems.add(MODIFIED)
        msgs.append(
            "The document was altered after signing: a later update changed it "
            f"({level.name.lower().replace('_', ' ')})."
        )
    if status.docmdp_ok is False:
        problems.add(MODIFIED)
        msgs.append("The document was altered after signing against its modification policy.")
    if not _padding_clean(embedded):
        problems.add(MODIFIED)
        msgs.append("The file was modified inside the signature's /Contents gap.")
    if status.intact and status.valid and not status.trusted:
        problems.add(UNTRUSTED)
        msgs.append(
            f"Untrusted signer: {verdict.signer or 'unknown'} is not the office seal "
            "certificate; this is not a document sealed by this office."
        )
