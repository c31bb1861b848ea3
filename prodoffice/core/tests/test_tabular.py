"""The one tabular writer: the formula guard holds for CSV and XLSX alike."""

from __future__ import annotations

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from prodoffice.core.tabular import FORMULA_START, csv_bytes, safe_cell, xlsx_bytes
from prodoffice.core.text import BIDI_CONTROLS, neutralise

HOSTILE = ['=HYPERLINK("http://x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_text_is_defused_in_csv_and_xlsx(value):
    text = csv_bytes(["a"], [[value]]).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1] == ["'" + value]
    sheet = load_workbook(io.BytesIO(xlsx_bytes("t", ["a"], [[value]]))).active
    assert sheet["A2"].value == "'" + value
    assert sheet["A2"].data_type == "s"


def test_phone_numbers_and_typed_values_pass_unchanged():
    assert safe_cell("+44 20 7946 0958") == "+44 20 7946 0958"
    assert safe_cell(None) == ""
    day = datetime.date(2027, 4, 7)
    sheet = load_workbook(io.BytesIO(xlsx_bytes("t", ["d", "n"], [[day, Decimal("450.00")]])))
    assert sheet.active["A2"].value.date() == day
    assert sheet.active["B2"].value == 450
    assert csv_bytes(["d"], [[day]]).decode("utf-8-sig").splitlines()[1] == "2027-04-07"


@given(st.text(min_size=1))
def test_formula_like_text_always_gets_the_apostrophe(value):
    cell = safe_cell(value)
    shown = neutralise(value)
    if shown.startswith(FORMULA_START) and not re.fullmatch(r"\+[0-9 ]+", shown):
        assert cell == "'" + shown
    else:
        assert cell == shown
    assert not BIDI_CONTROLS & set(cell)


def test_bidi_controls_in_free_text_show_as_markers_in_csv_and_xlsx():
    """A note stored as "pay \u202eyad rep 005\u202c" cannot read "pay 500 per day" in a
    spreadsheet: each control is written as its visible marker, as on pages and PDFs."""
    note = "pay \u202eyad rep 005\u202c"
    shown = "pay [U+202E]yad rep 005[U+202C]"
    text = csv_bytes(["note"], [[note]]).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1] == [shown]
    sheet = load_workbook(io.BytesIO(xlsx_bytes("t", ["note"], [[note]]))).active
    assert sheet["A2"].value == shown
    # A formula hidden behind an isolate is still defused once the control is visible.
    assert safe_cell("\u2066=1+1") == "[U+2066]=1+1"
    assert safe_cell("=1+1\u2069") == "'=1+1[U+2069]"
