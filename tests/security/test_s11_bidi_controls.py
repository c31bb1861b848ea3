"""S-11 hostile input: bidirectional control characters (issue 11, item 8).

U+202A-U+202E and U+2066-U+2069 reorder the text around them ("Trojan Source"). They are refused
in names and identifiers on every interface (the field named), and shown as visible markers in
free text on pages and in PDFs, so a clause never reads reversed in a contract.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from pypdf import PdfReader

from prodoffice.contracts.rendering import contract_pdf
from prodoffice.contracts.tests.conftest import _rsa_key, office_seal  # noqa: F401
from prodoffice.contracts.tests.helpers import draft
from prodoffice.core.text import (
    BIDI_CONTROLS,
    neutralise,
    refuse_bidi_controls,
    refuse_bidi_in_identifier,
)
from prodoffice.people import services as people
from prodoffice.people.forms import PersonForm
from prodoffice.people.models import Person
from prodoffice.scheduling.tests.scripts_for_tests import FDX

pytestmark = pytest.mark.django_db

RLO, PDF = "\u202e", "\u202c"
#: Stored in this order, an override makes it display as "The fee is 500 per day only."
CLAUSE = f"The fee is {RLO}yad rep 005{PDF} only."


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_s11_bidi_override_in_a_clause_prints_in_logical_order_with_its_marker(world):
    """The contract PDF shows the clause as stored, the controls as visible markers, never the
    reordered reading."""
    contract = draft(world, clauses=CLAUSE)
    text = _pdf_text(contract_pdf(contract)[0])
    assert "The fee is [U+202E]yad rep 005[U+202C] only." in text, text
    assert "500 per day" not in text
    assert not BIDI_CONTROLS & set(text)


def _own_person_form(world, **changes) -> dict:
    """The crew member's own profile form as the edit page fills it, with `changes`."""
    person = Person.objects.get(pk=world.person_a.pk)
    form = PersonForm(instance=person, private=True)
    data = {
        name: form[name].value()
        for name in form.fields
        if form[name].value() not in (None, "") and not isinstance(form[name].value(), list)
    }
    return {**data, **changes}


def test_s11_crew_cannot_put_a_bidi_override_in_their_own_name_on_the_web(world):
    client = Client()
    client.force_login(world.crew_a)
    url = f"/p/{world.production.code}/people/{world.person_a.public_id}/edit/"
    assert client.get(url).status_code == 200
    before = Person.objects.get(pk=world.person_a.pk).first_name
    response = client.post(url, _own_person_form(world, first_name=f"{RLO}anirdA"))
    assert response.status_code in (200, 422)
    form = response.context["form"]
    assert "first_name" in form.errors, form.errors
    assert "U+202E" in form.errors["first_name"][0]
    assert Person.objects.get(pk=world.person_a.pk).first_name == before


