"""The language desk over the API: rates for the office only, status moves through the table,
the QC report in the CLI's shape."""

from __future__ import annotations

import pytest
from django.test import Client

from prodoffice.languages.services import subtitles
from tests.support.factories import MembershipFactory, ProductionFactory, UserFactory

from .factories import LinguistPairFactory, WorkItemFactory, office
from .helpers import srt

pytestmark = pytest.mark.django_db


def bearer(user) -> Client:
    from rest_framework.authtoken.models import Token

    return Client(headers={"Authorization": f"Bearer {Token.objects.create(user=user).key}"})


@pytest.fixture
def production():
    return ProductionFactory(code="API")


def test_rates_are_for_the_office_only(production):
    LinguistPairFactory(linguist__production=production, rate="987654.32")
    head = UserFactory(username="exec")
    MembershipFactory(user=head, production=production, role="studio_executive")
    rows = bearer(office(production)).get("/api/v1/linguists/?production=API").json()["results"]
    assert rows[0]["pairs"][0]["rate"] == "987654.32"
    answer = bearer(head).get("/api/v1/linguists/?production=API")
    assert answer.status_code == 200 and "987654.32" not in answer.content.decode()


def test_status_moves_follow_the_table(production):
    item = WorkItemFactory(production=production)
    client = bearer(office(production))
    path = f"/api/v1/language-work/{item.public_id}/status/"
    ok = client.post(path, {"status": "in_progress"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["status"] == "in_progress"
    refused = client.post(path, {"status": "approved"}, content_type="application/json")
    assert refused.status_code == 400
    assert "Cannot go from in_progress to approved" in refused.content.decode()


def test_qc_report_in_the_cli_shape(production):
    coord = office(production)
    version = subtitles.subtitle_version_upload(
        actor=coord,
        production=production,
        language="en",
        name="EN",
        filename="en.srt",
        data=srt((0, 500, "Hi.")).encode(),
        fps="25",
    )
    answer = (
        bearer(coord).get(f"/api/v1/subtitle-files/{version.subtitle_file.public_id}/qc/").json()
    )
    assert answer["events"] == 1 and answer["fps"] == "25"
    assert answer["violations"] == [
        {
            "event": 1,
            "rule": "min_duration",
            "start": "00:00:00.000",
            "message": "lasts 13 frames (0.52 s); at least 0.833 s",
        }
    ]


def _json(client, path, body):
    return client.post(path, body, content_type="application/json")


def test_creates_go_through_the_services_and_answer_the_output_shape(production):
    from prodoffice.languages.models import Linguist, ProductionLanguage, WorkItem
    from tests.support.factories import PersonFactory

    client = bearer(office(production))
    language = _json(
        client,
        "/api/v1/production-languages/",
        {"production": "API", "language": "pt-BR", "kinds": ["subtitles"], "territories": ["BR"]},
    )
    assert language.status_code == 201, language.content
    assert language.json()["language"] == "pt-BR" and ProductionLanguage.objects.count() == 1
    unknown = _json(
        client, "/api/v1/production-languages/", {"production": "API", "language": "zz-qq"}
    )
    assert unknown.status_code == 400 and "language" in unknown.json()["error"]["fields"]
    person = PersonFactory(home_production=production)
    linguist = _json(
        client,
        "/api/v1/linguists/",
        {
            "production": "API",
            "person": str(person.public_id),
            "specialisms": ["subtitling"],
            "pairs": [{"source": "en", "target": "pt-BR", "years_experience": 7, "rate": "3.10"}],
        },
    )
    assert linguist.status_code == 201, linguist.content
    assert linguist.json()["pairs"][0]["rate"] == "3.10"
    work = _json(
        client,
        "/api/v1/language-work/",
        {
            "production": "API",
            "language": "pt-BR",
            "kind": "translation",
            "assignee": linguist.json()["id"],
        },
    )
    assert work.status_code == 201, work.content
    assert WorkItem.objects.get().assignee == Linguist.objects.get()
    bad = _json(
        client, "/api/v1/language-work/", {"production": "API", "language": "es", "kind": "x"}
    )
    assert bad.status_code == 400 and WorkItem.objects.count() == 1


def test_subtitle_uploads_as_multipart_or_base64_and_bad_files_keep_nothing(production):
    import base64

    from django.core.files.uploadedfile import SimpleUploadedFile

    from prodoffice.languages.models import SubtitleVersion

    client = bearer(office(production))
    data = srt((1000, 3000, "Hola."), (3000, 3100, "Adiós.")).encode("cp1252")
    upload = client.post(
        "/api/v1/subtitle-files/",
        {
            "production": "API",
            "language": "es",
            "name": "Main",
            "file": SimpleUploadedFile("m.srt", data),
        },
    )
    assert upload.status_code == 201, upload.content
    [version] = upload.json()["versions"]
    assert (version["encoding"], version["qc_counts"]["min_duration"]) == ("windows-1252", 1)
    again = _json(
        client,
        "/api/v1/subtitle-files/",
        {
            "production": "API",
            "language": "es",
            "name": "Main",
            "filename": "m2.srt",
            "content_base64": base64.b64encode(data).decode(),
        },
    )
    assert again.status_code == 201 and [v["number"] for v in again.json()["versions"]] == [2, 1]
    broken = client.post(
        "/api/v1/subtitle-files/",
        {
            "production": "API",
            "language": "es",
            "file": SimpleUploadedFile("b.srt", b"1\n00:00:01 --> 00:00:02\nx\n"),
        },
    )
    assert broken.status_code == 400 and "milliseconds" in broken.content.decode()
    nothing = _json(client, "/api/v1/subtitle-files/", {"production": "API", "language": "es"})
    assert nothing.status_code == 400 and "file" in nothing.json()["error"]["fields"]
    assert SubtitleVersion.objects.count() == 2


def test_dubbing_lines_import_and_sessions_book_post_rooms(production):
    import base64

    from prodoffice.languages.services import dubbing
    from prodoffice.post.models import Booking
    from prodoffice.post.tests.factories import stage

    client = bearer(office(production))
    line = _json(
        client,
        "/api/v1/dubbing-lines/",
        {"production": "API", "language": "de", "character": "NORA", "original": "Hello?"},
    )
    assert line.status_code == 201 and line.json()["number"] == 1
    csv = b"character,original,adapted\nNORA,Hello?,Hallo?\nELI,Bye,\n"
    imported = _json(
        client,
        "/api/v1/dubbing-lines/import/",
        {
            "production": "API",
            "language": "de",
            "filename": "s.csv",
            "content_base64": base64.b64encode(csv).decode(),
        },
    )
    assert imported.status_code == 201 and [r["character"] for r in imported.json()["lines"]] == [
        "NORA",
        "ELI",
    ]
    listed = client.get("/api/v1/dubbing-lines/?production=API&language=de").json()
    assert listed["count"] == 2
    cast = _json(
        client,
        "/api/v1/voice-roles/",
        {"production": "API", "language": "de", "character": "Nora"},
    )
    assert cast.status_code == 201, cast.content
    role = dubbing.VoiceRole.objects.get(pk=cast.json()["id"])
    room = stage(production, "Dub 1")
    body = {
        "voice_role": role.pk,
        "room": room.pk,
        "starts_at": "2027-03-01T09:00:00Z",
        "ends_at": "2027-03-01T12:00:00Z",
    }
    session = _json(client, "/api/v1/recording-sessions/", body)
    assert session.status_code == 201, session.content
    assert session.json()["booking"] == Booking.objects.get().pk
    clash = _json(client, "/api/v1/recording-sessions/", body)
    assert clash.status_code == 409 and f"#{Booking.objects.get().pk}" in clash.content.decode()
    moved = _json(
        client,
        f"/api/v1/recording-sessions/{session.json()['id']}/status/",
        {"status": "cancelled"},
    )
    assert moved.status_code == 200 and moved.json()["booking"] is None
    assert not Booking.objects.exists()


def test_a_multipart_replay_with_another_file_of_the_same_name_is_refused(production):
    """Idempotency-Key (F-08): an upload is fingerprinted by its content, not its file name."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from prodoffice.languages.models import SubtitleVersion

    client = bearer(office(production))
    key = {"Idempotency-Key": "upload-1"}

    def post(text: str):
        body = {
            "production": "API",
            "language": "es",
            "name": "Main",
            "file": SimpleUploadedFile("m.srt", srt((1000, 3000, text)).encode()),
        }
        return client.post("/api/v1/subtitle-files/", body, headers=key)

    first = post("Hola.")
    assert first.status_code == 201, first.content
    replay = post("Hola.")
    assert replay.status_code == 201 and replay["Idempotent-Replayed"] == "true"
    other = post("Adiós.")
    assert other.status_code == 422, other.content
    assert SubtitleVersion.objects.count() == 1
