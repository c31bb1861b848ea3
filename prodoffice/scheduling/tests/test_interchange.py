"""USS interchange through the database: export, import, round trip, refused files, CLI."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from prodoffice.audit.models import AuditEvent
from prodoffice.scheduling.engine import uss
from prodoffice.scheduling.models import (
    Board,
    BreakdownCategory,
    CalendarDay,
    Element,
    ProductionCalendar,
    Scene,
    Script,
    Strip,
    scene_sort_key,
)
from prodoffice.scheduling.selectors.interchange import uss_export
from prodoffice.scheduling.services.boards import banner_insert, board_copy, strip_to_boneyard
from prodoffice.scheduling.services.calendar import calendar_set
from prodoffice.scheduling.services.interchange import uss_import
from prodoffice.scheduling.tests.test_dood_selector import MONDAY, build_schedule, day

pytestmark = pytest.mark.django_db


def rich_schedule(production) -> Board:
    """Four scenes on three days, an omitted scene, a banner, the boneyard, a what-if board,
    a renamed category, element rules and notes, a holiday and a Saturday shoot."""
    board = build_schedule(production)
    script = Script.objects.get(production=production)
    Scene.objects.filter(script=script, number="2").update(
        int_ext="EXT", day_night="N", time_of_day="NIGHT", heading="EXT. SET 2 - NIGHT",
        synopsis="The chase", screen_seconds=75,
    )  # fmt: skip
    Scene.objects.create(script=script, number="4A", sort_key=scene_sort_key("4A"), position=5,
                         eighths=0, omitted=True, heading="OMITTED")  # fmt: skip
    Scene.objects.create(script=script, number="5", sort_key=scene_sort_key("5"), position=6,
                         eighths=9, set_name="ROOF", int_ext="INT-EXT")  # fmt: skip
    Element.objects.filter(name="Gun").update(notes="Rubber only", board_id="G1")
    Element.objects.filter(name="BEN").update(drop_allowed=True, drop_min_days=14)
    BreakdownCategory.objects.filter(production=production, ucid=104).update(name="Props & arms")
    banner_insert(actor=None, board=board, position=0, banner_kind="meal", text="Lunch at base")
    strip = Strip.objects.get(board=board, scene__number="3")
    strip_to_boneyard(actor=None, strip=strip)
    board_copy(actor=None, board=board, name="What if")
    exceptions = [(day(2), "holiday", "Feast"), (day(5), "shoot", "Saturday")]
    calendar_set(actor=None, production=production, start_date=MONDAY,
                 working_weekdays=range(5), exceptions=exceptions)  # fmt: skip
    return board


def without_header(data: dict) -> dict:
    return {key: value for key, value in data.items() if key not in uss.HEADER_KEYS}


def test_export_is_a_valid_uss_document(world):
    rich_schedule(world.production)
    data = uss_export(world.production)
    document = uss.from_uss(json.loads(json.dumps(data)))
    assert document.warnings == []
    assert data["version"] == "1.0" and data["project"] == "NIGHTJAR"
    scene2 = next(b for b in data["breakdowns"] if b["id"] == "scene-2")
    names = {e["id"]: e["name"] for e in data["elements"]}
    assert [names[i] for i in scene2["elements"]] == ["SET 2", "EXT", "NIGHT", "ANN", "BEN"]
    assert scene2["pages"] == 0.5 and scene2["time"] == 75000
    assert {c["ucid"] for c in data["categories"]} >= {0, 1, 2, 100, 104}
    main = data["stripboards"][0]
    assert main["name"] == "Main" and main["_working"] is True
    assert main["boards"][1] == {"id": "sb1-boneyard", "name": "boneyard",
                                 "breakdownIds": ["scene-3"]}  # fmt: skip
    calendar = data["calendars"][0]
    assert calendar["daysOff"] == [0, 6]  # Sunday and Saturday
    assert [e["type"] for e in calendar["events"]] == ["start", "dayOff", "event"]


def test_round_trip_production_to_uss_to_new_production_to_uss_is_equal(world):
    rich_schedule(world.production)
    first = uss_export(world.production)
    report = uss_import(actor=None, production=world.other, data=json.dumps(first),
                        filename="nightjar.uss")  # fmt: skip
    assert (report.scenes, report.boards, report.calendar) == (5, ["Main", "What if"], True)
    second = uss_export(world.other)
    assert without_header(second) == without_header(first)
    # And the rows themselves, beyond what USS carries.
    scene = Scene.objects.get(script__production=world.other, number="2")
    assert (scene.int_ext, scene.day_night, scene.heading) == ("EXT", "N", "EXT. SET 2 - NIGHT")
    assert Scene.objects.get(script__production=world.other, number="4A").omitted
    assert Board.objects.get(production=world.other, name="Main").is_working
    assert Element.objects.get(production=world.other, name="Gun").notes == "Rubber only"
    calendar = ProductionCalendar.objects.get(production=world.other)
    assert calendar.start_date == MONDAY and calendar.working_weekdays == 0b11111
    assert CalendarDay.objects.filter(calendar=calendar).count() == 2


def test_import_is_audited(world):
    rich_schedule(world.production)
    uss_import(actor=world.other_office, production=world.other,
               data=json.dumps(uss_export(world.production)), filename="n.uss")  # fmt: skip
    event = AuditEvent.objects.get(action="uss.import")
    assert event.production_id == world.other.pk and event.changes["scenes"] == 5


def test_dry_run_writes_nothing(world):
    rich_schedule(world.production)
    report = uss_import(actor=None, production=world.other, filename="n.uss", dry_run=True,
                        data=json.dumps(uss_export(world.production)))  # fmt: skip
    assert report.dry_run and report.scenes == 5 and report.script_id is None
    assert not Script.objects.filter(production=world.other).exists()
    assert not Board.objects.filter(production=world.other).exists()


GOOD = {
    "version": "1.0",
    "breakdowns": [{"id": "b1", "type": "scene", "scene": "1", "pages": 1.25,
                    "elements": ["s1", "c1"]}],
    "categories": [{"id": "k0", "name": "Set", "ucid": 0, "elements": ["s1"]},
                   {"id": "k1", "name": "Cast Members", "ucid": 100, "elements": ["c1"]}],
    "elements": [{"id": "s1", "name": "DOCKS"}, {"id": "c1", "name": "MARA", "elementId": "1"}],
}  # fmt: skip


def bad(**changes) -> str:
    data = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    return json.dumps(data)


def test_a_small_hand_written_file_imports(world):
    report = uss_import(actor=None, production=world.other, data=json.dumps(GOOD), filename="x")
    scene = Scene.objects.get(script__production=world.other)
    assert (scene.number, scene.set_name, scene.eighths) == ("1", "DOCKS", 10)
    assert report.elements_created == 1 and report.boards == []
    assert scene.breakdown.get().element.board_id == "1"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "line 1: not JSON"),
        (bad(version="2.0"), "version: unsupported version '2.0'"),
        (bad(breakdowns=None), "breakdowns: is required"),
        (bad(elements=[{"name": "no id"}]), "elements[0].id: is required"),
        (bad(breakdowns=[{"id": "b1", "pages": -1}]), "breakdowns[0].pages: must be a number"),
        (
            bad(categories=[{"id": "k", "name": "Stuff", "ucid": None, "elements": ["s1", "c1"]}]),
            "categories[0].ucid: unknown category 'Stuff'",
        ),
        (
            bad(categories=[{"id": "k", "name": "X", "ucid": 999, "elements": ["s1", "c1"]}]),
            "categories[0].ucid: unknown category 'X' (number 999)",
        ),
        (bad(categories=[]), "elements[0]: element 's1' is in no category"),
        (
            bad(breakdowns=[{"id": "b1", "scene": "1"}, {"id": "b2", "scene": "1"}]),
            "breakdowns[1].scene: scene 1 is also breakdowns[0]",
        ),
        (
            bad(stripboards=[{"id": "sb", "boards": [{"id": "x", "breakdownIds": ["nope"]}]}]),
            "stripboards[0].boards[0].breakdownIds[0]: unknown id 'nope'",
        ),
        (b"\xff\xfe\x00", "not UTF-8"),
    ],
)
def test_bad_files_are_refused_naming_the_field_and_nothing_is_written(world, data, message):
    with pytest.raises(ValidationError) as caught:
        uss_import(actor=None, production=world.other, data=data, filename="bad.uss")
    assert any(message in text for text in caught.value.message_dict["file"]), caught.value
    assert not Script.objects.filter(production=world.other).exists()
    assert not Element.objects.filter(production=world.other).exists()
    assert not BreakdownCategory.objects.filter(production=world.other).exists()


def test_a_production_with_a_script_is_refused(world):
    rich_schedule(world.production)
    with pytest.raises(ValidationError) as caught:
        uss_import(actor=None, production=world.production, data=json.dumps(GOOD), filename="x")
    assert "already has a script" in str(caught.value.message_dict["production"])
    assert Script.objects.filter(production=world.production).count() == 1


def test_board_id_clash_with_an_existing_element_is_named(world):
    BreakdownCategory.objects.create(production=world.other, ucid=100, name="Cast Members",
                                     colour="#e53935")  # fmt: skip
    Element.objects.create(production=world.other, category_id=BreakdownCategory.objects.get(
        production=world.other).pk, name="JO", board_id="1")  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        uss_import(actor=None, production=world.other, data=json.dumps(GOOD), filename="x")
    assert "elements[1].elementId: '1' is taken" in str(caught.value)
    assert not Script.objects.filter(production=world.other).exists()


def test_only_the_office_imports(world):
    with pytest.raises(PermissionDenied):
        uss_import(actor=world.head, production=world.production, data=json.dumps(GOOD),
                   filename="x")  # fmt: skip


# --- CLI ---------------------------------------------------------------------------------------


def run(command: str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_cli_export_then_import_round_trips(world, tmp_path):
    rich_schedule(world.production)
    target = tmp_path / "nightjar.uss"
    run("export_uss", "--production", "nightjar", "-o", str(target))
    exported = json.loads(target.read_text())
    assert exported["stripboards"][0]["name"] == "Main"
    out, _ = run("import_uss", str(target), "--production", "OTHER", "--json")
    report = json.loads(out)
    assert report["scenes"] == 5 and report["boards"] == ["Main", "What if"]
    assert without_header(uss_export(world.other)) == without_header(exported)
    assert AuditEvent.objects.filter(action="uss.export", source="cli").exists()


def test_cli_export_to_stdout_one_board(world):
    rich_schedule(world.production)
    out, _ = run("export_uss", "--production", "NIGHTJAR", "--board", "What if")
    assert [s["name"] for s in json.loads(out)["stripboards"]] == ["What if"]


def test_cli_import_text_summary(world, tmp_path):
    path = tmp_path / "x.uss"
    path.write_text(json.dumps(GOOD))
    out, _ = run("import_uss", str(path), "--production", "OTHER", "--dry-run")
    assert out.splitlines()[0] == "Dry run, nothing saved: x.uss into OTHER"
    assert "Scenes: 1 (1 2/8 pages)" in out


@pytest.mark.parametrize(
    ("command", "args", "code", "text"),
    [
        ("import_uss", ["{bad}", "--production", "OTHER"], 1, "categories[0].ucid"),
        ("import_uss", ["/no/such.uss", "--production", "OTHER"], 2, "No such file"),
        ("import_uss", ["{good}", "--production", "NOPE"], 2, "Unknown production"),
        ("export_uss", ["--production", "NOPE"], 2, "Unknown production"),
        ("export_uss", ["--production", "OTHER", "--board", "Nope"], 2, "Unknown board"),
    ],
)
def test_cli_errors_exit_non_zero_with_a_message(world, tmp_path, command, args, code, text):
    (tmp_path / "bad.uss").write_text(bad(categories=[{"id": "k", "name": "?", "ucid": 7}]))
    (tmp_path / "good.uss").write_text(json.dumps(GOOD))
    args = [a.format(bad=tmp_path / "bad.uss", good=tmp_path / "good.uss") for a in args]
    with pytest.raises(CommandError) as caught:
        run(command, *args)
    assert caught.value.returncode == code and text in str(caught.value)


# --- a real script (../shared/data/screenplays, skipped when absent) ----------------------------

SCREENPLAYS = Path(
    os.environ.get("PRODOFFICE_SHARED_DATA", Path(__file__).resolve().parents[4] / "shared/data")
) / "screenplays"  # fmt: skip


@pytest.mark.skipif(not SCREENPLAYS.is_dir(), reason="../shared/data absent")
def test_round_trip_of_a_real_script_with_a_scheduled_board(world):
    from prodoffice.scheduling.services.boards import board_create, day_break_insert
    from prodoffice.scheduling.services.script import script_import

    path = SCREENPLAYS / "The-Last-Birthday-Card.fountain"
    script_import(actor=None, production=world.production, filename=path.name,
                  data=path.read_bytes())  # fmt: skip
    board = board_create(actor=None, production=world.production, name="Shooting order")
    for position in range(45, 0, -5):  # a day break after every fifth scene
        day_break_insert(actor=None, board=board, position=position)
    calendar_set(actor=None, production=world.production, start_date=MONDAY,
                 working_weekdays=range(5))  # fmt: skip
    first = uss_export(world.production)
    assert len([b for b in first["breakdowns"] if b["type"] == "scene"]) == 48
    assert len([b for b in first["breakdowns"] if b["type"] == "day"]) == 9
    report = uss_import(actor=None, production=world.other, data=json.dumps(first),
                        filename="card.uss")  # fmt: skip
    assert report.scenes == 48 and report.elements_created == 12  # the speaking characters
    assert without_header(uss_export(world.other)) == without_header(first)
