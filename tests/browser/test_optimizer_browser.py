"""The optimizer's run page in a real browser: comparison, explanation, accept (opt)."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import expect

from prodoffice.scheduling.models import Board
from prodoffice.scheduling.services import optimization
from prodoffice.scheduling.tests.optimizer_fixtures import spread_board
from tests.browser.helpers import BROWSER, shoot, unlabelled_controls

pytestmark = BROWSER


def test_run_page_compares_explains_and_accepts(signed_in, lantern):
    page = signed_in
    board = spread_board(lantern.production)
    run = optimization.optimization_start(
        actor=None, board=board, time_limit=5, settings={"max_eighths_per_day": 8}, wait=True
    )
    page.goto(reverse("web:optimization", args=[lantern.production.code, run.public_id]))
    expect(page.locator("#run-state")).to_have_text("Done")
    expect(page.locator("#cast-comparison")).to_contain_text("ANN")
    expect(page.locator("#explanation")).to_contain_text("Proven optimal")
    assert unlabelled_controls(page) == []
    shoot(page, "optimizer-run")
    page.locator("#accept-run").click()
    expect(page.locator("#accepted")).to_be_visible()
    assert Board.objects.get(production=lantern.production, is_working=True) == run.result_board
    page.goto(reverse("web:board_optimize", args=[lantern.production.code, board.public_id]))
    expect(page.locator("#runs")).to_contain_text("Done")
    shoot(page, "optimizer-form")
