"""The optimizer pages: settings form, run page with polling, stop, accept, discard, refusals."""

from __future__ import annotations

import pytest
from django.urls import reverse

from prodoffice.scheduling.choices import RunStatus
from prodoffice.scheduling.models import Board, OptimizationRun
from prodoffice.scheduling.tests.optimizer_fixtures import spread_board

pytestmark = pytest.mark.django_db

FORM = {"time_limit": "5", "max_pages": "0.5", "company_move_cost": "1000",
        "separate_day_night": "on"}  # fmt: skip


@pytest.fixture
def board(world) -> Board:
    return spread_board(world.production)


def optimize_url(board) -> str:
    return reverse("web:board_optimize", args=["NIGHTJAR", board.public_id])


def run_url(run) -> str:
    return reverse("web:optimization", args=["NIGHTJAR", run.public_id])


def test_form_starts_with_the_production_defaults(world, board, office):
    page = office.get(optimize_url(board))
    assert page.status_code == 200
    form = page.context["form"]
    assert form["max_pages"].value() == 5 and form["company_move_cost"].value() == 1000
    assert b'id="start-run"' in page.content and b"No runs yet." in page.content


def test_post_runs_and_the_run_page_shows_the_comparison(
    world, board, office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = office.post(optimize_url(board), FORM)
    run = OptimizationRun.objects.get()
    assert answer.status_code == 302 and answer["Location"] == run_url(run)
    assert run.settings["max_eighths_per_day"] == 4 and run.created_by == world.office
    page = office.get(run_url(run))
    html = page.content.decode()
    assert page.context["run"].status == RunStatus.DONE
    assert 'id="cast-comparison"' in html and "ANN" in html and "Proven optimal" in html
    assert 'id="accept-run"' in html and 'id="discard-run"' in html
    assert "hx-trigger" not in html  # finished: no more polling
    listing = office.get(optimize_url(board)).content.decode()
    assert run_url(run) in listing


def test_a_running_run_polls_and_offers_stop(world, board, office):
    run = OptimizationRun.objects.create(board=board, time_limit=5, settings={}, progress=0.4,
                                         status=RunStatus.RUNNING, message="searching")  # fmt: skip
    page = office.get(run_url(run)).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'id="stop-run"' in page
    assert 'value="40"' in page and "searching" in page
    fragment = office.get(run_url(run), headers={"HX-Request": "true", "HX-Target": "run-status"})
    text = fragment.content.decode()
    assert text.lstrip().startswith('<div id="run-status"') and "<html" not in text
    answer = office.post(run_url(run), {"action": "stop"})
    assert answer.status_code == 302
    run.refresh_from_db()
    assert run.stop_requested and run.status == RunStatus.RUNNING


def test_queued_run_page_names_the_worker(world, board, office):
    run = OptimizationRun.objects.create(board=board, time_limit=5, settings={})
    assert b"prodoffice worker" in office.get(run_url(run)).content


def test_accept_and_discard_from_the_run_page(
    world, board, office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        office.post(optimize_url(board), FORM)
        office.post(optimize_url(board), FORM)
    first, second = OptimizationRun.objects.order_by("created_at")
    assert office.post(run_url(first), {"action": "accept"}).status_code == 302
    assert Board.objects.get(is_working=True) == first.result_board
    assert b'id="accepted"' in office.get(run_url(first)).content
    refused = office.post(run_url(first), {"action": "discard"})
    assert refused.status_code == 422 and b"working board now" in refused.content
    name = second.result_board.name
    assert office.post(run_url(second), {"action": "discard"}).status_code == 302
    assert not Board.objects.filter(name=name).exists()
    assert b'id="discarded"' in office.get(run_url(second)).content
    assert office.post(run_url(second), {"action": "explode"}).status_code == 422


def test_bad_form_input_is_named(world, board, office):
    page = office.post(optimize_url(board), {**FORM, "time_limit": "0", "max_pages": "x"})
    assert page.status_code == 200 and not OptimizationRun.objects.exists()
    assert (
        "time_limit" in page.context["form"].errors and "max_pages" in page.context["form"].errors
    )


def test_pages_refused_by_role(world, board, client_for):
    run = OptimizationRun.objects.create(board=board, time_limit=5, settings={})
    head = client_for(world.head)
    assert head.get(run_url(run)).status_code == 200  # readers follow a run
    assert head.get(optimize_url(board)).status_code == 403
    assert head.post(run_url(run), {"action": "stop"}).status_code == 403
    run.refresh_from_db()
    assert not run.stop_requested
    assert client_for(world.crew_a).get(run_url(run)).status_code in (403, 404)
    assert client_for(world.other_office).get(run_url(run)).status_code == 404
