"""Tabular exports (CSV and XLSX), written once with one formula-injection guard for all of them.

Every export that a spreadsheet may open goes through `safe_cell`: text that a spreadsheet would
run as a formula (it starts with = + - @, a tab or a carriage return) gets a leading apostrophe,
so a name like `=HYPERLINK(...)` typed by a user is shown, never run. The one exemption is a
telephone number in international form (`+44 20 7946 0958`): digits and spaces after a plus
compute nothing a reader could be harmed by, and an export must import again unchanged.

Text also has its bidirectional control characters shown as visible markers ("[U+202E]",
`core.text.neutralise`), as on every page and PDF: a spreadsheet is another person's screen.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from prodoffice.core.text import neutralise

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PHONE = re.compile(r"^\+[0-9 ]+$")


def safe_cell(value: Any) -> Any:
    """A value as a cell: None as empty, a boolean as Yes/No (these files are for people),
    formula-like text defused, bidi controls made visible, other values kept typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        value = neutralise(value)
        if value.startswith(FORMULA_START) and not _PHONE.match(value):
            return "'" + value
    return value


def _text(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A header row, then the rows; UTF-8 with a BOM so spreadsheets read accents."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_text(safe_cell(value)) for value in row])
    return buf.getvalue().encode("utf-8-sig")


def new_sheet(title: str, header: Sequence[str]):
    """A workbook whose one sheet has the title (31 characters at most) and a bold header row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    return workbook, sheet


def append_row(sheet, values: Sequence[Any]) -> None:
    """One row, through the guard; numbers, decimals and dates stay typed so the sheet sums them."""
    sheet.append([safe_cell(value) for value in values])


def workbook_bytes(workbook) -> bytes:
    """The workbook as an .xlsx file."""
    buf = io.BytesIO()
    workbook.save(buf)
    return buf.getvalue()


def xlsx_bytes(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A plain one-sheet workbook: bold header frozen at the top, then the rows."""
    workbook, sheet = new_sheet(title, header)
    for row in rows:
        append_row(sheet, row)
    sheet.freeze_panes = "A2"
    return workbook_bytes(workbook)
