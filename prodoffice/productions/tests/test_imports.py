"""Crew import service: CSV and XLSX, upsert by e-mail, all-or-nothing, line and field errors."""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from prodoffice.audit.models import AuditEvent
from prodoffice.people.models import Person
from prodoffice.productions.models import Engagement
from prodoffice.productions.services.imports import crew_import
from tests.support.factories import PersonFactory

pytestmark = pytest.mark.django_db

HEADER = "First Name,Last Name,E-mail,Phone,Position,Department,Status,Rate,Rate Unit,Currency"


def csv_bytes(*rows: str, header: str = HEADER, bom: bool = False) -> bytes:
    text = "\n".join([header, *rows]) + "\n"
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


def crew_rows(n: int, status: str = "prospect") -> list[str]:
    return [
        f"Crew{i},Member{i},crew{i}@import.test,+1 213 555 01{i % 100:02d},Grip,,{status},,,"
        for i in range(n)
    ]


def counts() -> tuple[int, int, int]:
    return Person.objects.count(), Engagement.objects.count(), AuditEvent.objects.count()


def test_csv_import_creates_people_and_engagements_with_inferred_departments(world):
    data = csv_bytes(
        "Alex,Morgan,alex@import.test,+1 213 555 0177,Gaffer,,offered,650,day,usd",
        "Sam,Lee,sam@import.test,,Boom,,confirmed,,,",
        "Jo,King,jo@import.test,,key grip,,,,,",
    )
    report = crew_import(actor=None, production=world.production, file=data)
    assert report.ok and report.applied, report.errors
    assert (report.people_created, report.engagements_created) == (3, 3)
    alex = Engagement.objects.get(person__email="alex@import.test")
    assert alex.position.department.slug == "lighting-grip"
    assert (alex.status, alex.rate, alex.currency) == ("offered", Decimal("650"), "USD")
    assert alex.person.phone == "+12135550177"
    sam = Engagement.objects.get(person__email="sam@import.test")
    assert (sam.position.title, sam.position.department.name) == ("Boom Operator", "Sound")
    assert Engagement.objects.get(person__email="jo@import.test").status == "prospect"
    event = AuditEvent.objects.get(action="crew.import")
    assert event.production_id == world.production.pk
    assert "3 of 3 rows" in event.message


def test_xlsx_import_with_typed_cells(world):
    wb = Workbook()
    ws = wb.active
    ws.append(["first_name", "last_name", "email", "position", "start_date", "end_date"])
    ws.append(["Kim", "Park", "kim@import.test", "Editor", datetime.date(2027, 4, 5), None])
    ws.append(["Lou", "Reed", "lou@import.test", "Supporting Actor", None, None])
    ws.append([])
    ws["G1"], ws["G3"] = "cast_number", 7
    buf = io.BytesIO()
    wb.save(buf)
    report = crew_import(actor=None, production=world.production, file=buf.getvalue())
    assert report.ok, report.errors
    kim = Engagement.objects.get(person__email="kim@import.test")
    assert kim.start_date == datetime.date(2027, 4, 5)
    assert kim.position.department.slug == "editorial"
    lou = Engagement.objects.get(person__email="lou@import.test")
    assert (lou.cast_number, lou.character) == (7, "")


