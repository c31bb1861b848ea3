"""The library baselines of the contract benchmarks: WeasyPrint rendering HTML, nothing else
(no metadata, no fetcher); pyHanko signing a PDF with a PAdES signature, nothing else (no
completion page, no stamp, no DSS)."""

from __future__ import annotations

from io import BytesIO


def render_directly(html: str) -> bytes:
    """WeasyPrint's own `HTML(string=...).write_pdf()`."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def sign_directly(original: bytes, signer) -> bytes:
    """pyHanko's `PdfSigner` on the PDF: PAdES, an invisible field, SHA-256."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    meta = signers.PdfSignatureMetadata(
        field_name="Signature", subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256"
    )
    out = BytesIO()
    signers.PdfSigner(meta, signer=signer).sign_pdf(
        IncrementalPdfFileWriter(BytesIO(original)), output=out
    )
    return out.getvalue()
