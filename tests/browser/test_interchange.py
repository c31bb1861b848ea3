"""USS import page: upload, preview, confirm; the script page then offers the download."""

from __future__ import annotations

import json

from playwright.sync_api import expect

from tests.browser.helpers import BROWSER, shoot, unlabelled_controls

pytestmark = BROWSER

SCHEDULE = {
    "version": "1.0",
    "name": "The Lantern Keeper",
    "breakdowns": [
        {"id": "s1", "type": "scene", "scene": "1", "pages": 1.5, "elements": ["set1", "c1"]},
        {"id": "s2", "type": "scene", "scene": "2", "pages": 0.375, "elements": ["set2", "c1"]},
        {"id": "d1", "type": "day"},
        {"id": "s3", "type": "scene", "scene": "3", "pages": 2, "elements": ["set1", "c2"]},
    ],
    "categories": [
        {"id": "k0", "name": "Set", "ucid": 0, "elements": ["set1", "set2"]},
        {"id": "k100", "name": "Cast Members", "ucid": 100, "elements": ["c1", "c2"]},
    ],
    "elements": [
        {"id": "set1", "name": "LIGHTHOUSE"},
        {"id": "set2", "name": "HARBOR"},
        {"id": "c1", "name": "EDITH", "elementId": "1"},
        {"id": "c2", "name": "SAM", "elementId": "2"},
    ],
    "stripboards": [
        {"id": "sb", "name": "Main", "boards": [
            {"id": "b", "name": "stripboard", "breakdownIds": ["s1", "s2", "d1", "s3"]}]},
    ],
}  # fmt: skip


def test_import_a_uss_file_with_a_preview(signed_in, lantern, tmp_path):
    page = signed_in
    path = tmp_path / "lantern.uss"
    path.write_text(json.dumps(SCHEDULE))
    page.goto(f"/p/{lantern.production.code}/script/")
    page.locator("#import-uss").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Schedule interchange (USS)")
    page.get_by_label("Schedule file (.uss)").set_input_files(str(path))
    page.locator("#preview-import").click()
    expect(page.locator("#preview-scenes")).to_have_text("3")
    expect(page.locator("#preview-boards")).to_contain_text("Main (4 strips)")
    assert unlabelled_controls(page) == []
    shoot(page, "uss_import_preview")
    page.locator("#confirm-import").click()
    expect(page.locator("#scene-count")).to_have_text("3")
    expect(page.locator("#download-uss")).to_be_visible()
