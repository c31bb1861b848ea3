"""Script pages: the current draft and its scenes, import with a preview, revisions, refusals."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prodoffice.audit.models import AuditEvent
from prodoffice.scheduling.forms import safe_filename
from prodoffice.scheduling.models import Scene, Script
from prodoffice.scheduling.services.script import script_import
from prodoffice.scheduling.tests.scripts_for_tests import FDX, FIRST_DRAFT, SECOND_DRAFT

pytestmark = pytest.mark.django_db


def upload(text: str | bytes, name: str = "letter.fountain") -> SimpleUploadedFile:
    """A file as the browser sends it."""
    return SimpleUploadedFile(name, text if isinstance(text, bytes) else text.encode())


def preview(client, code, text, name="letter.fountain", colour=""):
    """POST the preview step."""
    url = reverse("web:script_import", args=[code])
    body = {"step": "preview", "file": upload(text, name), "revision_colour": colour}
    return client.post(url, body)


def confirm(client, code, response):
    """POST the confirmation step with the digest the preview page carries."""
    sha = response.context["sha256"]
    return client.post(
        reverse("web:script_import", args=[code]), {"step": "confirm", "sha256": sha}
    )


@pytest.fixture
def first_draft(world) -> Script:
    """The Letter, first draft, imported by the office."""
    script_import(
        actor=world.office,
        production=world.production,
        filename="letter.fountain",
        data=FIRST_DRAFT.encode(),
    )
    return Script.objects.get(production=world.production, is_current=True)


@pytest.mark.parametrize("persona", ["office", "head", "executive"])
def test_script_page_shows_draft_and_scenes(world, client_for, code, first_draft, persona):
    response = client_for(getattr(world, persona)).get(reverse("web:script", args=[code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["scene_count"] == 3 and response.context["speaking_count"] == 3
    assert response.context["pages"] == "6/8"
    assert "The Letter" in html and "FLAT" in html and "ANN, BEN" in html
    assert ("Import a revision" in html) is (persona == "office")


def test_script_page_empty_state(office, code):
    html = office.get(reverse("web:script", args=[code])).content.decode()
    assert "No script yet" in html and "Import a script</a> first" in html


def test_script_page_other_production_is_404(world, office, client_for, first_draft):
    assert office.get(reverse("web:script", args=[world.other.code])).status_code == 404
    other = client_for(world.other_office)
    assert other.get(reverse("web:script", args=[world.production.code])).status_code == 404


def test_crew_cannot_read_the_script(world, client_for, code, first_draft):
    # The scheduling querysets give crew no script rows: the page refuses rather than lie.
    assert Script.objects.for_user(world.crew_b).count() == 0
    response = client_for(world.crew_b).get(reverse("web:script", args=[code]))
    assert response.status_code == 403


def test_omitted_scene_is_listed_as_omitted(world, office, code, first_draft):
    script_import(
        actor=world.office,
        production=world.production,
        filename="letter.fountain",
        data=SECOND_DRAFT.encode(),
    )
    response = office.get(reverse("web:script", args=[code]))
    assert "OMITTED" in response.content.decode()
    assert response.context["scene_count"] == 3


def test_preview_writes_nothing_then_confirm_imports(world, office, code):
    response = preview(office, code, FIRST_DRAFT)
    html = response.content.decode()
    assert response.status_code == 200 and "Import this draft" in html
    assert response.context["report"].scenes == 3 and response.context["pages"] == "6/8"
    assert "ANN, BEN, CAT" in html
    assert not Script.objects.exists()
    assert not AuditEvent.objects.filter(action="script.import").exists()
    done = confirm(office, code, response)
    assert done.status_code == 302 and done["Location"] == reverse("web:script", args=[code])
    script = Script.objects.get(production=world.production, is_current=True)
    assert script.scenes.count() == 3 and script.source_filename == "letter.fountain"
    assert AuditEvent.objects.filter(action="script.import", actor=world.office).count() == 1
    page = office.get(done["Location"]).content.decode()
    assert "Imported 3 scenes, 3 speaking characters" in page


def test_confirm_uses_the_previewed_bytes_only(world, office, code):
    preview(office, code, FIRST_DRAFT)
    url = reverse("web:script_import", args=[code])
    forged = office.post(url, {"step": "confirm", "sha256": "f" * 64, "file": upload(FDX)})
    assert forged.status_code == 400 and "upload the file again" in forged.content.decode()
    assert not Script.objects.exists()


def test_confirm_twice_imports_once(world, office, code):
    response = preview(office, code, FIRST_DRAFT)
    assert confirm(office, code, response).status_code == 302
    again = confirm(office, code, response)
    assert again.status_code == 400 and "upload the file again" in again.content.decode()
    assert Script.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"\x00\x01\x02\xff\xfe" * 50, "letter.fountain", ""),
        (b"<?xml version='1.0'?><FinalDraft><Content><Paragraph", "letter.fdx", ""),
        (b"Just a shopping list.\n\nEggs, milk.\n", "list.txt", ""),
        (b"", "empty.fountain", "empty"),
    ],
)
def test_bad_file_error_on_the_field(world, office, code, data, name, message):
    response = preview(office, code, data, name)
    form = response.context["form"]
    assert response.status_code == 400 and form.errors.get("file")
    assert message in " ".join(form.errors["file"])
    html = response.content.decode()
    assert 'id="id_file_error"' in html and "Import this draft" not in html
    assert not Scene.objects.exists()


@pytest.mark.parametrize("persona", ["crew_a", "head", "executive"])
def test_only_office_imports(world, client_for, code, persona):
    client = client_for(getattr(world, persona))
    assert client.get(reverse("web:script_import", args=[code])).status_code == 403
    assert preview(client, code, FIRST_DRAFT).status_code == 403
    assert not Script.objects.exists()


def test_revision_preview_lists_added_and_omitted(world, office, code, first_draft):
    response = preview(office, code, SECOND_DRAFT, colour="Blue")
    report = response.context["report"]
    html = response.content.decode()
    assert report.is_revision and report.revision_colour == "Blue"
    assert report.added and report.omitted
    for number in report.added + report.omitted:
        assert number in html
    assert 'id="preview-added"' in html and 'id="preview-omitted"' in html
    assert Script.objects.get(is_current=True).pk == first_draft.pk
    assert confirm(office, code, response).status_code == 302
    assert Script.objects.get(is_current=True).revision_colour == "Blue"


def test_filename_is_a_hint_never_a_path():
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("C:\\drafts\\letter.fdx") == "letter.fdx"
    assert safe_filename("bad\x00name.fountain") == "badname.fountain"
    assert safe_filename("..") == "script"


def test_schedule_navigation_hidden_from_crew(world, client_for):
    """Crew and cast do not get a navigation entry that answers 403."""
    crew_page = client_for(world.crew_a).get("/p/NIGHTJAR/").content.decode()
    office_page = client_for(world.office).get("/p/NIGHTJAR/").content.decode()
    assert "/p/NIGHTJAR/script/" not in crew_page
    assert "/p/NIGHTJAR/script/" in office_page


def test_new_script_choice_starts_a_new_script_on_the_web(world, office, code, first_draft):
    from prodoffice.scheduling.tests.scripts_for_tests import OTHER_SCRIPT

    refused = preview(office, code, OTHER_SCRIPT, name="space.fountain")
    assert "shares no scene" in refused.content.decode()
    url = reverse("web:script_import", args=[code])
    body = {"step": "preview", "file": upload(OTHER_SCRIPT, "space.fountain"), "new_script": "on"}
    response = office.post(url, body)
    assert response.context["report"].new_script
    assert 'id="preview-new-script"' in response.content.decode()
    assert Script.objects.get(is_current=True).pk == first_draft.pk  # a preview saves nothing
    assert confirm(office, code, response).status_code == 302
    current = Script.objects.get(is_current=True)
    assert current.source_filename == "space.fountain" and current.revision_colour == "White"


def test_heading_warnings_show_in_the_preview(world, office, code):
    response = preview(office, code, "INT. A - DAY\n\nx\n\nINT. - NIGHT\n\ny\n")
    html = response.content.decode()
    assert 'id="preview-warnings"' in html and "no set found in the heading" in html
