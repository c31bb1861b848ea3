"""Reading a crew list file: CSV (UTF-8, with or without BOM), XLSX or the JSON that export-crew
writes (a list of objects), told apart by content."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from django.conf import settings

from prodoffice.core.archives import ArchiveRefused, check_zip, is_zip

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
    "engagement_id",
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
    "engagement": "engagement_id",
    "id": "engagement_id",
}
#: What `core.tabular.safe_cell` writes before formula-like text: read back as the text itself.
FORMULA_GUARD = re.compile(r"^'(?=[=+\-@\t\r])")
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


def file_name(file: Any) -> str:
    """What to call the file in messages: its base name, or "the file" for bare bytes."""
    name = getattr(file, "name", None) or (file if isinstance(file, str | Path) else None)
    return Path(str(name)).name if name else "the file"


def read_table(data: bytes, *, name: str = "the file") -> list[tuple[int, list[Any]]]:
    """(line number, cells) of every non-empty row, the header first; XLSX by its zip magic,
    checked against the decompression limits before openpyxl sees it."""
    if not data.strip():
        raise FileRefused("the file is empty")
    if is_zip(data):
        try:
            check_zip(data, name=name)
        except ArchiveRefused as exc:
            raise FileRefused(str(exc)) from exc
        rows = _xlsx_rows(data)
    elif data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"[":
        rows = _json_rows(data)
    else:
        rows = _csv_rows(data)
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


def _json_rows(data: bytes) -> list[tuple[int, list[Any]]]:
    """A JSON list of objects as a table: the keys are the header, record N is "line" N + 1."""
    try:
        records = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FileRefused(f"{NOT_A_TABLE} (a JSON file that does not parse: {exc})") from exc
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise FileRefused(f"{NOT_A_TABLE} (a JSON file that is not a list of objects)")
    keys = list(dict.fromkeys(k for r in records for k in r))
    return [(1, list(keys))] + [(n, [r.get(k) for k in keys]) for n, r in enumerate(records, 2)]


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


def parse_header(cells: list[Any]) -> tuple[list[str], list[tuple[int, str, str]]]:
    """Column names in file order ("" for a column to ignore) and the header's problems as
    (column index or -1, column name, message): unknown, missing and repeated columns, all at once.
    A header that names none of the required columns is not a crew list: the file is refused."""
    names = [_header_name(c) for c in cells]
    if not any(n in REQUIRED for n in names):
        raise FileRefused(
            f"not a crew list: none of the columns {', '.join(REQUIRED)} "
            f"(columns: {', '.join(COLUMNS)})"
        )
    problems: list[tuple[int, str, str]] = []
    for i, name in enumerate(names):
        if name and name not in COLUMNS:
            text = cell_text(cells[i])
            problems.append((i, text, f"unknown column {text!r} (columns: {', '.join(COLUMNS)})"))
            names[i] = ""
        elif name and name in names[:i]:
            problems.append((i, name, f"column {name} appears twice; this one is ignored"))
            names[i] = ""
    problems += [(-1, n, "required column is missing") for n in REQUIRED if n not in names]
    return names, problems


def column_letter(index: int) -> str:
    """A spreadsheet's name for the column at this 0-based index (A, B, ... Z, AA ...)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_text(value: Any) -> str:
    """A cell as trimmed text (whole floats from spreadsheets without their .0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return FORMULA_GUARD.sub("", str(value).strip())
