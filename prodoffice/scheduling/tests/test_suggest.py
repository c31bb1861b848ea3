"""Element suggestions from a scene's text (engine.suggest: pure, no database)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from prodoffice.scheduling.engine import suggest as sg
from prodoffice.scheduling.engine.suggest import action_lines, suggest, suggestion_key

SCENE = """Ann opens the envelope. A GUNSHOT outside. A WAITER (40s) brings a KNIFE.
ANN (V.O.)
It's from him, and the GUN is gone.
BEN
(quietly)
Burn it.
The crowd of diners gasps. Blood on the floor. Rain lashes the police car.
CUT TO:"""


def names(found) -> dict[str, int]:
    return {s.name: s.ucid for s in found}


def test_action_lines_leave_out_cues_parentheticals_and_dialogue():
    lines = action_lines(SCENE, ["ANN", "BEN"])
    assert lines[0].startswith("Ann opens")
    assert lines[1].startswith("The crowd")
    assert not any("GUN is gone" in line or "Burn it" in line for line in lines)
    assert not any(line in ("ANN (V.O.)", "BEN", "(quietly)") for line in lines)


def test_capitalised_words_are_props_and_sound_cues():
    found = names(suggest(SCENE, characters=["ANN", "BEN"]))
    assert found["Knife"] == sg.PROPS
    assert found["Gunshot"] == sg.SOUND
    assert "Gun" not in found  # capitalised in dialogue only


def test_a_capitalised_introduction_is_a_cast_member():
    assert names(suggest(SCENE, characters=["ANN", "BEN"]))["Waiter"] == sg.CAST


def test_lexicon_per_category_longest_phrase_first():
    found = names(suggest(SCENE, characters=["ANN", "BEN"]))
    assert found["Crowd"] == found["Diners"] == sg.BACKGROUND
    assert found["Blood"] == found["Rain"] == sg.SFX
    assert found["Police Car"] == sg.VEHICLES
    assert "Car" not in found  # claimed by "police car"


def test_capitalised_lexicon_word_takes_the_lexicon_category():
    assert names(suggest("She strokes the DOG."))["Dog"] == sg.ANIMALS


def test_existing_elements_are_found_by_name_case_blind_with_plurals():
    found = suggest(
        "Two envelopes on the table. Martha sleeps.",
        elements=[("Envelope", sg.PROPS), ("Martha", sg.CAST)],
    )
    assert [(s.name, s.ucid, s.existing) for s in found][:2] == [
        ("Envelope", sg.PROPS, True),
        ("Martha", sg.CAST, True),
    ]


def test_characters_are_never_suggested_as_props():
    found = names(suggest("BOB lifts the crate. A CRATE falls.", characters=["Bob"]))
    assert "Bob" not in found
    assert found["Crate"] == sg.PROPS


def test_screenplay_capitals_are_not_elements():
    found = names(suggest("CONTINUOUS. We see the room. V.O. INT"))
    assert found == {}


def test_linked_and_dismissed_are_left_out():
    text = "A KNIFE and a dog in the rain."
    found = suggest(text, linked=["knife"], dismissed=[suggestion_key("Dog", sg.ANIMALS)])
    assert names(found) == {"Rain": sg.SFX}


def test_suggestion_key_normalises_case_and_spaces():
    assert suggestion_key("  Police   CAR ", 103) == "103:police car"


def test_each_name_once_strongest_source_first():
    found = suggest("A KNIFE. The knife.", elements=[("Knife", sg.PROPS)])
    assert [(s.name, s.source) for s in found] == [("Knife", sg.EXISTING)]


_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)
_NAMES = st.lists(st.text(min_size=1, max_size=20), max_size=6)


@given(text=_TEXT, characters=_NAMES, linked=_NAMES)
def test_never_fails_and_never_suggests_linked_or_twice(text, characters, linked):
    found = suggest(text, characters=characters, linked=linked)
    keys = [sg.normalise(s.name) for s in found]
    assert len(keys) == len(set(keys))
    assert not set(keys) & {sg.normalise(n) for n in linked}
    assert all(s.ucid in sg.WORDS or s.ucid in (sg.CAST, sg.PROPS, sg.SOUND) for s in found)
    assert all(s.name.strip() and s.reason for s in found)


@given(text=_TEXT)
def test_dismissing_everything_leaves_nothing(text):
    found = suggest(text)
    assert suggest(text, dismissed=[s.key for s in found]) == []


@given(word=st.sampled_from([w for words in sg.WORDS.values() for w in words]))
def test_every_lexicon_word_is_found_in_an_action_line(word):
    found = suggest(f"Somewhere there is {word} here.")
    assert any(sg.normalise(s.name) == sg.normalise(word) for s in found)
