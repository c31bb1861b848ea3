"""Seal a signed contract: append the certificate of completion, then the office's PAdES seal.

The sealed file is the original's bytes unchanged, followed by ONE incremental update that adds
the completion page(s), the contract reference in the document information and the signature
over the whole file. So the original SHA-256 printed on the certificate can be checked against
the file's own prefix, and nothing can be added after the seal without breaking its coverage.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, datetime
from io import BytesIO

from django.template.loader import render_to_string

from prodoffice.contracts.sealing.evidence import Completion, PartyEvidence
from prodoffice.contracts.sealing.keys import SealError, office_signer
from prodoffice.core.display import local_datetime
from prodoffice.core.pdf import render_pdf

#: The certificate of completion (a template file of the contracts app, autoescaped).
TEMPLATE = "contracts/pdf/completion.html"

# Page geometry shared by the completion template and the stamp's rectangle (A4, millimetres).
PAGE_W_MM, PAGE_H_MM, MARGIN_MM = 210, 297, 18
STAMP_W_MM, STAMP_H_MM = 82, 30
INFO_KEY = "/ProdofficeContractRef"
FIELD_PREFIX = "OfficeSeal-"
STAMP_TEXT = "Production office seal\n%(office)s\nContract %(ref)s\nSealed %(ts)s"


def _pt(mm: float) -> int:
    return round(mm * 72 / 25.4)


def stamp_box() -> tuple[int, int, int, int]:
    """The stamp's rectangle (PDF points, origin bottom-left): the completion page's top right."""
    right, top = PAGE_W_MM - MARGIN_MM, PAGE_H_MM - MARGIN_MM
    return (_pt(right - STAMP_W_MM), _pt(top - STAMP_H_MM), _pt(right), _pt(top))


def field_name(contract_ref: str) -> str:
    """The signature field's name: the prefix and the reference (PDF-safe characters only)."""
    return FIELD_PREFIX + re.sub(r"[^A-Za-z0-9_-]", "_", contract_ref)


def _when(value: datetime | None, time_zone: str = "UTC") -> str:
    """A moment in the production's zone with its abbreviation, then in UTC to the second
    (the evidence): "Mon 5 Apr 2027, 07:30 PDT (2027-04-05 14:30:12 UTC)"."""
    if value is None:
        return "not recorded"
    if value.tzinfo is None:
        raise SealError(f"time {value.isoformat()}: a naive datetime; give an aware one (UTC).")
    utc = value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    if time_zone in ("UTC", "Etc/UTC"):
        return utc
    return f"{local_datetime(value, time_zone)} ({utc})"


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(value) -> str:
    """Text safe to print and to put in PDF strings: no lone surrogates, no control characters.

    Evidence such as a user agent arrives from outside; a stray byte must not stop the seal.
    """
    text = "" if value is None else str(value)
    text = text.encode("utf-8", errors="replace").decode("utf-8")
    return _CONTROL.sub("\ufffd", text)


def _party_row(p: PartyEvidence, time_zone: str) -> dict:
    row = {k: clean(v) or "not recorded" for k, v in vars(p).items()}
    row["viewed_at"] = _when(p.viewed_at, time_zone)
    row["signed_at"] = _when(p.signed_at, time_zone)
    return row


def completion_context(completion: Completion) -> dict:
    """What the certificate of completion prints (E-08 content, times in the production's zone
    and in UTC, clean text)."""
    tz = completion.time_zone
    events = [(_when(t, tz), clean(action), clean(actor)) for t, action, actor in completion.events]
    summary = {
        k: clean(getattr(completion, k))
        for k in ("contract_ref", "number", "title", "production", "countersigned_by")
    }
    summary["original_sha256"] = clean(completion.original_sha256)
    context = {
        "c": summary,
        "css_ref": re.sub(r"[^A-Za-z0-9_.:/ -]", "_", summary["contract_ref"]),
        "parties": [_party_row(p, tz) for p in completion.parties],
        "events": events,
        "countersigned_at": _when(completion.countersigned_at, tz)
        if completion.countersigned_at
        else "",
        "margin_mm": MARGIN_MM,
        "stamp_w_mm": STAMP_W_MM,
        "stamp_h_mm": STAMP_H_MM,
    }
    return context


