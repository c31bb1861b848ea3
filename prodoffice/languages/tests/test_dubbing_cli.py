"""`prodoffice dubbing`: the same services as the web and the API, JSON on request, clear exits."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from prodoffice.languages.models import DubbingLine, RecordingSession
from prodoffice.languages.services import desk, dubbing
from prodoffice.post.models import Deliverable
from prodoffice.post.services import delivery
from prodoffice.post.tests.factories import stage
from tests.support.factories import ProductionFactory

pytestmark = pytest.mark.django_db


def run(*args) -> dict:
    out = StringIO()
    call_command("dubbing", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_import_export_book_and_link_deliverables(tmp_path):
    import datetime

    production = ProductionFactory(code="DUBCLI")
    source = tmp_path / "script.csv"
    source.write_text("character,original,adapted\nNORA,Hello?,Hallo?\n", encoding="utf-8")
    assert run("import", "DUBCLI", "--language", "de", "--file", str(source))["lines"] == 1
    out = tmp_path / "out.xlsx"
    assert run("export", "DUBCLI", "--language", "de", "--output", str(out))["lines"] == 1
    assert out.read_bytes()[:2] == b"PK"
    assert run("script", "DUBCLI", "--language", "de")["lines"][0]["adapted"] == "Hallo?"
    dubbing.voice_role_cast(actor=None, production=production, language="de", character="Nora")
    room = stage(production, "Dub 1")
    booked = run(
        "book", "DUBCLI", "--language", "de", "--character", "nora", "--room", str(room.pk),
        "--start", "2027-03-01T09:00+00:00", "--end", "2027-03-01T10:00+00:00",
    )  # fmt: skip
    assert booked["booking"] == RecordingSession.objects.get().booking_id
    delivery.schedule_create(
        actor=None, production=production, territory="Austria", due=datetime.date(2027, 9, 1)
    )
    desk.production_language_add(
        actor=None, production=production, language="de", kinds=["dubbing"], territories=["AT"]
    )
    [row] = run("deliverables", "DUBCLI", "--language", "de")["deliverables"]
    assert row["schedule"] == "Austria" and row["created"] is False  # added with the language
    assert Deliverable.objects.filter(kind="dubbed_version", language="de").count() == 1


def test_a_bad_script_exits_1_naming_the_line_and_keeps_nothing(tmp_path):
    ProductionFactory(code="DUBBAD")
    source = tmp_path / "script.csv"
    source.write_text("character,original\nNORA,Hi\n,Oops\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 3: character is empty") as exc:
        run("import", "DUBBAD", "--language", "de", "--file", str(source))
    assert exc.value.returncode == 1 and not DubbingLine.objects.exists()
    with pytest.raises(CommandError, match="needs --language") as exc:
        run("script", "DUBBAD")
    assert exc.value.returncode == 2


def test_languages_verbs_create_through_the_services(tmp_path):
    from prodoffice.languages.models import Linguist, SubtitleVersion, WorkItem
    from tests.support.factories import PersonFactory

    ProductionFactory(code="LNGCLI")
    PersonFactory(email="ana@example.org")
    out = StringIO()

    def lang(*args):
        out.seek(0), out.truncate()
        call_command("languages", *args, "--json", stdout=out)
        return json.loads(out.getvalue())

    assert lang("add", "LNGCLI", "--language", "es", "--kinds", "subtitles,sdh")["kinds"] == [
        "subtitles",
        "sdh",
    ]
    lang("linguist", "LNGCLI", "--email", "ana@example.org", "--pair", "en:es:12:4.50")
    assert Linguist.objects.get().pairs.get().years_experience == 12
    lang("work", "LNGCLI", "--language", "es", "--kind", "subtitles", "--due", "2027-05-01")
    assert str(WorkItem.objects.get().due_date) == "2027-05-01"
    path = tmp_path / "m.srt"
    path.write_bytes("1\n00:00:01,000 --> 00:00:03,000\nAdiós.\n".encode("cp1252"))
    assert lang("upload", "LNGCLI", str(path), "--language", "es")["encoding"] == "windows-1252"
    with pytest.raises(CommandError, match="language") as exc:
        lang("add", "LNGCLI", "--language", "xx-nope")
    assert exc.value.returncode == 1 and SubtitleVersion.objects.count() == 1
