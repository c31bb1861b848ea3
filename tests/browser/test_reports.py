"""Board reports in the browser: the schedule, its tabs, a download; screenshots for the docs."""

from __future__ import annotations

from playwright.sync_api import expect

from prodoffice.scheduling.models import IntExt, Scene
from prodoffice.scheduling.services.boards import banner_insert
from prodoffice.scheduling.tests.test_dood_selector import build_schedule
from tests.browser.helpers import BROWSER, shoot, unlabelled_controls

pytestmark = BROWSER

SCENES = {
    "1": (IntExt.INT, "LIGHTHOUSE - LAMP ROOM", "N", "Ann relights the lamp as the storm hits."),
    "2": (IntExt.EXT, "HARBOUR WALL", "D", "Ben brings the news of the wreck."),
    "3": (IntExt.INT, "KEEPER'S COTTAGE", "D", "Cat reads the log aloud."),
    "4": (IntExt.EXT, "CLIFF PATH", "D", "Ann follows the lights down to the cove."),
}


def _board(production):
    board = build_schedule(production)
    for number, (int_ext, set_name, day_night, synopsis) in SCENES.items():
        Scene.objects.filter(script__production=production, number=number).update(
            int_ext=int_ext, set_name=set_name, day_night=day_night, synopsis=synopsis
        )
    banner_insert(actor=None, board=board, position=1, banner_kind="meal", text="Lunch on set")
    return board


def test_schedule_one_liner_and_elements_with_downloads(signed_in, lantern):
    page = signed_in
    board = _board(lantern.production)
    page.goto(f"/p/{lantern.production.code}/boards/{board.public_id}/schedule/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Shooting schedule")
    expect(page.locator(".shoot-day")).to_have_count(3)
    expect(page.locator("#shoot-day-1")).to_contain_text("Lunch on set")
    expect(page.locator("#grand-total")).to_contain_text("2 pages over 3 shoot days")
    assert unlabelled_controls(page) == []
    shoot(page, "board_schedule")

    with page.expect_download() as download:
        page.get_by_role("group", name="Download this report").get_by_role(
            "link", name="CSV"
        ).click()
    assert download.value.suggested_filename.endswith("-main-schedule.csv")

    tabs = page.get_by_role("list", name="Reports of this board")
    tabs.get_by_role("link", name="One-liner").click()
    expect(page.locator("#one-liner .day-break")).to_have_count(3)
    expect(page.locator("#one-liner")).to_contain_text("End of day 2 of 3")
    shoot(page, "board_one_liner")

    page.get_by_role("list", name="Reports of this board").get_by_role(
        "link", name="Elements"
    ).click()
    expect(page.locator("#element-summary tbody tr")).to_have_count(4)
    expect(page.locator("#element-summary tbody tr").first).to_contain_text("ANN")