def test_s11_crew_cannot_put_a_bidi_override_in_their_own_name_over_the_api(world, api):
    before = Person.objects.get(pk=world.person_a.pk).last_name
    response = api["crew_a"].patch(
        f"/api/v1/people/{world.person_a.public_id}/",
        {"last_name": f"Canary\u2067{RLO}"},
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    fields = response.json()["error"]["fields"]
    assert "last_name" in fields and "U+2067" in fields["last_name"][0], fields
    assert Person.objects.get(pk=world.person_a.pk).last_name == before


@pytest.mark.parametrize(
    "create, field",
    [
        (lambda w, v: people.person_create(actor=None, first_name=v, last_name="X"), "first_name"),
        (lambda w, v: people.company_create(actor=None, name=v, kind="agency"), "name"),
        (
            lambda w, v: __import__(
                "prodoffice.scheduling.services.boards", fromlist=["board_create"]
            ).board_create(actor=w.office, production=w.production, name=v),
            "name",
        ),
        (
            lambda w, v: __import__(
                "prodoffice.locations.services", fromlist=["location_create"]
            ).location_create(actor=None, production=w.production, name=v),
            "name",
        ),
    ],
    ids=["person", "company", "board", "location"],
)
def test_s11_names_refuse_bidi_controls_in_the_services(create, field, world):
    """The services every interface calls refuse the control, under the field's name."""
    with pytest.raises(ValidationError) as refused:
        create(world, "Mill \u2066Road\u2069")
    assert field in refused.value.message_dict
    assert "U+2066" in refused.value.message_dict[field][0]


def test_s11_crew_import_refuses_a_bidi_name_with_the_row_and_field(world):
    from prodoffice.productions.services.imports import crew_import

    data = (
        f"first_name,last_name,email,position\nAnn,{RLO}eeL,ann.lee@example.org,Grip\n"
    ).encode()
    report = crew_import(actor=None, production=world.production, file=data)
    assert not report.applied
    error = next(e for e in report.errors if "U+202E" in e.message)
    assert error.line == 2 and error.field == "last_name", error
    assert not Person.objects.filter(email="ann.lee@example.org").exists()


def test_s11_free_text_shows_bidi_controls_as_markers_on_another_persons_screen(world):
    """A crew member's bio with an override reaches the office's page neutralised."""
    people.person_update(actor=world.crew_a, person=world.person_a, bio=f"Rigger {RLO}ylno")
    client = Client()
    client.force_login(world.office)
    page = client.get(f"/p/{world.production.code}/people/{world.person_a.public_id}/")
    body = page.content.decode()
    assert "Rigger [U+202E]ylno" in body
    assert not BIDI_CONTROLS & set(body)


def test_s11_marks_are_allowed_in_names_refused_in_identifiers():
    """U+200F (right-to-left mark) cannot reorder a run: allowed in a name, not in a username."""
    refuse_bidi_controls("\u05d3\u05e0\u05d4 \u200f(Dana)")
    with pytest.raises(ValidationError, match="U\\+200F"):
        refuse_bidi_in_identifier("dana\u200f")
    assert neutralise("a\u202db\u2069c") == "a[U+202D]b[U+2069]c"


@pytest.mark.parametrize(
    "filename, text, part",
    [
        (f"draft{RLO}txt.fountain", b"INT. MILL - DAY\n\nRain.\n", "The file name"),
        ("draft.fountain", f"Title: Night{RLO}jar\n\nINT. MILL - DAY\n\nRain.\n".encode(), "title"),
    ],
    ids=["file-name", "title-page"],
)
def test_s11_script_import_refuses_a_bidi_file_name_or_title(filename, text, part, world):
    """An uploaded script's file name and title page are names: refused on the file field."""
    from prodoffice.scheduling.models import Script
    from prodoffice.scheduling.services.script import script_import

    with pytest.raises(ValidationError) as refused:
        script_import(actor=None, production=world.production, filename=filename, data=text)
    message = refused.value.message_dict["file"][0]
    assert part in message and "U+202E" in message, message
    assert not Script.objects.filter(production=world.production).exists()


# --- Imports that write rows in bulk: USS schedules and scripts ---------------------------------

#: A small valid USS document: a set, a cast member with a board ID, a board, a holiday.
USS = {
    "version": "1.0",
    "name": "Nightjar",
    "breakdowns": [
        {"id": "b1", "type": "scene", "scene": "1", "pages": 1, "elements": ["s1", "c1"]}
    ],
    "categories": [
        {"id": "k0", "name": "Set", "ucid": 0, "elements": ["s1"]},
        {"id": "k1", "name": "Cast Members", "ucid": 100, "elements": ["c1"]},
    ],
    "elements": [{"id": "s1", "name": "DOCKS"}, {"id": "c1", "name": "MARA", "elementId": "1"}],
    "stripboards": [
        {"id": "sb1", "name": "Main", "calendar": "cal",
         "boards": [{"id": "sb1-main", "name": "stripboard", "breakdownIds": ["b1"]}]}
    ],
    "calendars": [
        {"id": "cal", "name": "Shoot", "events": [
            {"id": "e0", "date": "2027-03-01", "type": "start", "name": "Start"},
            {"id": "e1", "date": "2027-03-03", "type": "dayOff", "name": "Feast"},
        ]}
    ],
}  # fmt: skip


def _uss(path: str, value: str) -> str:
    """USS with the value at `path` ("elements.1.name") replaced."""
    data = json.loads(json.dumps(USS))
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    target = data
    for key in parents:
        target = target[key]
    target[last] = value
    return json.dumps(data, ensure_ascii=False)


def _nothing_imported(production) -> None:
    from prodoffice.scheduling.models import (
        Board,
        BreakdownCategory,
        CalendarDay,
        Element,
        Scene,
        Script,
    )

    assert not Script.objects.filter(production=production).exists()
    assert not Scene.objects.filter(script__production=production).exists()
    assert not Element.objects.filter(production=production).exists()
    assert not BreakdownCategory.objects.filter(production=production).exists()
    assert not Board.objects.filter(production=production).exists()
    assert not CalendarDay.objects.filter(calendar__production=production).exists()


def test_s11_uss_import_of_the_valid_document_writes_it(world):
    """The control case: the document the refusals below alter imports whole."""
    from prodoffice.scheduling.models import Board, CalendarDay, Element
    from prodoffice.scheduling.services.interchange import uss_import

    report = uss_import(actor=None, production=world.other, data=json.dumps(USS), filename="n.uss")
    assert report.boards == ["Main"] and report.calendar
    assert Element.objects.get(production=world.other, name="MARA").board_id == "1"
    assert Board.objects.filter(production=world.other, name="Main").exists()
    assert CalendarDay.objects.get(calendar__production=world.other).name == "Feast"


@pytest.mark.parametrize(
    "path, value, where",
    [
        ("stripboards.0.name", f"Main{RLO}", "stripboards[0].name"),
        ("elements.1.name", f"{RLO}ARAM", "elements[1].name"),  # a cast name
        ("elements.0.name", "DOCKS \u2067WEST\u2069", "elements[0].name"),  # a set name
        ("elements.1.elementId", "1\u200f", "elements[1].elementId"),  # an identifier: marks too
        ("categories.1.name", f"Cast{RLO}", "categories[1].name"),
        ("breakdowns.0.scene", f"1{RLO}A", "breakdowns[0].scene"),
        ("breakdowns.0.id", f"b{RLO}1", "breakdowns[0].id"),
        ("name", f"Night{RLO}jar", "header.name"),
        ("calendars.0.events.1.name", f"{RLO}tsaeF", "calendars[0].events[1].name"),
    ],
    ids=["board", "cast", "set", "element-id", "category", "scene", "record-id", "title", "day"],
)
def test_s11_uss_import_refuses_bidi_names_and_identifiers_naming_record_and_field(
    path, value, where, world
):
    from prodoffice.scheduling.services.interchange import uss_import

    data = _uss(path, value)
    if path == "breakdowns.0.id":  # the board lists the scene by its id
        data = data.replace('"breakdownIds": ["b1"]', f'"breakdownIds": ["b{RLO}1"]')
    with pytest.raises(ValidationError) as refused:
        uss_import(actor=None, production=world.other, data=data, filename="n.uss")
    messages = refused.value.message_dict["file"]
    assert any(m.startswith(f"{where}: ") and "U+" in m for m in messages), messages
    _nothing_imported(world.other)


def test_s11_uss_import_names_every_bidi_problem_of_the_file_at_once(world):
    from prodoffice.scheduling.services.interchange import uss_import

    data = json.loads(_uss("elements.1.name", f"MA{RLO}RA"))
    data["stripboards"][0]["name"] = f"Main{PDF}"
    with pytest.raises(ValidationError) as refused:
        uss_import(actor=None, production=world.other, data=json.dumps(data), filename="n.uss")
    messages = refused.value.message_dict["file"]
    assert [m.split(":")[0] for m in messages] == ["elements[1].name", "stripboards[0].name"]
    assert "U+202E" in messages[0] and "U+202C" in messages[1]
    _nothing_imported(world.other)


SCRIPT = """Title: The Letter

INT. FLAT - NIGHT

Ann opens the envelope.

ANN
It's from him.

EXT. STREET - DAY

BEN
Burn it.
"""


@pytest.mark.parametrize(
    "filename, text, where",
    [
        ("l.fountain", SCRIPT.replace("BEN\n", f"B{RLO}EN\n"), "line 12, scene 2: the character"),
        ("l.fountain", SCRIPT.replace("EXT. STREET", f"EXT. {RLO}TEERTS"), "line 10, scene 2: "
         "the scene heading"),
        ("l.fdx", FDX.replace('Number="5"', 'Number="5\u2066"'), "line 8, scene 5[U+2066]: the "
         "scene number"),
    ],
    ids=["character", "heading", "fdx-scene-number"],
)  # fmt: skip
def test_s11_script_import_refuses_bidi_names_with_the_line_and_writes_nothing(
    filename, text, where, world
):
    from prodoffice.scheduling.models import Element, Scene, Script
    from prodoffice.scheduling.services.script import script_import

    with pytest.raises(ValidationError) as refused:
        script_import(
            actor=None, production=world.production, filename=filename, data=text.encode()
        )
    messages = refused.value.message_dict["file"]
    assert any(m.startswith(where) and "U+" in m for m in messages), messages
    assert not BIDI_CONTROLS & set("".join(messages)), "the message itself shows markers"
    assert not Script.objects.filter(production=world.production).exists()
    assert not Scene.objects.filter(script__production=world.production).exists()
    assert not Element.objects.filter(production=world.production).exists()


def test_s11_script_import_of_the_clean_script_writes_its_cast(world):
    """The control case: the same script without controls imports, BEN a cast element."""
    from prodoffice.scheduling.models import Element
    from prodoffice.scheduling.services.script import script_import

    report = script_import(
        actor=None, production=world.production, filename="l.fountain", data=SCRIPT.encode()
    )
    assert report.scenes == 2 and report.speaking_characters == ["ANN", "BEN"]
    assert Element.objects.filter(production=world.production, name="BEN").exists()


# --- Plain text: e-mails and calendar feeds ------------------------------------------------------


def _legacy_titles(world, contract=None) -> None:
    """Titles stored before names refused controls (an old row, never edited since)."""
    from prodoffice.contracts.models import Contract
    from prodoffice.productions.models import Production

    Production.objects.filter(pk=world.production.pk).update(title=f"Night{RLO}jar")
    if contract is not None:
        Contract.objects.filter(pk=contract.pk).update(title=f"Deal {RLO}omem")


def test_s11_signing_mails_show_bidi_controls_as_markers(world):
    from django.core import mail
    from django.test import TestCase

    from prodoffice.contracts.services import sending

    contract = draft(world)
    _legacy_titles(world, contract)
    contract.refresh_from_db()
    mail.outbox = []
    with TestCase.captureOnCommitCallbacks(execute=True):
        sending.contract_send(actor=world.office, contract=contract)
    assert len(mail.outbox) == 4, [m.subject for m in mail.outbox]
    link = next(m for m in mail.outbox if "please sign" in m.subject)
    assert link.subject.startswith("Night[U+202E]jar: please sign")
    assert "“Deal [U+202E]omem”" in link.body
    for message in mail.outbox:
        assert not BIDI_CONTROLS & set(message.subject + message.body), message.subject


@pytest.mark.usefixtures("office_seal")
def test_s11_executed_copy_mail_shows_bidi_controls_as_markers(
    world, django_capture_on_commit_callbacks
):
    from django.core import mail

    from prodoffice.contracts.models import ContractParty
    from prodoffice.contracts.services import copies, countersign
    from prodoffice.contracts.tests.helpers import otp_code, sent, sign_all

    contract = sign_all(world, sent(world))
    with django_capture_on_commit_callbacks(execute=True):
        countersign.contract_countersign(
            actor=world.office, contract=contract, otp_code=otp_code(world.office)
        )
    _legacy_titles(world, contract)
    ContractParty.objects.filter(contract=contract).update(copy_mailed_at=None)
    mail.outbox = []
    assert copies.contract_mail_copies(contract_id=contract.pk) == 2
    for message in mail.outbox:
        assert message.subject.startswith("Night[U+202E]jar: ")
        assert "“Deal [U+202E]omem”" in message.body
        assert not BIDI_CONTROLS & set(message.subject + message.body)


def test_s11_calendar_feed_shows_bidi_controls_as_markers(world):
    import icalendar

    from prodoffice.scheduling.ical import production_calendar
    from prodoffice.scheduling.models import Scene
    from prodoffice.scheduling.tests.test_dood_selector import build_schedule

    build_schedule(world.production)
    _legacy_titles(world)
    Scene.objects.filter(script__production=world.production, number="1").update(
        set_name=f"SET {RLO}ENO"
    )
    world.production.refresh_from_db()
    data = production_calendar(world.production).to_ical()
    assert not BIDI_CONTROLS & set(data.decode())
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]) == "Night[U+202E]jar shoot days"
    first = next(iter(cal.walk("VEVENT")))
    assert str(first["SUMMARY"]) == "Day 1 - Night[U+202E]jar"
    assert "SET [U+202E]ENO" in str(first["LOCATION"])
    assert "SET [U+202E]ENO" in str(first["DESCRIPTION"])