def test_xlsx_cast_number_and_character_columns(world):
    wb = Workbook()
    wb.active.append(["First Name", "Last Name", "Email", "Position", "Cast Number", "Character"])
    wb.active.append(["Ana", "Lima", "ana@import.test", "Lead Actor", 1.0, "Nora"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    report = crew_import(actor=None, production=world.production, file=buf)
    assert report.ok, report.errors
    ana = Engagement.objects.get(person__email="ana@import.test")
    assert (ana.cast_number, ana.character) == (1, "Nora")


def test_upsert_by_email_updates_person_and_engagement(world):
    person = PersonFactory(email="Alex@Import.test", first_name="Al", last_name="Morgan")
    first = csv_bytes("Al,Morgan,alex@import.test,,Gaffer,,prospect,500,day,USD")
    crew_import(actor=None, production=world.production, file=first)
    second = csv_bytes("Alex,Morgan,ALEX@IMPORT.TEST,+1 213 555 0177,Gaffer,,offered,550,day,USD")
    report = crew_import(actor=None, production=world.production, file=second)
    assert report.ok, report.errors
    assert (report.people_created, report.people_updated) == (0, 1)
    assert (report.engagements_created, report.engagements_updated) == (0, 1)
    person.refresh_from_db()
    assert (person.first_name, person.phone) == ("Alex", "+12135550177")
    engagement = Engagement.objects.get(person=person)
    assert (engagement.rate, engagement.status) == (Decimal("550"), "offered")
    again = crew_import(actor=None, production=world.production, file=second)
    assert again.unchanged == 1


def test_one_bad_row_among_200_changes_nothing(world):
    rows = crew_rows(200)
    rows[12] = "Bad,Phone,bad@import.test,+1 555,Grip,,prospect,,,"  # line 14 of the file
    before = counts()
    report = crew_import(actor=None, production=world.production, file=csv_bytes(*rows))
    assert not report.applied
    assert counts() == before
    assert [str(e) for e in report.errors] == [
        'line 14, phone (column D): "+1 555" is not a valid phone number'
    ]


def test_skip_invalid_imports_the_valid_rows(world):
    rows = crew_rows(30)
    rows[12] = "Bad,Phone,bad@import.test,+1 555,Grip,,prospect,,,"
    report = crew_import(
        actor=None, production=world.production, file=csv_bytes(*rows), skip_invalid=True
    )
    assert report.applied and report.imported == 29
    assert [(e.line, e.field) for e in report.errors] == [(14, "phone")]
    assert Engagement.objects.filter(person__email__endswith="@import.test").count() == 29


def test_service_refusal_of_a_row_is_reported_and_rolled_back(world):
    # prospect -> confirmed skips "offered": the transition table refuses it, on that line.
    crew_import(actor=None, production=world.production, file=csv_bytes(*crew_rows(2)))
    rows = crew_rows(2, status="confirmed")
    report = crew_import(actor=None, production=world.production, file=csv_bytes(*rows))
    assert {(e.line, e.field) for e in report.errors} == {(2, "status"), (3, "status")}
    assert not Engagement.objects.filter(status="confirmed", person__email__endswith="import.test")


def test_every_problem_of_a_row_is_named(world):
    data = csv_bytes(
        ",Lee,not-an-email,,Wizard,,maybe,12.345,,",
        "Jo,King,jo@import.test,,Grip,Sound,,,,",
        "Mo,Ray,mo@import.test,,Grip,,,400,day,",
        header=HEADER,
    )
    report = crew_import(actor=None, production=world.production, file=data)
    found = {(e.line, e.field) for e in report.errors}
    assert {(2, "first_name"), (2, "email"), (2, "position"), (2, "status")} <= found
    assert (3, "position") in found  # Grip is not a Sound position
    assert (4, "currency") in found  # a rate without a currency
    assert counts()[1] == 3


def test_end_before_start_and_cast_number_rules(world):
    header = "first_name,last_name,email,position,start_date,end_date,cast_number"
    data = csv_bytes(
        "A,One,a1@import.test,Grip,2027-05-01,2027-04-01,",
        "B,Two,b2@import.test,Grip,,,3",
        "C,Three,c3@import.test,Day Player,,,4",
        "D,Four,d4@import.test,Day Player,,,4",
        "E,Five,e5@import.test,Grip,01/05/2027,,",
        header=header,
    )
    report = crew_import(actor=None, production=world.production, file=data)
    errors = {(e.line, e.field) for e in report.errors}
    assert errors == {(2, "end_date"), (3, "cast_number"), (5, "cast_number"), (6, "start_date")}


def test_same_person_twice_in_one_position_is_refused(world):
    data = csv_bytes("A,One,a@import.test,,Grip,,,,,", "A,One,A@import.test,,Grip,,,,,")
    report = crew_import(actor=None, production=world.production, file=data)
    assert [(e.line, e.field) for e in report.errors] == [(3, "position")]


def test_dry_run_counts_but_saves_nothing(world):
    before = counts()
    report = crew_import(
        actor=None, production=world.production, file=csv_bytes(*crew_rows(3)), dry_run=True
    )
    assert report.ok and not report.applied
    assert report.engagements_created == 3
    assert counts() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV or XLSX file"),
        (b"%PDF-1.7\n\xe2\xe3\xcf\xd3\n1 0 obj", "not a CSV or XLSX file"),
        (
            "first_name,last_name,email,position\nJos\xe9,A,j@x.test,Grip\n".encode("latin-1"),
            "UTF-8",
        ),
        (b"Dear office, here are the crew.\nBest, Jo\n", "not a crew list"),
    ],
)
def test_files_that_are_not_crew_lists_are_refused(world, data, message):
    before = counts()
    report = crew_import(actor=None, production=world.production, file=data)
    assert not report.ok and report.errors[0].field == "file"
    assert report.errors[0].line is None
    assert message in report.errors[0].message
    assert counts() == before


def test_a_zip_that_is_not_a_workbook_is_refused(world):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    report = crew_import(actor=None, production=world.production, file=buf.getvalue())
    assert "not a CSV or XLSX file" in report.errors[0].message


def test_bom_and_semicolons_are_read(world):
    data = "\ufefffirst_name;last_name;email;position\nAna;Lima;ana@import.test;Gaffer\n".encode()
    report = crew_import(actor=None, production=world.production, file=data)
    assert report.ok, report.errors
    assert Person.objects.filter(email="ana@import.test").exists()


def test_import_is_for_the_office(world):
    with pytest.raises(PermissionDenied):
        crew_import(actor=world.head, production=world.production, file=csv_bytes(*crew_rows(1)))
    report = crew_import(
        actor=world.office, production=world.production, file=csv_bytes(*crew_rows(1))
    )
    assert report.ok
    assert AuditEvent.objects.get(action="crew.import").actor == world.office


