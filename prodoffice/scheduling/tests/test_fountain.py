"""Every Fountain element, on fixtures written here."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prodoffice.scheduling.engine import ScriptError, import_script
from prodoffice.scheduling.engine.elements import (
    ACTION,
    CENTERED,
    CHARACTER,
    DIALOGUE,
    HEADING,
    LYRICS,
    PAGE_BREAK,
    PARENTHETICAL,
    TRANSITION,
)
from prodoffice.scheduling.engine.fountain import parse_elements

KITCHEN_SINK = """Title: **The Test**
Author: Someone
Draft date: 1 May

# ACT ONE

= The setup.

INT. KITCHEN - NIGHT #12A#

= Mary comes home.

Mary opens the fridge. [[check the fridge prop]]
It is empty.

/* a cut line
MARY
I should not be here.
*/

MARY (V.O.)
Empty again.
(beat)
Always.

JOHN (CONT'D) ^
Again!

> Centered title <

CUT TO:

EXT. GARDEN - DAY

@McCLANE
Yippee.

~Happy birthday to you

!INT. THIS IS ACTION

.FLASHBACK

A memory.

===

> FADE OUT.
"""


def elements(text):
    """(kind, text) of each element of a Fountain text."""
    return [(e.kind, e.text) for e in parse_elements(text)[0]]


def test_every_element_kind():
    kinds = elements(KITCHEN_SINK)
    assert kinds == [
        (HEADING, "INT. KITCHEN - NIGHT"),
        (ACTION, "Mary opens the fridge.\nIt is empty."),
        (CHARACTER, "MARY (V.O.)"),
        (DIALOGUE, "Empty again."),
        (PARENTHETICAL, "(beat)"),
        (DIALOGUE, "Always."),
        (CHARACTER, "JOHN (CONT'D)"),
        (DIALOGUE, "Again!"),
        (CENTERED, "Centered title"),
        (TRANSITION, "CUT TO:"),
        (HEADING, "EXT. GARDEN - DAY"),
        (CHARACTER, "McCLANE"),
        (DIALOGUE, "Yippee."),
        (LYRICS, "~Happy birthday to you"),
        (ACTION, "INT. THIS IS ACTION"),
        (HEADING, "FLASHBACK"),
        (ACTION, "A memory."),
        (PAGE_BREAK, ""),
        (TRANSITION, "FADE OUT."),
    ]


def test_scenes_of_the_kitchen_sink():
    script = import_script(KITCHEN_SINK.encode(), "test.fountain")
    first, garden, flashback = script.scenes
    assert script.title == "The Test"
    assert (first.number, first.int_ext, first.time) == ("12A", "INT", "NIGHT")
    assert first.set == "KITCHEN"
    assert first.own_number and first.summary == "Mary comes home."
    assert first.characters == ["MARY", "JOHN"]  # extensions and the dual caret dropped
    assert first.synopsis == "Mary opens the fridge."
    assert "cut line" not in first.text and "fridge prop" not in first.text
    assert first.line == 9
    assert garden.number == "13" and garden.characters == ["McCLANE"]
    assert (flashback.int_ext, flashback.set) == ("", "FLASHBACK")
    assert script.speaking_characters == ["MARY", "JOHN", "McCLANE"]


def test_dual_dialogue_elements_are_marked():
    parsed = parse_elements("INT. A - DAY\n\nBOB\nHi.\n\nANN ^\nHo.\n")[0]
    assert [e.dual for e in parsed] == [False, True, True, True, True]


def test_nested_boneyard_and_multi_paragraph_note_keep_line_numbers():
    text = "INT. A - DAY\n\n/* one /* two */ still */\n[[note\n\nspans]]\n\nINT. - NIGHT\n\nx\n"
    script = import_script(text.encode())
    assert [s.line for s in script.scenes] == [1, 8]
    assert [str(p) for p in script.problems] == [
        "scene 2, line 8: no set found in the heading: the set is “INT. - NIGHT” until corrected"
    ]
    script.raise_for_problems()  # a warning: the scene imports


def test_unclosed_boneyard_is_reported_with_its_line():
    script = import_script(b"INT. A - DAY\n\nAction.\n\n/* forever\n\nINT. B - DAY\n")
    assert len(script.scenes) == 1
    assert script.problems[0].line == 5 and "never closed" in script.problems[0].message


@pytest.mark.parametrize(
    ("heading", "int_ext", "set_", "time"),
    [
        ("INT./EXT. CAR - MOVING - DAY", "INT-EXT", "CAR - MOVING", "DAY"),
        ("I/E TRUCK - NIGHT", "INT-EXT", "TRUCK", "NIGHT"),
        ("INT-EXT. PORCH - DUSK", "INT-EXT", "PORCH", "DUSK"),
        ("EXT. BEACH - DAWN", "EXT", "BEACH", "DAWN"),
        ("INT. HALL - MORNING", "INT", "HALL", "MORNING"),
        ("INT. HALL - CONTINUOUS", "INT", "HALL", "CONTINUOUS"),
        ("EST. CITY - MOMENTS LATER", "EXT", "CITY", "MOMENTS LATER"),
        ("INT. HOUSE - KITCHEN", "INT", "HOUSE - KITCHEN", ""),
        ("НАТ. ДВОР – НОЧЬ", "EXT", "ДВОР", "НОЧЬ"),
        ("ИНТ./НАТ. МАШИНА – ДЕНЬ", "INT-EXT", "МАШИНА", "ДЕНЬ"),
    ],
)
def test_headings(heading, int_ext, set_, time):
    scene = import_script(f"{heading}\n\nAction.\n".encode()).scenes[0]
    assert (scene.int_ext, scene.set, scene.time) == (int_ext, set_, time)


def test_continuous_scenes_inherit_night():
    text = "EXT. ROAD - NIGHT\n\nx\n\nINT. CAR - CONTINUOUS\n\ny\n\nINT. HOME - DAY\n\nz\n"
    assert [s.day_night for s in import_script(text.encode()).scenes] == ["N", "N", "D"]


def test_text_without_headings_is_refused():
    with pytest.raises(ScriptError, match="does not look like a screenplay"):
        import_script(b"Dear Sir,\n\nPlease find enclosed my invoice.\n")


_LINES = st.sampled_from(
    ["INT. A - DAY", "EXT. B - NIGHT #3#", "", "", "BOB", "(beat)", "Hello.", "ANN ^", "/*", "*/",
     "[[note", "]]", "===", "> THE END <", "CUT TO:", "# Act", "= synopsis", ".FORCED", "!INT. X",
     "@McX", "~la la", "Title: T", "INT.", "  ", "\t", "é “quoted”", "ИНТ. КУХНЯ – ДЕНЬ"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, max_size=40), st.sampled_from(["\n", "\r\n", "\r"]))
def test_arbitrary_fountain_imports_or_is_refused_cleanly(lines, newline):
    try:
        script = import_script(newline.join(lines).encode("utf-8"))
    except ScriptError as error:
        assert error.message
        return
    assert script.scenes and all(scene.eighths >= 1 and scene.page >= 1 for scene in script.scenes)
    numbers = [scene.number for scene in script.scenes]
    twice = any("used twice" in problem.message for problem in script.problems)
    assert len(set(numbers)) == len(numbers) or twice


def test_repeated_scene_number_is_reported():
    script = import_script(b"INT. A - DAY #3#\n\nx\n\nINT. B - DAY #3#\n\ny\n")
    assert [str(p) for p in script.problems] == [
        "scene 3, line 5: scene number used twice: “3” at line 1 and “3” at line 5"
    ]
