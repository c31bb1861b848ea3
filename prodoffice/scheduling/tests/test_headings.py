"""Scene headings as real writers write them: every Fountain prefix, any separator, forced ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from prodoffice.scheduling.engine import import_script
from prodoffice.scheduling.engine.headings import parse_heading
from prodoffice.scheduling.engine.script import ScriptError

FIXTURE = Path(__file__).parent / "fixtures" / "heading_forms.fountain"
SCREENPLAYS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "screenplays"


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("INT HOUSE DAY", ("INT", "HOUSE", "DAY", "D")),
        ("EXT. LIBRARY--DAY", ("EXT", "LIBRARY", "DAY", "D")),
        ("INT. CAR -- MOVING -- NIGHT", ("INT", "CAR - MOVING", "NIGHT", "N")),
        ("EXT. ROOF — NIGHT", ("EXT", "ROOF", "NIGHT", "N")),
        ("EST. HARBOUR - MAGIC HOUR", ("EXT", "HARBOUR", "MAGIC HOUR", "D")),
        ("INT./EXT. PORCH - DUSK", ("INT-EXT", "PORCH", "DUSK", "D")),
        ("INT./EXT PORCH - DUSK", ("INT-EXT", "PORCH", "DUSK", "D")),
        ("INT/EXT GARAGE - DAWN", ("INT-EXT", "GARAGE", "DAWN", "D")),
        ("I/E. TRUCK - SUNRISE", ("INT-EXT", "TRUCK", "SUNRISE", "D")),
        ("EXT/INT BARN - SUNSET", ("INT-EXT", "BARN", "SUNSET", "D")),
        ("EXT./INT. BARN - NIGHT", ("INT-EXT", "BARN", "NIGHT", "N")),
        ("INT. KITCHEN - CONTINUOUS", ("INT", "KITCHEN", "CONTINUOUS", "")),
        ("INT. KITCHEN - LATER", ("INT", "KITCHEN", "LATER", "")),
        ("INT. KITCHEN - MOMENTS LATER", ("INT", "KITCHEN", "MOMENTS LATER", "")),
        ("EXT. YARD - SAME", ("EXT", "YARD", "SAME", "")),
        ("INT. KITCHEN - LATER THAT NIGHT", ("INT", "KITCHEN", "LATER THAT NIGHT", "N")),
        ("int. kitchen, night", ("INT", "kitchen", "night", "N")),
        ("INT. HOUSE - KITCHEN", ("INT", "HOUSE - KITCHEN", "", "")),
        ("INT. DAY CARE CENTER", ("INT", "DAY CARE CENTER", "", "")),
        ("EXT. SEMI-TRUCK - NIGHT", ("EXT", "SEMI-TRUCK", "NIGHT", "N")),
        ("НАТ. ДВОР – НОЧЬ", ("EXT", "ДВОР", "НОЧЬ", "N")),
    ],
)
def test_heading_forms_split_into_prefix_set_time_and_light(heading, expected):
    parts = parse_heading(heading)
    assert (parts.int_ext, parts.set, parts.time, parts.day_night) == expected


def test_the_fixture_of_every_form_imports_scene_by_scene():
    script = import_script(FIXTURE.read_bytes(), "heading_forms.fountain")
    rows = [(s.int_ext, s.set, s.time, s.day_night) for s in script.scenes]
    assert rows == [
        ("INT", "HOUSE", "DAY", "D"),
        ("EXT", "LIBRARY", "DAY", "D"),
        ("INT", "CAR - MOVING", "NIGHT", "N"),
        ("EXT", "HARBOUR", "MAGIC HOUR", "D"),
        ("INT-EXT", "PORCH", "DUSK", "D"),
        ("INT-EXT", "GARAGE", "DAWN", "D"),
        ("INT-EXT", "TRUCK", "SUNRISE", "D"),
        ("INT-EXT", "BARN", "SUNSET", "D"),
        ("INT", "KITCHEN", "CONTINUOUS", "D"),
        ("INT", "KITCHEN", "LATER", "D"),
        ("INT", "KITCHEN", "MOMENTS LATER", "D"),
        ("EXT", "YARD", "SAME", "D"),
        ("", "FLASHBACK", "", "D"),
        ("INT", "INT. - NIGHT", "NIGHT", "N"),
    ]
    assert [s.characters for s in script.scenes][2] == ["MARA"]


def test_a_heading_that_cannot_be_split_is_a_scene_with_a_warning_not_a_refusal():
    script = import_script(FIXTURE.read_bytes(), "heading_forms.fountain")
    script.raise_for_problems()  # warnings never refuse
    assert [str(w) for w in script.warnings] == [
        "scene 14, line 57: no set found in the heading: the set is “INT. - NIGHT” until corrected"
    ]


def test_continuous_and_later_carry_the_previous_scene_light():
    text = (
        "EXT. ROAD - NIGHT\n\nx\n\nINT. CAR -- MOMENTS LATER\n\ny\n\nEXT. FIELD MAGIC HOUR\n\nz\n"
    )
    scenes = import_script(text.encode()).scenes
    assert [(s.set, s.time, s.day_night) for s in scenes] == [
        ("ROAD", "NIGHT", "N"), ("CAR", "MOMENTS LATER", "N"), ("FIELD", "MAGIC HOUR", "D"),
    ]  # fmt: skip


def test_scene_numbers_differing_only_in_case_are_refused_with_both_lines():
    fdx = (
        '<?xml version="1.0"?>\n<FinalDraft DocumentType="Script"><Content>\n'
        '<Paragraph Type="Scene Heading" Number="12a"><Text>INT. A - DAY</Text></Paragraph>\n'
        '<Paragraph Type="Action"><Text>x</Text></Paragraph>\n'
        '<Paragraph Type="Scene Heading" Number="12A"><Text>INT. B - DAY</Text></Paragraph>\n'
        "</Content></FinalDraft>\n"
    )
    script = import_script(fdx.encode(), "numbers.fdx")
    assert [str(p) for p in script.problems] == [
        "scene 12A, line 5: scene number used twice: “12a” at line 3 and “12A” at line 5"
    ]
    with pytest.raises(ScriptError, match="“12a” at line 3 and “12A” at line 5"):
        script.raise_for_problems()


def test_repeated_fountain_scene_numbers_name_both_lines():
    script = import_script(b"INT. A - DAY #3#\n\nx\n\nINT. B - DAY #3#\n\ny\n")
    assert [str(p) for p in script.problems] == [
        "scene 3, line 5: scene number used twice: “3” at line 1 and “3” at line 5"
    ]


def test_fdx_headings_without_separator_import():
    fdx = (
        '<?xml version="1.0"?><FinalDraft DocumentType="Script"><Content>'
        '<Paragraph Type="Scene Heading"><Text>INT HOUSE NIGHT</Text></Paragraph>'
        '<Paragraph Type="Action"><Text>Dark.</Text></Paragraph>'
        '<Paragraph Type="Scene Heading"><Text>EXT. LIBRARY--DAY</Text></Paragraph>'
        '<Paragraph Type="Action"><Text>Light.</Text></Paragraph>'
        "</Content></FinalDraft>"
    )
    scenes = import_script(fdx.encode(), "a.fdx").scenes
    assert [(s.set, s.time, s.day_night) for s in scenes] == [
        ("HOUSE", "NIGHT", "N"), ("LIBRARY", "DAY", "D"),
    ]  # fmt: skip


#: One-feature samples from screenplain's tests that hold no scene at all.
_NO_SCENES = {"dual-dialogue.fountain", "title-page.fountain"}


@pytest.mark.skipif(not SCREENPLAYS.is_dir(), reason="../shared/data/screenplays is absent")
@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in SCREENPLAYS.glob("*.f*") if p.name not in _NO_SCENES)
    if SCREENPLAYS.is_dir()
    else [],
)
def test_every_shared_sample_imports_without_refusal(name):
    script = import_script((SCREENPLAYS / name).read_bytes(), name)
    script.raise_for_problems()
    assert script.scenes and all(scene.set for scene in script.scenes)