def completion_html(completion: Completion) -> str:
    """The certificate of completion as HTML."""
    return render_to_string(TEMPLATE, completion_context(completion))


def render_completion(completion: Completion) -> bytes:
    """The certificate of completion as a PDF (the one renderer: system fonts, nothing fetched)."""
    return render_pdf(
        template=TEMPLATE,
        context=completion_context(completion),
        title=f"Certificate of completion – {clean(completion.contract_ref)}",
        author=clean(completion.production),
        subject="Certificate of completion",
    )


def _validate(original_pdf: bytes, completion: Completion, contract_ref: str) -> None:
    if not original_pdf.startswith(b"%PDF-"):
        raise SealError("original_pdf: not a PDF file (it does not start with %PDF-).")
    if not contract_ref or contract_ref != completion.contract_ref:
        raise SealError(
            f"contract_ref: {contract_ref!r} does not match the completion's "
            f"{completion.contract_ref!r}."
        )
    if not completion.parties:
        raise SealError("parties: a certificate of completion needs at least one party.")
    if completion.original_sha256 != hashlib.sha256(original_pdf).hexdigest():
        raise SealError(
            "original_sha256: does not match the SHA-256 of the original PDF given; the "
            "certificate would state the wrong document."
        )


def _append_pages(writer, completion_pdf: bytes) -> int:
    """Copy the completion pages after the original's; return the first new page's index."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import _ObjectImporter

    first = int(writer.root["/Pages"]["/Count"])
    source = PdfFileReader(BytesIO(completion_pdf))
    pages = [generic.DictionaryObject(p) for p in _leaf_pages(source.root["/Pages"], {})]
    # One importer (pyHanko's own, which `import_object` wraps per call) for all pages, so
    # the fonts and images the pages share are copied once.
    importer = _ObjectImporter(source=source, target=writer, obj_stream=None, reference_map={})
    for page in importer.import_object(generic.ArrayObject(pages)):
        writer.insert_page(page)
    return first


_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
_DROPPED = ("/Parent", "/Annots", "/StructParents", "/Kids", "/Count")


def _leaf_pages(node, inherited: dict) -> list[dict]:
    """The page dictionaries under a page-tree node, with inherited attributes made explicit."""
    node = node.get_object()
    here = {**inherited, **{k: node.raw_get(k) for k in _INHERITED if k in node}}
    if node.get("/Type") == "/Pages":
        return [page for kid in node["/Kids"] for page in _leaf_pages(kid, here)]
    own = {k: node.raw_get(k) for k in node if k not in _DROPPED}
    return [{**here, **own}]


def _set_info(writer, completion: Completion, contract_ref: str) -> None:
    from pyhanko.pdf_utils import generic

    info = writer.trailer["/Info"].get_object() if "/Info" in writer.trailer else None
    info = generic.DictionaryObject(dict(info or {}))
    info[generic.NameObject(INFO_KEY)] = generic.TextStringObject(clean(contract_ref))
    info[generic.NameObject("/Title")] = generic.TextStringObject(
        clean(f"{completion.number} {completion.title}".strip())
    )
    writer.set_info(writer.add_object(info))


def _deterministic_id(writer, original_pdf: bytes, contract_ref: str) -> None:
    """The /ID from the content (pyHanko draws random ones), so seals differ only by time.

    The first element stays the original's when it has one: it names the document, the
    second names this revision.
    """
    from pyhanko.pdf_utils import generic

    digest = hashlib.sha256(original_pdf).digest()
    try:
        first = writer.prev.trailer["/ID"][0]
    except (KeyError, IndexError, TypeError):
        first = generic.ByteStringObject(digest[:16])
    second = hashlib.sha256(digest + contract_ref.encode()).digest()[:16]
    writer._document_id = generic.ArrayObject([first, generic.ByteStringObject(second)])


def _embed_validation_info(writer, signer) -> None:
    """The certificates a verifier needs, in a DSS inside the signed revision.

    pyHanko's own `embed_validation_info` writes the DSS in an update AFTER the signature, which
    would make its coverage less than the entire file; the office root has no revocation
    service, so the certificates are all the validation information there is (offline).
    """
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    certs = [signer.signing_cert, *signer.cert_registry]
    unique = list({c.sha256: c for c in certs}.values())
    DocumentSecurityStore.supply_dss_in_writer(writer, None, certs=unique)


def seal_document(
    original_pdf: bytes, completion: Completion, *, reason: str, contract_ref: str
) -> bytes:
    """The original PDF with its certificate of completion appended and the office seal applied."""
    _validate(original_pdf, completion, contract_ref)
    if not (reason or "").strip():
        raise SealError("reason: say why the office seals, e.g. 'Countersigned by the office'.")
    signer = office_signer()
    return apply_seal(
        original_pdf,
        render_completion(completion),
        completion=completion,
        reason=reason,
        contract_ref=contract_ref,
        signer=signer,
    )


def apply_seal(
    original_pdf: bytes,
    completion_pdf: bytes,
    *,
    completion: Completion,
    reason: str,
    contract_ref: str,
    signer,
) -> bytes:
    """Append the rendered completion pages to the original and sign the whole file.

    The sealing step of `seal_document` without its checks and rendering (timed on its own by
    benchmarks/sealing.py).
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.sign import fields, signers

    try:
        writer = IncrementalPdfFileWriter(BytesIO(original_pdf), strict=False)
    except (PdfReadError, ValueError) as exc:
        raise SealError(f"original_pdf: cannot be read as a PDF ({exc}).") from exc
    _deterministic_id(writer, original_pdf, contract_ref)
    stamp_page = _append_pages(writer, completion_pdf)
    _set_info(writer, completion, contract_ref)
    _embed_validation_info(writer, signer)
    name = field_name(contract_ref)
    fields.append_signature_field(
        writer, fields.SigFieldSpec(sig_field_name=name, on_page=stamp_page, box=stamp_box())
    )
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        reason=clean(f"{reason} (contract {contract_ref})"),
        location=clean(completion.production) or None,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=_stamp_style())
    params = {"ref": stamp_safe(contract_ref), "office": stamp_safe(_signer_name(signer))}
    out = BytesIO()
    pdf_signer.sign_pdf(writer, output=out, appearance_text_params=params)
    return out.getvalue()


