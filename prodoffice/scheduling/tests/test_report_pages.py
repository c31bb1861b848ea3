"""Board report pages and downloads: content, formats, refusals, constant queries."""

from __future__ import annotations

import csv
import io
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from prodoffice.scheduling.services.boards import banner_insert, board_create
from prodoffice.scheduling.tests.test_dood_selector import build_schedule, make_scenes, make_script
from prodoffice.scheduling.tests.test_reports import _big_board

pytestmark = pytest.mark.django_db

PAGES = ["web:board_schedule", "web:board_one_liner", "web:board_elements"]
EXPORTS = [
    "web:board_schedule_export",
    "web:board_one_liner_export",
    "web:board_elements_export",
    "web:board_dood_export",
]


@pytest.fixture
def board(world):
    board = build_schedule(world.production)
    banner_insert(
        actor=None, board=board, position=2, banner_kind="company_move", text="To the docks"
    )
    return board


def url(name, board, *extra):
    return reverse(name, args=[board.production.code, board.public_id, *extra])


def test_schedule_page_shows_days_scenes_banners_and_totals(office, board):
    response = office.get(url("web:board_schedule", board))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="card mb-3 shoot-day"') == 3
    assert "Day 1 of 3" in html and "Company move" in html and "To the docks" in html
    assert "1. ANN, 2. BEN" in html and "Props:" in html
    assert 'id="grand-total">Total: 2 pages over 3 shoot days' in html
    assert url("web:board_schedule_export", board, "pdf") in html
    assert url("web:board_dood_export", board, "xlsx") in html


def test_one_liner_page_has_day_breaks_with_page_totals(office, board):
    response = office.get(url("web:board_one_liner", board))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="table-secondary day-break"') == 3
    assert "End of day 2 of 3" in html
    rows = response.context["rows"]
    assert [line.kind for line in rows][:4] == ["scene", "scene", "banner", "day"]


def test_elements_page_lists_each_element_with_its_days(office, board):
    response = office.get(url("web:board_elements", board))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(r.element.name, r.days) for r in rows] == [
        ("ANN", [1, 3]), ("BEN", [1]), ("CAT", [2]), ("Gun", [1])]  # fmt: skip


@pytest.mark.parametrize("name", EXPORTS)
def test_every_export_downloads_in_every_format(office, board, name):
    csv_response = office.get(url(name, board, "csv"))
    assert csv_response.status_code == 200
    assert csv_response["Content-Disposition"].startswith('attachment; filename="NIGHTJAR-main-')
    header = next(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    xlsx = office.get(url(name, board, "xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in next(sheet.iter_rows(max_row=1))] == header
    assert office.get(url(name, board, "pdf")).content[:5] == b"%PDF-"


@pytest.mark.parametrize("fmt", ["json", "docx", "PDF", "csv.zip"])
def test_unknown_format_is_404(office, board, fmt):
    assert office.get(url("web:board_schedule_export", board, fmt)).status_code == 404


def test_crew_get_403_and_other_productions_404(world, client_for, board):
    crew = client_for(world.crew_a)
    for name in PAGES:
        assert crew.get(url(name, board)).status_code == 403
    assert crew.get(url("web:board_dood_export", board, "csv")).status_code == 403
    stranger = client_for(world.other_office)
    assert stranger.get(url("web:board_schedule", board)).status_code == 404
    other_board = board_create(actor=None, production=world.other, name="Theirs")
    # another production's board through this production's code: 404 too
    wrong = reverse("web:board_schedule", args=[world.production.code, other_board.public_id])
    assert client_for(world.office).get(wrong).status_code == 404
    missing = reverse("web:board_schedule", args=[world.production.code, uuid.uuid4()])
    assert client_for(world.office).get(missing).status_code == 404


@pytest.mark.parametrize("role", ["head", "executive"])
def test_production_wide_roles_read_the_reports(world, client_for, board, role):
    client = client_for(getattr(world, role))
    assert client.get(url("web:board_schedule", board)).status_code == 200
    assert client.get(url("web:board_elements_export", board, "csv")).status_code == 200


def test_dood_export_without_calendar_explains_why(world, office):
    make_scenes(make_script(world.production), 2)
    board = board_create(actor=None, production=world.production, name="Draft")
    response = office.get(url("web:board_dood_export", board, "xlsx"))
    assert response.status_code == 409
    assert "Set the production calendar" in response.content.decode()
    page = office.get(url("web:board_schedule", board))
    assert page.status_code == 200 and "no production calendar yet" in page.content.decode()


def test_page_queries_do_not_grow_with_the_board(world, office):
    from prodoffice.scheduling.services.calendar import calendar_set
    from prodoffice.scheduling.tests.test_dood_selector import MONDAY

    calendar_set(actor=None, production=world.production, start_date=MONDAY,
                 working_weekdays=range(5))  # fmt: skip
    counts = {}
    for size in (6, 30):
        board = _big_board(world.production, size, per_day=3)
        for name in PAGES:
            with CaptureQueriesContext(connection) as queries:
                assert office.get(url(name, board)).status_code == 200
            counts[(name, size)] = len(queries)
    for name in PAGES:
        assert counts[(name, 6)] == counts[(name, 30)], counts


def test_a_calendar_without_working_days_is_explained_not_crashed(world, office, board):
    from prodoffice.scheduling.services.calendar import calendar_set
    from prodoffice.scheduling.tests.test_dood_selector import MONDAY

    calendar_set(actor=None, production=world.production, start_date=MONDAY, working_weekdays=[])
    response = office.get(url("web:board_one_liner", board))
    assert response.status_code == 409
    assert "no working days" in response.content.decode()
