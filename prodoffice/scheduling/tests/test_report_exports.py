"""Board report exports, each parsed back: CSV (csv module), XLSX (openpyxl), PDF (pdftotext)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from prodoffice.scheduling.models import Scene
from prodoffice.scheduling.report_exports import (
    CODE_COLOURS,
    DOOD_TOTALS,
    ELEMENT_COLUMNS,
    SCHEDULE_COLUMNS,
    report_export,
)
from prodoffice.scheduling.services.boards import banner_insert, board_create
from prodoffice.scheduling.tests.test_dood_selector import build_schedule, day, make_scenes
from prodoffice.scheduling.tests.test_dood_selector import make_script as new_script
from tests.support.security import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(world):
    """Nightjar's "Main": scenes 1-2 on Mon, 3 on Tue, 4 on Thu (Wed a holiday), a meal banner."""
    board = build_schedule(world.production)
    Scene.objects.filter(number="1").update(synopsis="=HYPERLINK(evil) Ann finds the gun")
    banner_insert(actor=None, board=board, position=1, banner_kind="meal", text="Lunch")
    return board


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def xlsx_sheet(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_schedule_csv_has_a_header_scenes_banners_day_totals_and_grand_total(board):
    data, ctype, name = report_export(board, "schedule", "csv")
    assert ctype.startswith("text/csv") and name == "NIGHTJAR-main-schedule.csv"
    rows = csv_rows(data)
    assert rows[0] == SCHEDULE_COLUMNS
    assert rows[1][:7] == ["Day 1 of 3", day(0).isoformat(), "1", "", "SET 1", "D", "4/8"]
    assert rows[1][9:] == ["1. ANN", "Props: Gun"]
    assert rows[2][4] == "Meal" and rows[2][7] == "Lunch"
    assert rows[4][4] == "End of day 1" and rows[4][6] == "1"
    assert rows[-1][:7] == ["Total", "", "4", "", "3 shoot days", "", "2"]


def test_text_that_looks_like_a_formula_is_defused(board):
    rows = csv_rows(report_export(board, "schedule", "csv")[0])
    assert rows[1][7] == "'=HYPERLINK(evil) Ann finds the gun"
    sheet = xlsx_sheet(report_export(board, "one-liner", "xlsx")[0])
    assert sheet.cell(2, 6).value.startswith("'=HYPERLINK")


def test_one_liner_csv_has_day_break_lines_with_date_and_pages(board):
    rows = csv_rows(report_export(board, "one-liner", "csv")[0])
    assert rows[0] == ["Scene", "I/E", "Set", "D/N", "Pages", "Synopsis", "Cast"]
    breaks = [row for row in rows if row[2].startswith("End of day")]
    assert [row[2] for row in breaks] == [
        f"End of day 1 of 3 – {day(0):%a %d %b %Y}",
        f"End of day 2 of 3 – {day(1):%a %d %b %Y}",
        f"End of day 3 of 3 – {day(3):%a %d %b %Y}",
    ]
    assert [row[4] for row in breaks] == ["1", "4/8", "4/8"]
    assert rows[3] == ["2", "", "SET 2", "D", "4/8", "", "1, 2"]


def test_elements_xlsx_has_a_frozen_bold_header_widths_and_one_row_per_element(board):
    data, ctype, name = report_export(board, "elements", "xlsx")
    assert "spreadsheetml" in ctype and name.endswith("-elements.xlsx")
    sheet = xlsx_sheet(data)
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == ELEMENT_COLUMNS
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    assert sheet.column_dimensions["C"].width == 26
    assert rows[1] == ("Cast Members", "1", "ANN", 3, "1 4/8", "1, 2, 4", 2, "1, 3")
    assert [row[2] for row in rows[1:]] == ["ANN", "BEN", "CAT", "Gun"]


def test_dood_csv_rows_match_the_dood_with_totals(board):
    rows = csv_rows(report_export(board, "dood", "csv")[0])
    days = [f"{day(n):%a %Y-%m-%d}" for n in range(4)]
    assert rows[0] == ["ID", "Element", "Category", *days, *DOOD_TOTALS]
    ann = rows[1]
    assert ann[:7] == ["1", "ANN", "Cast Members", "SW", "H", "/", "WF"]
    work, hold, holiday, _travel, _fitting, _rehearsal, _idle, total, start, finish = ann[7:]
    assert (work, hold, holiday, total) == ("2", "1", "1", "4")
    assert (start, finish) == (day(0).isoformat(), day(3).isoformat())


def test_dood_xlsx_colours_the_codes_and_freezes_ids_and_names(board):
    sheet = xlsx_sheet(report_export(board, "dood", "xlsx")[0])
    assert sheet.freeze_panes == "C2"
    assert sheet.cell(1, 4).alignment.text_rotation == 90  # day headers written upwards
    start = sheet.cell(2, 4)
    assert start.value == "SW"
    assert start.fill.start_color.rgb == "FF" + CODE_COLOURS["SW"].lstrip("#").upper()
    assert sheet.cell(2, 5).fill.start_color.rgb.endswith(CODE_COLOURS["H"].lstrip("#").upper())


def test_dood_without_a_calendar_is_refused_with_a_reason(world):
    make_scenes(new_script(world.production), 1)
    board = board_create(actor=None, production=world.production, name="No calendar")
    with pytest.raises(ValidationError, match="calendar"):
        report_export(board, "dood", "csv")


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("schedule", ["Shooting schedule", "End of Day 1", "Lunch", "Gun"]),
        ("one-liner", ["One-liner", "End of day 3 of 3", "Total: 4 scenes"]),
        ("elements", ["Breakdown summary by element", "ANN", "1, 2, 4"]),
        ("dood", ["Day out of days", "ANN", "SW", "WF"]),
    ],
)
def test_pdfs_render_and_read_back(board, kind, expected):
    data, ctype, name = report_export(board, kind, "pdf")
    assert data[:5] == b"%PDF-" and ctype == "application/pdf" and name.endswith(".pdf")
    text = pdf_text(data)
    if text is None:
        pytest.skip("poppler's pdftotext is not installed")
    for fragment in expected:
        assert fragment in text, fragment
    assert "NIGHTJAR" in text