# --- Other names written without a model form ----------------------------------------------------


def test_s11_other_names_refuse_bidi_controls(world):
    """A cast character, a board ID, a calendar day's name, a signer's typed name, a credit."""
    import datetime

    from prodoffice.contracts.services import signing
    from prodoffice.contracts.tests.helpers import login_access, party_of, sent
    from prodoffice.productions.services.engagements import engagement_update
    from prodoffice.scheduling.services.calendar import calendar_set

    with pytest.raises(ValidationError) as refused:
        engagement_update(actor=world.office, engagement=world.engagement_a, character=f"{RLO}nA")
    assert "U+202E" in refused.value.message_dict["character"][0]
    with pytest.raises(ValidationError) as refused:
        calendar_set(
            actor=None, production=world.production, start_date=datetime.date(2027, 3, 1),
            working_weekdays=range(5),
            exceptions=[(datetime.date(2027, 3, 3), "holiday", f"{RLO}tsaeF")],
        )  # fmt: skip
    assert "2027-03-03" in refused.value.message_dict["exceptions"][0]
    with pytest.raises(ValidationError) as refused:
        people.credit_add(
            actor=world.crew_a, person=world.person_a, title=f"{RLO}X", year=2020, position="Grip"
        )
    assert "title" in refused.value.message_dict
    contract = sent(world)
    ada = party_of(contract, "ada@example.org")
    for step in (signing.party_consent, signing.party_view):
        step(access=login_access(world.crew_a), party=ada)
    with pytest.raises(ValidationError) as refused:
        signing.party_sign(
            access=login_access(world.crew_a), party=ada, typed_name=f"Ada {RLO}yranaC"
        )
    assert "U+202E" in refused.value.message_dict["typed_name"][0]
    ada.refresh_from_db()
    assert ada.typed_name == "" and ada.signed_at is None


def test_s11_contracts_import_refuses_a_bidi_title_with_the_row_and_column(world):
    """The contracts import drafts through `contract_create`: its full_clean names the row."""
    from prodoffice.contracts.importer import contracts_import
    from prodoffice.contracts.models import Contract

    header = "Type,Title,Party email,Rate,Rate unit,Currency,Start date,End date,Kit rental\n"
    rows = f"crew,Good row,{world.person_a.email},450,day,USD,,,\n"
    rows += f"crew,Deal {RLO}omem,{world.person_a.email},450,day,USD,,,\n"
    report = contracts_import(
        actor=world.office, production=world.production, file=(header + rows).encode()
    )
    assert not report.applied and report.imported == 0
    error = next(e for e in report.errors if "U+202E" in e.message)
    assert (error.line, error.field) == (3, "title"), report.errors
    assert not Contract.objects.filter(production=world.production).exists()
