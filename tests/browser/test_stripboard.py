"""The stripboard in a real browser: drag a strip to another day and see the DOOD change; move a
strip with the keyboard alone; screenshots of the stripboard and the DOOD grid."""

from __future__ import annotations

import datetime

from playwright.sync_api import expect

from prodoffice.scheduling.demo import SCRIPT, _end_days, _order_by_location
from prodoffice.scheduling.models import Board, Element, Strip
from prodoffice.scheduling.services import boards
from prodoffice.scheduling.services.breakdown import element_update
from prodoffice.scheduling.services.calendar import calendar_set
from prodoffice.scheduling.services.script import script_import
from prodoffice.scheduling.tests.scripts_for_tests import FIRST_DRAFT
from tests.browser.helpers import BROWSER, shoot, unlabelled_controls

pytestmark = BROWSER

MONDAY = datetime.date(2027, 3, 1)


def _letter_board(production) -> Board:
    """The Letter: flat (ANN, BEN) | street (ANN), cafe (CAT) |, from Monday 1 March 2027."""
    script_import(actor=None, production=production, filename="letter.fountain",
                  data=FIRST_DRAFT.encode())  # fmt: skip
    for number, name in enumerate(("ANN", "BEN", "CAT"), start=1):
        element = Element.objects.get(production=production, name__iexact=name)
        element_update(actor=None, element=element, values={"board_id": str(number)})
    board = boards.board_create(actor=None, production=production, name="Main")
    boards.day_break_insert(actor=None, board=board, position=1)
    boards.day_break_insert(actor=None, board=board, position=4)
    calendar_set(actor=None, production=production, start_date=MONDAY,
                        working_weekdays=range(5))  # fmt: skip
    return board


def _strip(board, number: str) -> Strip:
    return Strip.objects.get(board=board, scene__number=number)


def _dood_row(page, name: str) -> list[str]:
    cells = page.locator(f'#dood-table tr[data-element="{name}"] td')
    return [text.strip() for text in cells.all_inner_texts()[:2]]


def test_drag_a_strip_to_another_day_and_the_dood_follows(signed_in, lantern):
    page = signed_in
    board = _letter_board(lantern.production)
    dood_url = f"/p/{lantern.production.code}/boards/{board.public_id}/dood/"
    page.goto(dood_url)
    assert _dood_row(page, "CAT") == ["", "SWF"]
    page.goto(f"/p/{lantern.production.code}/boards/{board.public_id}/")
    expect(page.locator(".strip-day_break").first).to_contain_text("End of day 1 – Mon 1 Mar")
    cafe = page.locator(f"#strip-{_strip(board, '3').pk} .grip")
    flat = page.locator(f"#strip-{_strip(board, '1').pk}")
    cafe.drag_to(flat, target_position={"x": 40, "y": 3})
    expect(page.locator("#board-status")).to_have_text("Scene 3 moved to position 1.")
    # The day totals are redrawn: day 1 now holds the cafe and the flat.
    expect(page.locator(".strip-day_break").first).to_contain_text("End of day 1")
    numbers = page.locator("#board-strips .strip-scene .sc").all_inner_texts()
    assert numbers == ["3", "1", "2"]
    page.get_by_role("link", name="Day-out-of-days").click()
    page.wait_for_url(f"**{dood_url}")
    assert _dood_row(page, "CAT") == ["SWF", ""]
    assert _dood_row(page, "ANN") == ["SW", "WF"]


def test_move_a_strip_with_the_keyboard_only(signed_in, lantern):
    page = signed_in
    board = _letter_board(lantern.production)
    page.goto(f"/p/{lantern.production.code}/boards/{board.public_id}/")
    street = page.locator(f"#strip-{_strip(board, '2').pk}")
    street.focus()
    page.keyboard.press("Space")
    expect(page.locator("#board-status")).to_contain_text("Scene 2 picked up at position 3")
    page.keyboard.press("ArrowUp")
    expect(page.locator("#board-status")).to_contain_text("Scene 2 before Day break")
    page.keyboard.press("Space")
    expect(page.locator("#board-status")).to_have_text("Scene 2 moved to position 2.")
    expect(page.locator(f"#strip-{_strip(board, '2').pk}")).to_be_focused()
    layout = list(Strip.objects.filter(board=board).order_by("position").values_list(
        "scene__number", flat=True))  # fmt: skip
    assert layout == ["1", "2", None, "3", None]
    # Escape puts a lifted strip back where it was, and nothing is sent.
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    expect(page.locator("#board-status")).to_contain_text("Move cancelled")
    numbers = page.locator("#board-strips .strip-scene .sc").all_inner_texts()
    assert numbers == ["1", "2", "3"]


def test_stripboard_and_dood_screenshots(signed_in, lantern):
    """The HARBOR demo script on the Lantern production: a full board and its DOOD grid."""
    page = signed_in
    production = lantern.production
    script_import(actor=None, production=production, filename=SCRIPT.name,
                  data=SCRIPT.read_bytes())  # fmt: skip
    cast = Element.objects.filter(production=production, category__ucid=100).order_by("pk")
    for number, element in enumerate(cast, start=1):
        element_update(actor=None, element=element, values={"board_id": str(number)})
    calendar_set(actor=None, production=production, start_date=MONDAY,
                        working_weekdays=range(5))  # fmt: skip
    board = boards.board_create(actor=None, production=production, name="Shooting schedule")
    _order_by_location(board)
    _end_days(board)
    page.goto(f"/p/{production.code}/boards/{board.public_id}/")
    expect(page.locator(".strip-day_break").first).to_contain_text("End of day 1")
    assert unlabelled_controls(page) == []
    shoot(page, "stripboard")
    page.goto(f"/p/{production.code}/boards/{board.public_id}/dood/")
    expect(page.locator("#dood-table")).to_be_visible()
    shoot(page, "dood")
    for path in ("boards/", "calendar/"):
        page.goto(f"/p/{production.code}/{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert unlabelled_controls(page) == [], path
