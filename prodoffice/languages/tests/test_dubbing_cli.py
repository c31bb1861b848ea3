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
