"""The engine on real scripts from ../shared/data/screenplays (counts from its README)."""

from pathlib import Path

import pytest

from prodoffice.scheduling.engine import ScriptError, import_script
from prodoffice.scheduling.engine.fdx import fdx_elements
from prodoffice.scheduling.engine.fountain import parse_elements

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
SCREENPLAYS = SHARED / "data" / "screenplays"

pytestmark = pytest.mark.skipif(not SCREENPLAYS.is_dir(), reason="../shared/data absent")


def load(name: str):
    """Import one sample by file name."""
    path = SCREENPLAYS / name
    return import_script(path.read_bytes(), path.name)


@pytest.mark.parametrize(
    ("stem", "scenes", "speakers"),
    [("Brick-and-Steel", 8, 7), ("The-Last-Birthday-Card", 48, 12)],
)
def test_counts_agree_between_fountain_and_fdx(stem, scenes, speakers):
    fountain, fdx = load(f"{stem}.fountain"), load(f"{stem}.fdx")
    for script in (fountain, fdx):
        assert len(script.scenes) == scenes
        assert len(script.speaking_characters) == speakers
        assert not script.problems
    assert [s.eighths for s in fountain.scenes] == [s.eighths for s in fdx.scenes]
    assert fountain.speaking_characters == fdx.speaking_characters
    assert [s.heading for s in fountain.scenes] == [s.heading for s in fdx.scenes]


def test_brick_and_steel_first_scene():
    script = load("Brick-and-Steel.fountain")  # mixes CRLF and LF
    first = script.scenes[0]
    assert (first.number, first.int_ext, first.time) == ("1", "EXT", "DAY")
    assert first.set == "BRICK'S PATIO"
    assert first.characters == ["STEEL", "BRICK"]
    assert first.synopsis.startswith("A gorgeous day.")
    assert first.page == 1
    assert script.title == "BRICK & STEEL FULL RETIRED"
    assert all(s.eighths >= 1 for s in script.scenes)
    assert [s.page for s in script.scenes] == sorted(s.page for s in script.scenes)


def test_birthday_card_headings_without_time_keep_their_set():
    scenes = load("The-Last-Birthday-Card.fountain").scenes
    by_heading = {s.heading: s for s in scenes}
    same = by_heading["INT. RM 412, SAME"]
    assert (same.set, same.time) == ("RM 412", "SAME")  # kept as written
    assert by_heading["INT. SCOTT'S APARTMENT"].time == ""
    assert all(s.set for s in scenes)


def test_utf8_bom_with_crlf():
    script = load("utf-8-bom.fountain")
    assert script.scenes[0].heading == "EXT. SOMEWHERE - DAY"
    assert script.speaking_characters == ["GUY", "GURL"]


def test_scene_numbers_from_the_script_and_assigned():
    numbers = [s.number for s in load("scene-numbers.fountain").scenes]
    assert numbers == ["1", "2", "3", "4", "2-B"]


def test_boneyard_scene_is_not_imported():
    script = load("boneyard.fountain")
    assert [s.heading for s in script.scenes] == ["EXT. PALATIAL MANSION - DAY"]
    assert script.speaking_characters == []


def test_cyrillic_headings():
    scenes = load("cyrillic.fountain").scenes
    assert [(s.int_ext, s.time, s.day_night) for s in scenes] == [
        ("INT", "ДЕНЬ", "D"),
        ("INT", "ДЕНЬ", "D"),
    ]
    assert scenes[0].set == "КВАРТИРА МАШИ - СТОЛОВАЯ"
    assert scenes[0].characters == ["МАШA"]


def test_client_kitchen_sink():
    script = load("client.fountain")
    headings = [s.heading for s in script.scenes]
    assert len(script.scenes) == 11
    long_one = next(s for s in script.scenes if len(s.heading) > 250)
    assert long_one.int_ext == "INT" and long_one.set.startswith("LONG LONG")
    assert long_one.eighths >= 1
    assert ".FORCED HEADER" not in headings and "FORCED HEADER" in headings
    assert "McCABE" in script.speaking_characters
    assert {"HERO 1", "HERO 2", "HERO 3"} <= set(script.speaking_characters)
    assert not any("Ignored" in s.text or "inline note" in s.text for s in script.scenes)
    assert script.title.startswith("Screenplay title")
    assert script.scenes[-1].page > script.scenes[0].page  # the === page break moved us on


def test_my_living_memory():
    assert len(load("my_living_memory.fountain").scenes) == 9


@pytest.mark.parametrize("stem", ["note", "synopsis", "header_note"])
def test_final_draft_small_files_match_their_fountain(stem):
    fdx, _ = fdx_elements((SCREENPLAYS / "final-draft" / f"{stem}.fdx").read_bytes())
    text = (SCREENPLAYS / "final-draft" / f"{stem}.fountain").read_text()
    fountain, _, _ = parse_elements(text)
    assert [(e.kind, e.text, e.synopsis) for e in fdx] == [
        (e.kind, e.text, e.synopsis) for e in fountain
    ]


@pytest.mark.parametrize("name", ["title-page.fountain", "dual-dialogue.fountain"])
def test_files_without_scenes_are_refused(name):
    with pytest.raises(ScriptError, match="No scene headings"):
        load(name)
