"""The QC report of a subtitle version as XLSX (core.tabular) and PDF (core.pdf): a row per
finding, with the event's number, start time, rule and message."""

from __future__ import annotations

from django.utils.text import slugify

from prodoffice.core.pdf import render_pdf
from prodoffice.core.tabular import xlsx_bytes
from prodoffice.languages import qc

REPORT_FORMATS = ("xlsx", "pdf")
HEADER = ("Event", "Start", "Rule", "Finding")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def rule_label(rule: str) -> str:
    """A rule's name in words ('chars_per_line' -> 'Chars per line')."""
    return rule.replace("_", " ").capitalize()


def report_rows(report: qc.Report) -> list[tuple]:
    """One row per finding, in event order."""
    return [
        (v.event, qc.format_ms(v.start_ms), rule_label(v.rule), v.message)
        for v in report.violations
    ]


def report_export(version, report: qc.Report, fmt: str) -> tuple[bytes, str, str]:
    """(bytes, content type, file name) of the report in a format."""
    track = version.subtitle_file
    base = slugify(f"{track.production.code}-{track.name}-v{version.number}-qc") or "qc"
    if fmt == "xlsx":
        return xlsx_bytes(f"QC {track.language}", HEADER, report_rows(report)), XLSX, f"{base}.xlsx"
    context = {
        "production": track.production,
        "track": track,
        "version": version,
        "report": report,
        "rows": report_rows(report),
        "counts": [(rule_label(r), n) for r, n in report.counts.items()],
    }
    pdf = render_pdf(
        template="languages/pdf/qc_report.html",
        context=context,
        title=f"QC report {track.name}",
        subject="Subtitle quality control",
        lang=track.language,
    )
    return pdf, "application/pdf", f"{base}.pdf"
