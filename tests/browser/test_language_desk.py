"""The language desk: the coordinator uploads a Windows-1252 subtitle file and reads its QC
report per event, then imports a dubbing script from a spreadsheet and sees its lines; a bad
script is refused naming its line, and the script stays as it was."""

from __future__ import annotations

from playwright.sync_api import expect

from prodoffice.languages.models import DubbingLine, SubtitleVersion
from tests.browser.helpers import BROWSER, shoot, unlabelled_controls

pytestmark = BROWSER

SRT = (
    "1\n00:00:01,000 --> 00:00:03,000\nBuenas noches, señora.\n\n"
    "2\n00:00:03,000 --> 00:00:03,400\n¡Ya!\n\n"
    "3\n00:00:05,000 --> 00:00:07,000\nEsta línea es demasiado larga para caber en pantalla.\n"
)
SCRIPT = "number,scene,character,original,adapted\n1,4,NORA,Is anyone here?,Ist hier jemand?\n"


def test_office_uploads_subtitles_reads_the_report_and_imports_a_dubbing_script(signed_in, lantern):
    page = signed_in
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Languages & subtitles"
    ).click()
    page.locator("#upload-subtitles").click()
    page.get_by_label("File").set_input_files(
        files=[{"name": "night.es.srt", "mimeType": "text/plain", "buffer": SRT.encode("cp1252")}]
    )
    page.get_by_label("Language").select_option("es")
    page.get_by_label("Frame rate").fill("24")
    assert unlabelled_controls(page) == []
    page.locator("#subtitle-upload-form button[type=submit]").click()
    # The track page: the detected encoding, then the findings per event.
    expect(page.locator("dl")).to_contain_text("windows-1252")
    findings = page.locator("#qc-table")
    expect(findings).to_contain_text("00:00:03.000")  # event 2: 0.4 s, under 5/6 s
    expect(findings).to_contain_text("00:00:05.000")  # event 3: over 42 characters
    assert SubtitleVersion.objects.get().qc_counts["min_duration"] == 1
    shoot(page, "language_qc_report")

    page.get_by_role("link", name="Languages", exact=True).first.click()
    page.get_by_role("link", name="Dubbing").click()
    page.get_by_text("Import a script (CSV or Excel)").click()
    form = page.locator("#script-import-form")
    form.get_by_label("Language").select_option("de")
    form.get_by_label("File").set_input_files(
        files=[{"name": "de.csv", "mimeType": "text/csv", "buffer": SCRIPT.encode()}]
    )
    form.locator("button[type=submit]").click()
    expect(page.locator("#script-table")).to_contain_text("Ist hier jemand?")

    page.get_by_text("Import a script (CSV or Excel)").click()
    form = page.locator("#script-import-form")
    form.get_by_label("Language").select_option("de")
    form.get_by_label("File").set_input_files(
        files=[{"name": "bad.csv", "mimeType": "text/csv", "buffer": b"character,original\n,Hi\n"}]
    )
    form.locator("button[type=submit]").click()
    expect(page.locator(".error-summary, .invalid-feedback").first).to_contain_text(
        "line 2: character is empty"
    )
    assert list(DubbingLine.objects.values_list("adapted", flat=True)) == ["Ist hier jemand?"]
