"""Universal Schedule Standard: round trips and validation, on files written here."""

import copy
import json
from datetime import date
from decimal import Decimal

import pytest

from prodoffice.scheduling.engine import import_script
from prodoffice.scheduling.engine.eighths import pages_to_eighths
from prodoffice.scheduling.engine.uss import UssError, dumps, from_uss, loads, to_uss
from prodoffice.scheduling.engine.uss_script import script_to_uss

FILE = {
    "id": "sched-1", "author": "1st AD", "company": "Test Films", "created": "2026-01-05T10:00:00Z",
    "episode": 3, "episodeName": "Pilot", "description": "Shooting schedule", "name": "Test",
    "project": "TEST", "schedColor": "White", "schedDate": "2026-01-05", "scriptColor": "Blue",
    "scriptDate": "2026-01-02", "season": 1, "source": "prodoffice", "version": "1.0",
    "breakdowns": [
        {"id": "b1", "type": "scene", "scene": "1", "scriptPage": "1", "pages": 1.5,
         "time": 90000, "description": "Mary cooks", "comments": "rain cover", "created": "",
         "elements": ["set-kitchen", "int", "day", "mary"], "_prodoffice": {"strip": 7}},
        {"id": "b2", "type": "day", "scene": "", "scriptPage": "", "pages": 0, "time": 0,
         "description": "End of day 1", "comments": "", "created": "", "elements": []},
        {"id": "b3", "type": "banner", "scene": "", "scriptPage": "", "pages": 0, "time": 0,
         "description": "Company move", "comments": "", "created": "", "elements": []},
        {"id": "b4", "type": "scene", "scene": "2A", "scriptPage": "2", "pages": 0.125,
         "time": 7500, "description": "", "comments": "", "created": "",
         "elements": ["set-kitchen", "int", "day"]},
    ],
    "categories": [
        {"id": "c0", "name": "Set", "ucid": 0, "created": "", "elements": ["set-kitchen"]},
        {"id": "c1", "name": "INT/EXT", "ucid": 1, "created": "", "elements": ["int"]},
        {"id": "c2", "name": "Day/Night", "ucid": 2, "created": "", "elements": ["day"]},
        {"id": "c100", "name": "Cast", "ucid": 100, "created": "", "elements": ["mary"]},
    ],
    "elements": [
        {"id": "set-kitchen", "name": "KITCHEN", "created": "", "elementId": "",
         "elementIdLock": False, "doodDropAllow": False, "doodDropDays": 0,
         "doodHoldAllow": True, "doodInclude": False, "events": [], "linkedElements": []},
        {"id": "int", "name": "INT", "created": "", "elementId": "", "elementIdLock": False,
         "doodDropAllow": False, "doodDropDays": 0, "doodHoldAllow": True,
         "doodInclude": False, "events": [], "linkedElements": []},
        {"id": "day", "name": "DAY", "created": "", "elementId": "", "elementIdLock": False,
         "doodDropAllow": False, "doodDropDays": 0, "doodHoldAllow": True,
         "doodInclude": False, "events": [], "linkedElements": []},
        {"id": "mary", "name": "MARY", "created": "", "elementId": "1", "elementIdLock": True,
         "doodDropAllow": True, "doodDropDays": 10, "doodHoldAllow": True, "doodInclude": True,
         "events": [{"date": "2026-02-01", "kind": "fitting"}], "linkedElements": ["set-kitchen"],
         "_agent": "Ann"},
    ],
    "stripboards": [
        {"id": "s1", "name": "Main", "calendar": "cal1", "boards": [
            {"id": "board", "name": "stripboard", "breakdownIds": ["b1", "b2", "b3"]},
            {"id": "bone", "name": "boneyard", "breakdownIds": ["b4"], "_note": "cut"},
        ]},
    ],
    "calendars": [
        {"id": "cal1", "name": "Five-day week", "daysOff": [0, 6], "events": [
            {"id": "e1", "date": "2026-02-02", "type": "start", "name": "Day 1"},
            {"id": "e2", "date": "2026-02-16", "type": "dayOff", "name": "Presidents' Day"},
            {"id": "e3", "date": "2026-02-20", "type": "event", "name": "Wrap party"},
        ]},
    ],
    "_prodoffice": {"production": "TEST"},
}  # fmt: skip


def test_round_trip_of_a_full_file():
    document = from_uss(copy.deepcopy(FILE))
    assert to_uss(document) == FILE
    assert loads(dumps(document)) == document
    assert not document.warnings
    first = document.breakdowns[0]
    assert first.pages == Decimal("1.5") and pages_to_eighths(first.pages) == 12
    assert pages_to_eighths(document.breakdowns[3].pages) == 1
    assert first.extensions == {"_prodoffice": {"strip": 7}}
    assert document.calendars[0].events[1].date == date(2026, 2, 16)
    assert document.stripboards[0].boards[1].extensions == {"_note": "cut"}
    assert document.elements[3].dood_drop_days == 10 and document.elements[3].element_id == "1"


