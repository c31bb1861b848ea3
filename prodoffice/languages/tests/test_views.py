"""The language desk's pages: the office uploads, reads the QC report per event, exports it and
checks many files at once; refusals keep nothing; crew are kept out."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from prodoffice.languages.models import SubtitleFile, SubtitleVersion
from tests.support.factories import ProductionFactory
from tests.support.security import pdf_text

from .factories import ProductionLanguageFactory, crew, office
from .helpers import srt

pytestmark = pytest.mark.django_db
SRT = srt((0, 2000, "¿Qué pasa?"), (2000, 4000, "x" * 45)).encode("cp1252")


@pytest.fixture
def production():
    production = ProductionFactory(code="LNG")
    ProductionLanguageFactory(production=production, language="es")
    return production


@pytest.fixture
def client_office(client, production):
    client.force_login(office(production))
    return client


def url(name, production, *args):
    return reverse(f"web:{name}", args=[production.code, *args])


def upload(client, production, data=SRT, name="main.srt"):
    body = {
        "file": SimpleUploadedFile(name, data),
        "language": "es",
        "name": "Main",
        "kind": "subtitles",
        "fps": "24",
    }
    return client.post(url("subtitle_upload", production), body)


def test_upload_then_report_per_event_exports_and_download(client_office, production):
    response = upload(client_office, production)
    assert response.status_code == 302
    track = SubtitleFile.objects.get()
    page = client_office.get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "windows-1252" in text and "line 1 has 45 characters; at most 42" in text
    xlsx = client_office.get(url("subtitle_report_export", production, track.public_id, "xlsx"))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert rows[0] == ("Event", "Start", "Rule", "Finding")
    assert rows[1][:3] == (2, "00:00:02.000", "Chars per line")
    pdf = client_office.get(url("subtitle_report_export", production, track.public_id, "pdf"))
    assert pdf["Content-Type"] == "application/pdf" and "Chars per line" in pdf_text(pdf.content)
    vtt = client_office.get(url("subtitle_download", production, track.public_id, "vtt"))
    assert vtt.content.decode().startswith("WEBVTT") and "¿Qué pasa?" in vtt.content.decode()
    assert (
        client_office.get(url("subtitle_download", production, track.public_id, "exe")).status_code
        == 404
    )


def test_malformed_upload_is_refused_with_the_reason_and_keeps_nothing(client_office, production):
    response = upload(client_office, production, b"1\n00:00:01 --> 00:00:02\nHi\n")
    assert response.status_code == 400
    assert "times without milliseconds" in response.content.decode()
    assert not SubtitleVersion.objects.exists()


def test_batch_qc_of_many_files(client_office, production):
    files = [
        SimpleUploadedFile("a.srt", SRT),
        SimpleUploadedFile("b.srt", b""),
        SimpleUploadedFile("c.srt", SRT),
    ]
    response = client_office.post(
        url("subtitle_batch_qc", production), {"files": files, "language": "es", "fps": "25"}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count("windows-1252") == 2 and "the file is empty" in text
    assert not SubtitleVersion.objects.exists()


def test_desk_pages_render_for_the_office(client_office, production):
    for name in (
        "languages",
        "language_glossary",
        "language_dubbing",
        "subtitle_upload",
        "subtitle_batch_qc",
    ):
        assert client_office.get(url(name, production)).status_code == 200, name


def test_crew_are_kept_out(client, production):
    client.force_login(crew(production))
    assert client.get(url("languages", production)).status_code == 403
    assert upload(client, production).status_code == 403
    assert not SubtitleVersion.objects.exists()
    other = ProductionFactory(code="OTH")
    assert client.get(url("languages", other)).status_code == 404


def test_dubbing_page_imports_adds_exports_books_and_links_deliverables(client_office, production):
    import datetime

    from prodoffice.languages.models import DubbingLine, ProductionLanguage, RecordingSession
    from prodoffice.languages.services import dubbing
    from prodoffice.post.models import Deliverable
    from prodoffice.post.services import delivery
    from prodoffice.post.tests.factories import stage

    script = b"character;original;adapted\nNORA;Hello?;Hallo?\n"
    answer = client_office.post(
        url("language_script_import", production),
        {"language": "de", "file": SimpleUploadedFile("de.csv", script)},
    )
    assert answer.status_code == 302
    answer = client_office.post(
        url("language_script_line_new", production),
        {"language": "de", "character": "ELI", "original": "Bye.", "tc_in": "nonsense"},
    )
    assert answer.status_code == 200 and "is not a timecode" in answer.content.decode()
    assert [x.character for x in DubbingLine.objects.all()] == ["NORA"]
    exported = client_office.get(url("language_script_export", production, "xlsx") + "?language=de")
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert [c.value for c in sheet[2]][:4] == [1, None, "NORA", "Hello?"]
    page = client_office.get(url("language_dubbing", production)).content.decode()
    assert "Hallo?" in page
    role = dubbing.voice_role_cast(actor=None, production=production, language="de", character="N")
    room = stage(production, "Dub 1")
    answer = client_office.post(
        url("language_session_new", production),
        {
            "voice_role": role.pk,
            "room": room.pk,
            "starts_at": "2027-03-01T09:00",
            "ends_at": "2027-03-01T10:00",
            "level": "confirmed",
        },
    )
    session = RecordingSession.objects.get()
    assert answer.status_code == 302 and session.booking.room == room
    client_office.post(
        url("language_session_status", production, session.public_id), {"status": "cancelled"}
    )
    session.refresh_from_db()
    assert session.status == "cancelled" and session.booking is None
    german = ProductionLanguage.objects.create(
        production=production, language="de", kinds=["dubbing"], territories=["DE"]
    )
    delivery.schedule_create(
        actor=None, production=production, territory="Germany", due=datetime.date(2027, 9, 1)
    )
    client_office.post(url("language_dubbed_link", production, german.public_id))
    assert Deliverable.objects.filter(kind="dubbed_version", language="de").count() == 1
    assert "Germany" in client_office.get(url("language_dubbing", production)).content.decode()


def test_crew_cannot_import_a_dubbing_script_or_export_it(client, production):
    from prodoffice.languages.models import DubbingLine

    client.force_login(crew(production))
    answer = client.post(
        url("language_script_import", production),
        {"language": "de", "file": SimpleUploadedFile("de.csv", b"character,original\nA,B\n")},
    )
    assert answer.status_code == 403 and not DubbingLine.objects.exists()
    assert client.get(url("language_script_export", production, "csv")).status_code == 403
