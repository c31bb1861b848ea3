"""Reports of a board made from a real script in ../shared/data/screenplays (skipped if absent)."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from prodoffice.scheduling.report_exports import KINDS, report_export
from prodoffice.scheduling.selectors.reports import board_schedule, element_summary
from prodoffice.scheduling.selectors.script import script_current, script_summary
from prodoffice.scheduling.services.boards import board_create, day_break_insert
from prodoffice.scheduling.services.calendar import calendar_set
from prodoffice.scheduling.services.script import script_import
from tests.support.security import pdf_text

REPO = Path(__file__).resolve().parents[3]
#: ../shared beside the repository, or beside the directory of worktrees.
SHARED = next((p / "shared" for p in (REPO.parent, REPO.parent.parent) if (p / "shared").is_dir()),
              REPO.parent / "shared")  # fmt: skip
SAMPLE = SHARED / "data" / "screenplays" / "The-Last-Birthday-Card.fountain"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not SAMPLE.is_file(), reason="../shared/data absent"),
]


@pytest.fixture
def board(world):
    """The 48-scene sample in script order, six scenes a day, from Monday 1 March 2027."""
    production = world.production
    script_import(actor=None, production=production, filename=SAMPLE.name,
                  data=SAMPLE.read_bytes())  # fmt: skip
    calendar_set(actor=None, production=production, start_date=datetime.date(2027, 3, 1),
                 working_weekdays=range(5))  # fmt: skip
    board = board_create(actor=None, production=production, name="Script order")
    for position in reversed(range(6, 48, 6)):
        day_break_insert(actor=None, board=board, position=position)
    return board


def test_the_schedule_covers_the_whole_script(world, board):
    summary = script_summary(script_current(world.production))
    report = board_schedule(board)
    assert report.scene_count == summary["scenes"] == 48
    assert report.eighths == summary["pages_eighths"]
    assert [d.number for d in report.days] == list(range(1, 9))
    assert report.days[5].date == datetime.date(2027, 3, 8)  # the weekend skipped
    cast = {row.element.name.upper() for row in element_summary(report) if row.element.ucid == 100}
    assert {name.upper() for name in summary["speaking_characters"]} <= cast


@pytest.mark.parametrize("kind", KINDS)
def test_every_report_exports_and_reads_back(board, kind):
    rows = list(csv.reader(io.StringIO(report_export(board, kind, "csv")[0].decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(report_export(board, kind, "xlsx")[0])).active
    assert sheet.max_row == len(rows)
    text = pdf_text(report_export(board, kind, "pdf")[0])
    if text is not None and kind == "schedule":  # the trade's layout: scene blocks, day banners
        first = datetime.date.fromisoformat(rows[1][1])
        assert f"End of Day 1 -- {first:%a} {first.day} {first:%b %Y}" in text
    elif text is not None:
        assert rows[1][1] in text or rows[1][0] in text
