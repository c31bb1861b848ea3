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
    if value.startswith(FORMULA_START) and not re.fullmatch(r"\+[0-9 ]+", value):
        assert cell == "'" + value
    else:
        assert cell == value
