"""Files out of the paperwork desk: the legal register as CSV/XLSX (core.tabular), the PDF
binder (cover and index by core.pdf.render_pdf, then each document's latest stored file), and
the owner's one-page copy."""

from __future__ import annotations

import io
import logging

from django.http import HttpResponse
from django.utils import timezone

from prodoffice.core import tabular
from prodoffice.core.pdf import render_pdf
from prodoffice.locations.selectors import owners_copy

logger = logging.getLogger(__name__)
HEADER = (
    "Kind",
    "Title",
    "Status",
    "Issuer",
    "Reference",
    "Location",
    "Effective",
    "Expires",
    "Covers from",
    "Covers until",
    "Apply by",
    "Approved by",
    "Latest file SHA-256",
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _latest(document):
    files = list(document.files.all())
    return max(files, key=lambda f: f.version) if files else None


def register_rows(documents) -> list[list]:
    """One row per document, the columns of HEADER."""
    rows = []
    for d in documents:
        latest = _latest(d)
        rows.append(
            [
                d.get_kind_display(),
                d.title,
                d.get_status_display(),
                d.issuer,
                d.reference,
                d.location.name if d.location_id else "",
                d.effective_date,
                d.expiry_date,
                d.covers_start,
                d.covers_end,
                d.apply_by,
                str(d.approved_by) if d.approved_by_id else "",
                latest.sha256 if latest else "",
            ]
        )
    return rows


def register_download(production, documents, fmt: str) -> HttpResponse:
    """The register as an attachment: CSV or XLSX."""
    rows = register_rows(documents)
    if fmt == "csv":
        data, content_type = tabular.csv_bytes(HEADER, rows), "text/csv; charset=utf-8"
    else:
        data, content_type = tabular.xlsx_bytes("Legal register", HEADER, rows), XLSX
    response = HttpResponse(data, content_type=content_type)
    name = f"{production.code}-legal-register.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def binder_pdf(production, documents) -> bytes:
    """Cover and index, then the latest file of each document (images on a page of their own)."""
    from pypdf import PdfReader, PdfWriter

    entries = [(d, _latest(d)) for d in documents]
    front = render_pdf(
        template="locations/pdf/binder.html",
        context={"production": production, "entries": entries, "made": timezone.localdate()},
        title=f"{production.code} legal binder",
        author=f"{production.code} production office",
        subject="Legal register and documents",
        keywords=(production.code, "legal", "binder"),
    )
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front)))
    for _document, latest in entries:
        pdf = _as_pdf(latest) if latest else None
        if pdf is None:
            continue
        try:
            writer.append(PdfReader(io.BytesIO(pdf)))
        except Exception:  # a damaged file must not sink the binder; the index lists it
            logger.warning(
                "Binder: %s v%s is not a readable PDF", latest.document_id, latest.version
            )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _as_pdf(stored) -> bytes | None:
    """A stored file as PDF bytes (images converted), or None when it cannot be read."""
    try:
        with stored.file.open("rb") as fh:
            data = fh.read()
        if stored.content_type == "application/pdf":
            return data
        from PIL import Image

        out = io.BytesIO()
        Image.open(io.BytesIO(data)).convert("RGB").save(out, "PDF")
        return out.getvalue()
    except Exception:  # a damaged file must not sink the binder; the index still lists it
        logger.warning("Binder: %s v%s could not be added", stored.document_id, stored.version)
        return None


def owners_copy_pdf(location) -> bytes:
    """The owner's one page: shoot days and hours, the location manager, the certificate."""
    context = owners_copy(location)
    context["production"] = location.production
    context["manager"] = _location_manager(location.production)
    return render_pdf(
        template="locations/pdf/owners_copy.html",
        context=context,
        title=f"{location.name}: shoot days",
        author=f"{location.production.code} production office",
        subject="Owner's copy",
    )


def _location_manager(production):
    """The location manager's name, phone and e-mail from the crew list (or the office)."""
    from prodoffice.productions.models import Engagement

    engagement = (
        Engagement.objects.filter(production=production, position__title__icontains="location")
        .select_related("person", "position")
        .order_by("id")
        .first()
    )
    return engagement.person if engagement else None