def test_office_does_not_rewrite_another_productions_person(world):
    stranger = world.other_engagement.person
    row = f"Renamed,Person,{stranger.email},,Grip,,,,,"
    report = crew_import(actor=world.office, production=world.production, file=csv_bytes(row))
    assert report.ok, report.errors
    stranger.refresh_from_db()
    assert stranger.first_name != "Renamed"
    assert Engagement.objects.filter(person=stranger, production=world.production).exists()


def test_cast_number_held_in_the_database_is_refused(world):
    header = "first_name,last_name,email,position,cast_number"
    crew_import(
        actor=None,
        production=world.production,
        file=csv_bytes("A,One,a@import.test,Lead Actor,1", header=header),
    )
    report = crew_import(
        actor=None,
        production=world.production,
        file=csv_bytes("B,Two,b@import.test,Lead Actor,1", header=header),
    )
    assert [(e.line, e.field) for e in report.errors] == [(2, "cast_number")]


def test_progress_is_reported_per_row(world):
    calls = []
    crew_import(
        actor=None,
        production=world.production,
        file=csv_bytes(*crew_rows(3)),
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_department_column_by_name_or_slug_and_multiline_cells_keep_line_numbers(world):
    data = (
        b"first_name,last_name,email,position,department,notes\n"
        b'Jo,King,jo@import.test,Key Grip,Lighting and Grip,"two\nlines"\n'
        b"Sam,Lee,sam@import.test,Boom Operator,sound,\n"
        b"Mo,Ray,mo@import.test,Boom Operator,Catering,\n"
    )
    report = crew_import(actor=None, production=world.production, file=data)
    assert [str(e) for e in report.errors] == [
        'line 5, department (column E): "Catering" is not a department'
    ]
    report = crew_import(actor=None, production=world.production, file=data.rsplit(b"Mo,", 1)[0])
    assert report.ok, report.errors
    jo = Engagement.objects.get(person__email="jo@import.test")
    assert (jo.position.title, jo.notes) == ("Key Grip", "two\nlines")


def test_every_problem_of_the_file_is_reported_in_one_pass(world):
    data = csv_bytes(
        "Ana,Lima,ana@import.test,Boom Op,19.5,confirmed",
        "Bo,,bo@import.test,Astronaut,20,maybe",
        header="First Name,Last Name,E-mail,Position,Salary,Status,Salary",
    )
    report = crew_import(actor=None, production=world.production, file=data)
    assert not report.ok and not report.applied
    assert [str(e) for e in report.errors] == [
        "line 1, Salary (column E): unknown column 'Salary' "
        + "(columns: first_name, last_name, email, position, phone, department, status, "
        + "start_date, end_date, rate, rate_unit, currency, cast_number, character, "
        + "years_experience, notes, engagement_id)",
        "line 1, Salary (column G): unknown column 'Salary' "
        + report.errors[0].message.split("'Salary' ")[1],
        "line 3, last_name (column B): is required",
        'line 3, status (column F): "maybe" is not a status '
        + "(prospect, offered, confirmed, wrapped, released)",
        'line 3, position (column D): "Astronaut" is not a position of the catalogue',
    ]
    assert [(o.line, o.outcome) for o in report.outcomes] == [(2, "new"), (3, "refused")]
    assert (report.valid, report.imported, report.engagements_created) == (1, 0, 0)
    assert counts()[1] == 3


def test_a_missing_column_is_named_once_and_skip_invalid_saves_nothing(world):
    data = csv_bytes(
        "Ana,ana@import.test,Grip", "Bo,bo@import.test,Grip", header="first,email,position"
    )
    report = crew_import(actor=None, production=world.production, file=data, skip_invalid=True)
    assert not report.applied and not report.columns_ok
    assert {(e.line, e.field) for e in report.errors} == {
        (1, "first"),
        (1, "first_name"),
        (1, "last_name"),
    }
    assert counts()[1] == 3


@pytest.mark.parametrize(
    ("spelling", "title"),
    [
        ("Boom Op", "Boom Operator"),
        ("1st AC", "1st Assistant Camera"),
        ("First AC", "1st Assistant Camera"),
        ("2nd AD", "2nd Assistant Director"),
        ("Key Grip", "Key Grip"),
        ("BB Grip", "Best Boy Grip"),
        ("DIT", "DIT"),
        ("Digital Imaging Tech", "DIT"),
        ("Camera Op", "Camera Operator"),
        ("Sound Recordist", "Production Sound Mixer"),
        ("Scripty", "Script Supervisor"),
    ],
)
def test_the_trades_spellings_of_positions_are_known(world, spelling, title):
    row = f"Ana,Lima,ana@import.test,,{spelling},,,,,"
    report = crew_import(actor=None, production=world.production, file=csv_bytes(row))
    assert report.ok, report.errors
    assert Engagement.objects.get(person__email="ana@import.test").position.title == title