def _stamp_style():
    """The visible stamp: four lines, shrunk to fit the box the completion page reserves."""
    from pyhanko.pdf_utils import layout
    from pyhanko.stamp import TextStampStyle

    rule = layout.SimpleBoxLayoutRule(
        x_align=layout.AxisAlignment.ALIGN_MIN,
        y_align=layout.AxisAlignment.ALIGN_MID,
        margins=layout.Margins.uniform(6),
        inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
    )
    return TextStampStyle(
        stamp_text=STAMP_TEXT, timestamp_format="%Y-%m-%d %H:%M:%S %Z", inner_content_layout=rule
    )


def _signer_name(signer) -> str:
    subject = signer.signing_cert.subject.native
    return subject.get("common_name") or subject.get("organization_name") or "office"


def stamp_safe(text: str) -> str:
    """Text the stamp's standard PDF font can draw: accents dropped, other letters as '?'.

    The full names stay exact in the certificate and on the completion page; the stamp only
    repeats them.
    """
    text = clean(text).replace("\u2014", "-").replace("\u2013", "-")
    folded = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return kept.encode("latin-1", errors="replace").decode("latin-1")


def trust_context(*roots):
    """A validation context with the given certificates as the only roots, fetching nothing."""
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(trust_roots=list(roots), allow_fetching=False)
