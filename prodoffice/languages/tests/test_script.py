"""Dubbing scripts: lines by hand, CSV and XLSX imports that name the bad line and keep nothing,
exports that import again unchanged."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prodoffice.audit.models import AuditEvent
from prodoffice.languages import script_io
from prodoffice.languages.models import DubbingLine
from prodoffice.languages.services import script
from tests.support.factories import ProductionFactory

from .factories import crew, office

pytestmark = pytest.mark.django_db

CSV = (
    "Line,Scene,Character,Original,Adapted,In,Out\n"
    "1,12,NORA,Is anyone here?,Ist hier jemand?,01:00:10:05,01:00:12:00\n"
    '2,12,ELI,"=Not if, I find it",,,\n'
)


@pytest.fixture
def production():
    return ProductionFactory(code="DUB")


@pytest.fixture
def coord(production):
    return office(production)


def _lines(production, language="de"):
    return list(DubbingLine.objects.filter(production=production, language=language))


def test_csv_import_replaces_the_script_and_exports_round_trip(production, coord):
    script.dubbing_line_add(
        actor=coord, production=production, language="de", character="OLD", original="Gone."
    )
    created = script.dubbing_script_import(
        actor=coord, production=production, language="de", filename="s.csv", data=CSV.encode()
    )
    assert len(created) == 2
    first, second = _lines(production)
    assert (first.character, first.adapted, first.tc_in) == (
        "NORA",
        "Ist hier jemand?",
        "01:00:10:05",
    )
    assert (second.original, second.adapted, second.tc_out) == ("=Not if, I find it", "", "")
    exported = script_io.export_csv(_lines(production))
    assert b"'=Not if" in exported  # defused for spreadsheets ...
    again = script_io.parse_script(exported, "again.csv")
    assert again[1].original == "=Not if, I find it"  # ... and taken back on import
    xlsx = script_io.export_xlsx(_lines(production))
    assert [r.character for r in script_io.parse_script(xlsx, "s.xlsx")] == ["NORA", "ELI"]
    assert AuditEvent.objects.filter(action="dubbing.import").count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"Character,Scene\nNORA,1\n", "line 1: the header lacks original"),
        (b"Character,Original\nNORA,Hi\n,Hello\n", "line 3: character is empty"),
        (b"Character,Original,In\nNORA,Hi,1:00\n", "line 2: '1:00' is not a timecode"),
        (b"Character,Original,In,Out\nA,Hi,00:00:02:00,00:00:01:00\n", "line 2: the out"),
        (b"#,Character,Original\n1,A,Hi\n1,B,Yo\n", "line 3: number 1 is also on line 2"),
        (b"\x00\xff\x00binary", "not UTF-8"),
        (b"PK\x03\x04broken", "Not a readable XLSX"),
    ],
)
def test_a_bad_file_is_refused_naming_the_line_and_the_old_script_stays(
    production, coord, data, message
):
    script.dubbing_line_add(
        actor=coord, production=production, language="de", character="OLD", original="Kept."
    )
    with pytest.raises(ValidationError, match=message):
        script.dubbing_script_import(
            actor=coord, production=production, language="de", filename="s.csv", data=data
        )
    assert [x.original for x in _lines(production)] == ["Kept."]


def test_lines_by_hand_number_themselves_and_check_their_fields(production, coord):
    add = script.dubbing_line_add
    add(actor=coord, production=production, language="de", character="A", original="One")
    line = add(
        actor=coord,
        production=production,
        language="de",
        character="B",
        original="Two",
        tc_in="00:00:01,500",
    )
    assert (line.number, line.tc_in) == (2, "00:00:01.500")
    with pytest.raises(ValidationError, match="already exists"):
        add(
            actor=coord, production=production, language="de", number=2, character="C", original="x"
        )
    with pytest.raises(ValidationError, match="language"):
        add(actor=coord, production=production, language="xx-nope", character="C", original="x")
    with pytest.raises(ValidationError, match="original"):
        add(actor=coord, production=production, language="de", character="C", original=" ")
    with pytest.raises(PermissionDenied):
        add(
            actor=crew(production),
            production=production,
            language="de",
            character="C",
            original="x",
        )
    assert len(_lines(production)) == 2