def test_minimal_file_and_unknown_keys_are_warnings():
    document = from_uss({"breakdowns": [{"id": "1", "colour": "red"}], "categories": [],
                         "elements": [], "vendor": "x"})  # fmt: skip
    assert document.breakdowns[0].type == "scene" and document.breakdowns[0].pages == 0
    assert document.warnings == ["vendor: unknown key ignored",
                                 "breakdowns[0].colour: unknown key ignored"]  # fmt: skip
    assert "colour" not in to_uss(document)["breakdowns"][0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f["breakdowns"][3].update(pages=-1), "breakdowns[3].pages: must be a number"),
        (lambda f: f["breakdowns"][1].update(type="strip"), "breakdowns[1].type: must be one of"),
        (lambda f: f["breakdowns"][0].update(time=1.5), "breakdowns[0].time: must be a whole"),
        (
            lambda f: f["breakdowns"][0]["elements"].append("ghost"),
            "breakdowns[0].elements[4]: unknown id 'ghost'",
        ),
        (lambda f: f["categories"][0].update(ucid="Set"), "categories[0].ucid"),
        (
            lambda f: f["elements"][0].update(doodHoldAllow="yes"),
            "elements[0].doodHoldAllow: must be true or false",
        ),
        (lambda f: f["elements"][1].update(id="set-kitchen"), "elements[1].id: duplicate id"),
        (
            lambda f: f["elements"][3].update(linkedElements=["nope"]),
            "elements[3].linkedElements[0]: unknown id",
        ),
        (
            lambda f: f["stripboards"][0]["boards"][0]["breakdownIds"].append("b9"),
            "stripboards[0].boards[0].breakdownIds[3]: unknown id 'b9'",
        ),
        (lambda f: f["stripboards"][0].update(calendar="cal9"), "stripboards[0].calendar"),
        (lambda f: f["calendars"][0].update(daysOff=[7]), "calendars[0].daysOff: must list"),
        (
            lambda f: f["calendars"][0]["events"][0].update(date="2 Feb"),
            "calendars[0].events[0].date: must be a date",
        ),
        (
            lambda f: f["calendars"][0]["events"][2].update(type="party"),
            "calendars[0].events[2].type: must be one of",
        ),
        (lambda f: f["breakdowns"][2].pop("id"), "breakdowns[2].id: is required"),
        (lambda f: f.pop("elements"), "elements: is required"),
        (lambda f: f.update(name=["x"]), "name: must be a string or a number"),
    ],
)
def test_validation_errors_name_the_path(change, message):
    data = copy.deepcopy(FILE)
    change(data)
    with pytest.raises(UssError) as raised:
        from_uss(data)
    assert any(error.startswith(message) for error in raised.value.errors), raised.value.errors


def test_not_json_and_not_an_object():
    with pytest.raises(UssError, match="line 1: not JSON"):
        loads("{nope")
    with pytest.raises(UssError, match="must be a JSON object"):
        from_uss([1, 2])


def test_imported_script_to_uss_and_back():
    text = (
        b"INT. KITCHEN - DAY\n\nMary cooks.\n\nMARY\nHi.\n\n"
        b"EXT. GARDEN - NIGHT #2A#\n\nJohn digs.\n\nJOHN (O.S.)\nMary!\n\nMARY\nWhat?\n"
    )
    document = script_to_uss(import_script(text), name="Test")
    data = json.loads(dumps(document))
    assert loads(json.dumps(data)) == document
    kitchen, garden = data["breakdowns"]
    assert (kitchen["scene"], garden["scene"], kitchen["pages"], kitchen["time"]) == (
        "1", "2A", 0.125, 7500)  # fmt: skip
    names = {e["id"]: e["name"] for e in data["elements"]}
    assert [names[i] for i in garden["elements"]] == ["GARDEN", "EXT", "NIGHT", "JOHN", "MARY"]
    ucids = {c["ucid"]: c for c in data["categories"]}
    assert [names[i] for i in ucids[100]["elements"]] == ["MARY", "JOHN"]
    cast_ids = {e["name"]: e["elementId"] for e in data["elements"] if e["id"].startswith("cast")}
    assert cast_ids == {"MARY": "1", "JOHN": "2"}
    boards = data["stripboards"][0]["boards"]
    assert [b["name"] for b in boards] == ["stripboard", "boneyard"]
    assert boards[0]["breakdownIds"] == ["scene-1", "scene-2A"]
