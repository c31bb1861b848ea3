"""The change list as CSV, XLSX and PDF (through the shared tabular and PDF helpers)."""

from __future__ import annotations

from prodoffice.core.pdf import render_pdf
from prodoffice.core.tabular import csv_bytes, xlsx_bytes
from prodoffice.post.changelist import ChangeList
from prodoffice.post.reader import timecode

HEADER = ("Change", "Track", "Clip", "Old record in", "Old record out", "New record in",
          "New record out")  # fmt: skip


def _tc(frames, fps) -> str:
    return "" if frames is None else timecode(frames, fps)


def change_rows(change_list: ChangeList, old_fps, new_fps) -> list[tuple]:
    """One row per change, timecodes at each cut's own rate."""
    return [
        (name, c.track, c.clip, _tc(c.old_record_in, old_fps), _tc(c.old_record_out, old_fps),
         _tc(c.new_record_in, new_fps), _tc(c.new_record_out, new_fps))
        for name, c in change_list.rows()
    ]  # fmt: skip


def change_list_file(fmt: str, change_list: ChangeList, old, new) -> tuple[bytes, str, str]:
    """(bytes, content type, file name) of the change list in csv, xlsx or pdf."""
    rows = change_rows(change_list, old.fps, new.fps)
    stem = f"changes-{new.cut.name}-v{old.number}-v{new.number}".replace(" ", "_")
    if fmt == "csv":
        return csv_bytes(HEADER, rows), "text/csv; charset=utf-8", f"{stem}.csv"
    if fmt == "xlsx":
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return xlsx_bytes("Change list", HEADER, rows), kind, f"{stem}.xlsx"
    context = {"rows": rows, "header": HEADER, "old": old, "new": new, "count": len(rows)}
    pdf = render_pdf(
        template="post/changes_pdf.html",
        context=context,
        title=f"Change list {old} to {new}",
        subject="Change list",
    )
    return pdf, "application/pdf", f"{stem}.pdf"
