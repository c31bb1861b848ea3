"""Reading a crew list file: CSV (UTF-8, with or without BOM) or XLSX, told apart by content."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from django.conf import settings

REQUIRED = ("first_name", "last_name", "email", "position")
OPTIONAL = (
    "phone",
    "department",
    "status",
    "start_date",
    "end_date",
    "rate",
    "rate_unit",
    "currency",
    "cast_number",
    "character",
    "years_experience",
    "notes",
)
COLUMNS = REQUIRED + OPTIONAL
HEADER_ALIASES = {
    "e_mail": "email",
    "mail": "email",
    "mobile": "phone",
    "phone_number": "phone",
    "title": "position",
    "job_title": "position",
    "dept": "department",
    "start": "start_date",
    "end": "end_date",
    "unit": "rate_unit",
    "cast_no": "cast_number",
    "years": "years_experience",
    "experience": "years_experience",
}
NOT_A_TABLE = "not a CSV or XLSX file"


class FileRefused(Exception):
    """The file is not a crew list this importer can read."""


def file_bytes(file: Any) -> bytes:
    """The content of bytes, a file object or a path, refused past the upload limit."""
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    elif hasattr(file, "read"):
        data = file.read(settings.PRODOFFICE_UPLOAD_MAX_BYTES + 1)
    else:
        with open(file, "rb") as fh:
            data = fh.read(settings.PRODOFFICE_UPLOAD_MAX_BYTES + 1)
    if len(data) > settings.PRODOFFICE_UPLOAD_MAX_BYTES:
        raise FileRefused(f"the file is larger than {settings.PRODOFFICE_UPLOAD_MAX_BYTES} bytes")
    return data


def read_table(data: bytes) -> list[tuple[int, list[Any]]]:
    """(line number, cells) of every non-empty row, the header first; XLSX by its zip magic."""
    if not data.strip():
        raise FileRefused("the file is empty")
    rows = _xlsx_rows(data) if data[:4] == b"PK\x03\x04" else _csv_rows(data)
    rows = [(n, cells) for n, cells in rows if any(cell_text(c) for c in cells)]
    if not rows:
        raise FileRefused("the file has no rows")
    return rows


def _csv_rows(data: bytes) -> list[tuple[int, list[Any]]]:
    if b"\x00" in data:
        raise FileRefused(f"{NOT_A_TABLE} (it holds binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRefused(f"{NOT_A_TABLE} (it is not UTF-8 text)") from exc
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out, start = [], 1
    try:
        for cells in reader:
            out.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FileRefused(f"{NOT_A_TABLE} (line {start}: {exc})") from exc
    return out


def _xlsx_rows(data: bytes) -> list[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = [(n, list(cells)) for n, cells in enumerate(sheet.iter_rows(values_only=True), 1)]
    except Exception as exc:  # openpyxl raises many kinds on a zip that is not a workbook
        raise FileRefused(f"{NOT_A_TABLE} (a zip file that is not an Excel workbook)") from exc
    book.close()
    return rows


def _header_name(cell: Any) -> str:
    name = re.sub(r"[\s\-]+", "_", cell_text(cell).lower())
    return HEADER_ALIASES.get(name, name)


def parse_header(cells: list[Any]) -> list[str]:
    """Column names in file order; unknown or missing columns refuse the file."""
    names = [_header_name(c) for c in cells]
    unknown = [n for n in names if n and n not in COLUMNS]
    missing = [n for n in REQUIRED if n not in names]
    if unknown or missing:
        parts = [f"unknown column(s) {', '.join(unknown)}"] if unknown else []
        parts += [f"missing column(s) {', '.join(missing)}"] if missing else []
        raise FileRefused(f"not a crew list: {'; '.join(parts)} (columns: {', '.join(COLUMNS)})")
    dupes = {n for n in names if n and names.count(n) > 1}
    if dupes:
        raise FileRefused(f"column(s) {', '.join(sorted(dupes))} appear twice")
    return names


def cell_text(value: Any) -> str:
    """A cell as trimmed text (whole floats from spreadsheets without their .0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