@pytest.mark.parametrize(("kind", "fmt"), [("gantt", "csv"), ("schedule", "docx")])
def test_unknown_kind_or_format_is_refused(board, kind, fmt):
    with pytest.raises(ValueError, match="Unknown"):
        report_export(board, kind, fmt)


def test_a_wide_grid_is_cut_into_even_blocks_for_paper():
    from prodoffice.scheduling.report_exports import Sheet, _blocks

    days = [f"D{n}" for n in range(60)]
    sheet = Sheet("T", "s", ["ID", "Element", "Cat", *days, "Work", "Total"], [5] * 65,
                  pdf_lead=3, pdf_block=28, pdf_tail=2)  # fmt: skip
    sheet.add(["1", "ANN", "Cast", *["W"] * 60, 60, 60])
    blocks = _blocks(sheet)
    headers = [[h[0] for h in block["header"]] for block in blocks]
    assert [len(h) - 3 for h in headers] == [20, 20, 22]  # 60 days in three, totals last
    assert all(h[:3] == ["ID", "Element", "Cat"] for h in headers)
    assert headers[0][3] == "D0" and headers[2][-3:] == ["D59", "Work", "Total"]
    assert blocks[1]["caption"] == "D20 to D39 (2 of 3)"
    assert [c[0] for c in blocks[2]["body"][0][1]][-2:] == [60, 60]


def pypdf_text(data: bytes) -> str:
    """The PDF's text as pypdf extracts it, pages joined."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_schedule_pdf_has_a_block_per_scene_and_a_banner_per_day(board):
    Scene.objects.filter(number="1").update(int_ext="INT", set_name="A VERY LONG SET NAME "
                                            "THAT GOES ON AND ON PAST ANY COLUMN")  # fmt: skip
    data, ctype, _ = report_export(board, "schedule", "pdf")
    assert ctype == "application/pdf"
    text = pypdf_text(data)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    # Day 1 is Mon 1 Mar 2027 (scenes 1 and 2, 4/8 each); Wed is a holiday so day 3 is Thursday.
    assert "End of Day 1 -- Mon 1 Mar 2027 -- 1 page" in lines
    assert "End of Day 2 -- Tue 2 Mar 2027 -- 4/8 pages" in lines
    assert "End of Day 3 -- Thu 4 Mar 2027 -- 4/8 pages" in lines
    assert "Sc. 1 INT" in " ".join(lines)
    assert "THAT GOES ON AND ON PAST ANY COLUMN" in " ".join(lines)  # the set is never cut
    joined = " ".join(lines)
    assert "Cast 1. ANN" in joined and "Props Gun" in joined
    assert "Ann finds the gun" in joined and "Meal: Lunch" in joined
    assert "Day 1 of 3" not in joined  # no day column repeated on every row
    order = [joined.index(f"Sc. {n}") for n in ("1", "2", "3", "4")]
    assert order == sorted(order)
    assert joined.index("Sc. 2") < joined.index("End of Day 1") < joined.index("Sc. 3")
    assert "4 scenes, 3 shoot days, 2 pages" in joined


def test_schedule_pdf_counts_a_single_page_and_fractions_in_words(board):
    """A one-page scene reads "1 pg", a fraction "4/8 pgs" (it said "1 pgs")."""
    Scene.objects.filter(number="1").update(eighths=8)
    text = pypdf_text(report_export(board, "schedule", "pdf")[0])
    joined = " ".join(" ".join(line.split()) for line in text.splitlines())
    assert "1 pg" in joined and "1 pgs" not in joined
    assert "4/8 pgs" in joined
    assert "4 scenes, 3 shoot days, 2 4/8 pages" in joined
