"""Crew import on the web: upload a spreadsheet, read every row's outcome, then apply it."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.data import CREW
from tests.browser.helpers import BROWSER, shoot, unlabelled_controls

pytestmark = BROWSER

ROWS = "#preview-rows tbody tr"


def test_import_a_crew_list_with_a_preview_of_every_row(signed_in, lantern, tmp_path):
    page = signed_in
    path = tmp_path / "crew.csv"
    path.write_text(
        "First name,Last name,E-mail,Position,Status\n"
        "Rafael,Costa,rafael.costa@lantern.example,DP,confirmed\n"
        "Mina,Okoro,mina.okoro@lantern.example,Boom Op,\n"
        "Theo,Brandt,theo.brandt@lantern.example,1st AC,\n"
        "Ivy,,ivy@lantern.example,Astronaut,\n",
        encoding="utf-8",
    )
    page.goto(f"/p/{lantern.production.code}/crew/")
    page.locator("#import-crew").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a crew list")
    page.get_by_label("Crew list file").set_input_files(str(path))
    page.get_by_label("Import the valid rows and skip the refused ones").check()
    page.locator("#preview-import").click()

    expect(page.locator(ROWS)).to_have_count(4)
    expect(page.locator("#preview-summary")).to_contain_text(
        "3 of 4 rows can be imported: 2 new engagements, 0 updated, 1 unchanged"
    )
    expect(page.locator(f"{ROWS}[data-line='2']")).to_contain_text("Unchanged")
    expect(page.locator(f"{ROWS}[data-line='3']")).to_contain_text("New")
    expect(page.locator(f"{ROWS}[data-line='4']")).to_contain_text("1st Assistant Camera")
    refused = page.locator(f"{ROWS}[data-line='5']")
    expect(refused).to_contain_text("Refused")
    expect(refused).to_contain_text('"Astronaut" is not a position of the catalogue')
    expect(refused).to_contain_text("last_name: is required")
    assert unlabelled_controls(page) == []
    shoot(page, "crew_import_preview")

    page.locator("#confirm-import").click()
    expect(page.locator("#crew-table tbody tr")).to_have_count(len(CREW) + 2)
    expect(page.get_by_role("link", name="Mina Okoro")).to_be_visible()
    expect(page.locator("#messages")).to_contain_text("2 new, 0 updated, 1 unchanged")
