"""`prodoffice schedule-report`: the web's rows on stdout or in a file, errors and exit codes."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from prodoffice.scheduling.report_exports import report_export
from prodoffice.scheduling.services.boards import board_create
from prodoffice.scheduling.tests.test_dood_selector import build_schedule, make_scenes, make_script
from tests.support.security import pdf_text

pytestmark = pytest.mark.django_db

BASE = ("--production", "nightjar", "--board", "Main")


@pytest.fixture
def board(world):
    """Nightjar's board "Main": three shoot days around a holiday."""
    return build_schedule(world.production)


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("schedule_report", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("kind", ["schedule", "one-liner", "elements", "dood"])
def test_csv_on_stdout_is_the_web_export(board, kind):
    out, _ = run(*BASE, "--kind", kind, "--format", "csv")
    web = report_export(board, kind, "csv")[0].decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(out))) == list(csv.reader(io.StringIO(web)))
    assert len(out.splitlines()) > 2


def test_one_liner_csv_rows(board):
    rows = list(csv.reader(io.StringIO(run(*BASE, "--kind", "one-liner", "--format", "csv")[0])))
    assert rows[0][:3] == ["Scene", "I/E", "Set"]
    assert [row[0] for row in rows[1:4]] == ["1", "2", ""]
    assert rows[3][2].startswith("End of day 1 of 3")


def test_xlsx_and_pdf_go_to_the_file_given(board, tmp_path):
    target = tmp_path / "dood.xlsx"
    _, err = run(*BASE, "--kind", "dood", "--format", "xlsx", "-o", str(target))
    assert "Wrote" in err
    sheet = load_workbook(target).active
    assert [sheet.cell(2, c).value for c in (1, 2, 4)] == ["1", "ANN", "SW"]
    pdf = tmp_path / "schedule.pdf"
    run(*BASE, "--kind", "schedule", "--format", "pdf", "-o", str(pdf))
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = pdf_text(pdf.read_bytes())
    if text is not None:
        assert "End of Day 3" in text


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (("--production", "NOPE", "--board", "Main", "--kind", "schedule", "--format", "csv"),
         2, "Unknown production"),
        (("--production", "NIGHTJAR", "--board", "Nope", "--kind", "schedule", "--format", "csv"),
         2, "Boards: Main"),
        ((*BASE, "--kind", "schedule", "--format", "pdf"), 2, "give a file with -o"),
        ((*BASE, "--kind", "schedule", "--format", "csv", "-o", "/nonexistent/dir/x.csv"),
         1, "Cannot write"),
    ],
)  # fmt: skip
def test_errors_exit_non_zero_with_a_reason(board, args, code, text):
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert caught.value.returncode == code and text in str(caught.value)


def test_unknown_kind_is_a_usage_error(board):
    with pytest.raises(CommandError, match="invalid choice"):
        run(*BASE, "--kind", "gantt", "--format", "csv")


def test_dood_without_calendar_fails_with_the_reason(world):
    make_scenes(make_script(world.production), 1)
    board_create(actor=None, production=world.production, name="Main")
    with pytest.raises(CommandError) as caught:
        run(*BASE, "--kind", "dood", "--format", "csv")
    assert caught.value.returncode == 1 and "calendar" in str(caught.value)
