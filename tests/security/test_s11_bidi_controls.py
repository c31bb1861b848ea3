"""S-11 hostile input: bidirectional control characters (issue 11, item 8).

U+202A-U+202E and U+2066-U+2069 reorder the text around them ("Trojan Source"). They are refused
in names and identifiers on every interface (the field named), and shown as visible markers in
free text on pages and in PDFs, so a clause never reads reversed in a contract.
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from pypdf import PdfReader

from prodoffice.contracts.rendering import contract_pdf
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
