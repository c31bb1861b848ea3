"""Dubbing scripts in and out of spreadsheets: a simple CSV or XLSX with one line per row.

Columns (a header row, any order, case and spaces ignored): `character` and `original` are
required; `number`, `scene`, `adapted`, `tc_in`, `tc_out` are optional. Bad rows are named by
their line (the header is line 1) and nothing is kept.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from prodoffice.core.tabular import FORMULA_START, csv_bytes, xlsx_bytes

COLUMNS = ("number", "scene", "character", "original", "adapted", "tc_in", "tc_out")
REQUIRED = ("character", "original")
#: Header spellings people use, to the column they mean.
ALIASES = {
    "#": "number",
    "line": "number",
    "no": "number",
    "role": "character",
    "speaker": "character",
    "text": "original",
    "original text": "original",
    "source": "original",
    "adaptation": "adapted",
    "adapted text": "adapted",
    "translation": "adapted",
    "in": "tc_in",
    "timecode in": "tc_in",
    "out": "tc_out",
    "timecode out": "tc_out",
}
MAX_ROWS = 20_000
MAX_BYTES = 5 * 1024 * 1024
_TC = re.compile(r"^(\d{2}):([0-5]\d):([0-5]\d)(?:([:;])(\d{2})|[.,](\d{3}))$")


@dataclass(frozen=True)
class ScriptRow:
    """One parsed line of a dubbing script."""

    number: int
    scene: str
    character: str
    original: str
    adapted: str
    tc_in: str
    tc_out: str


def timecode(value: str, field: str, where: str = "") -> str:
    """A timecode as HH:MM:SS:FF (frames) or HH:MM:SS.mmm, normalised; '' when blank."""
    text = (value or "").strip()
    if not text:
        return ""
    match = _TC.match(text)
    if match is None:
        raise ValidationError(
            {field: f"{where}{text!r} is not a timecode (HH:MM:SS:FF or HH:MM:SS.mmm)."}
        )
    return text.replace(",", ".")


def _sort_key(tc: str) -> tuple:
    match = _TC.match(tc)
    h, m, s, _sep, frames, millis = match.groups()
    return (int(h), int(m), int(s), int(frames or 0) if frames else int(millis or 0))


def check_order(tc_in: str, tc_out: str, where: str = "") -> None:
    """The out-point after the in-point (when both are given in the same notation)."""
    same_notation = (":" in tc_in[8:]) == (":" in tc_out[8:])
    if tc_in and tc_out and same_notation and _sort_key(tc_out) <= _sort_key(tc_in):
        raise ValidationError({"tc_out": f"{where}the out timecode is not after the in one."})


def _header(cells) -> list[str]:
    names = []
    for cell in cells:
        key = " ".join(str(cell or "").strip().lower().replace("_", " ").split())
        key = ALIASES.get(key, key.replace(" ", "_"))
        names.append(key if key in COLUMNS else "")
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise ValidationError(
            {
                "file": f"line 1: the header lacks {', '.join(missing)} "
                f"(columns: {', '.join(COLUMNS)})."
            }
        )
    return names


def _row(names, cells, line: int, default_number: int) -> ScriptRow:
    values = {
        n: _unguard(str(c if c is not None else "").strip())
        for n, c in zip(names, cells, strict=False)
        if n
    }
    where = f"line {line}: "
    for column in REQUIRED:
        if not values.get(column):
            raise ValidationError({"file": f"{where}{column} is empty."})
    number = values.get("number") or str(default_number)
    if number.endswith(".0"):  # spreadsheets keep whole numbers as floats
        number = number[:-2]
    if not number.isdigit() or int(number) < 1:
        raise ValidationError({"file": f"{where}number {number!r} is not a whole number from 1."})
    try:
        tc_in = timecode(values.get("tc_in", ""), "file", where)
        tc_out = timecode(values.get("tc_out", ""), "file", where)
        check_order(tc_in, tc_out, where)
    except ValidationError as exc:
        raise ValidationError(
            {"file": [m for ms in exc.message_dict.values() for m in ms]}
        ) from None
    if len(values["character"]) > 120 or len(values.get("scene", "")) > 20:
        raise ValidationError({"file": f"{where}character (120) or scene (20) too long."})
    return ScriptRow(
        number=int(number),
        scene=values.get("scene", ""),
        character=values["character"],
        original=values["original"],
        adapted=values.get("adapted", ""),
        tc_in=tc_in,
        tc_out=tc_out,
    )


def _rows_of(table) -> list[ScriptRow]:
    table = iter(table)
    first = next(table, None)
    if first is None:
        raise ValidationError({"file": "The file is empty."})
    names = _header(first)
    rows, seen = [], {}
    for line, cells in enumerate(table, start=2):
        if not any(str(c or "").strip() for c in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise ValidationError({"file": f"More than {MAX_ROWS} lines."})
        row = _row(names, cells, line, len(rows) + 1)
        if row.number in seen:
            raise ValidationError(
                {"file": f"line {line}: number {row.number} is also on line {seen[row.number]}."}
            )
        seen[row.number] = line
        rows.append(row)
    if not rows:
        raise ValidationError({"file": "The file has a header but no lines."})
    return rows


def _csv_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise ValidationError(
        {"file": "The CSV file is not UTF-8 or UTF-16 text (save it as CSV UTF-8)."}
    )


def parse_script(data: bytes, filename: str) -> list[ScriptRow]:
    """The rows of a CSV or XLSX dubbing script, or a ValidationError naming the line."""
    if not data:
        raise ValidationError({"file": "The file is empty."})
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": "The file is larger than 5 MB."})
    if data[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        return _rows_of(_xlsx_rows(data))
    text = _csv_text(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return _rows_of(csv.reader(io.StringIO(text), dialect))


def _xlsx_rows(data: bytes):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ValidationError(
            {"file": f"Not a readable XLSX workbook ({type(exc).__name__})."}
        ) from None
    return list(book.worksheets[0].iter_rows(values_only=True))


def _unguard(value: str) -> str:
    # Exports defuse formula-like text with an apostrophe (core.tabular); an import takes it off,
    # so a script exported and imported again is unchanged.
    if value[:1] == "'" and value[1:2] and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def _cells(line) -> list:
    return [getattr(line, c) for c in COLUMNS]


def export_csv(lines) -> bytes:
    """The script as CSV UTF-8 (formula-like text defused)."""
    return csv_bytes(COLUMNS, (_cells(line) for line in lines))


def export_xlsx(lines, title: str = "Dubbing script") -> bytes:
    """The script as an XLSX workbook with the same columns as the CSV."""
    return xlsx_bytes(title, COLUMNS, (_cells(line) for line in lines))
