"""Revisions: matching drafts, locked numbers, omitted scenes, colours."""

import pytest

from prodoffice.scheduling.engine import import_script
from prodoffice.scheduling.engine.revisions import (
    REVISION_COLOURS,
    match_revision,
    next_revision_colour,
    number_between,
    number_key,
    revision_colour,
)


def draft(*scenes: tuple[str, str]) -> list:
    """Scenes of a Fountain draft written from (heading, action) pairs."""
    text = "".join(f"{heading}\n\n{action}\n\n" for heading, action in scenes)
    return import_script(text.encode()).scenes


FIRST = [
    ("INT. KITCHEN - DAY", "Mary cooks breakfast for the whole family."),
    ("EXT. GARDEN - DAY", "John mows the lawn in the heat."),
    ("INT. CAR - NIGHT", "They drive to the city in silence."),
    ("EXT. CITY - NIGHT", "Neon lights everywhere, rain on the glass."),
]


def test_unchanged_draft_matches_everything():
    revision = match_revision(draft(*FIRST), draft(*FIRST))
    assert [e.status for e in revision.scenes] == ["unchanged"] * 4
    assert [e.number for e in revision.scenes] == ["1", "2", "3", "4"]


def test_inserted_cut_and_changed_scenes_with_locked_numbers():
    second = [
        FIRST[0],
        ("INT. HALL - DAY", "A new scene between one and two."),
        ("INT. STAIRS - DAY", "Another new one."),
        ("EXT. GARDEN - DAY", "John mows the lawn in the heat, then stops."),
        FIRST[3],
    ]
    revision = match_revision(draft(*FIRST), draft(*second))
    assert [(e.number, e.status) for e in revision.scenes] == [
        ("1", "unchanged"),
        ("1A", "added"),
        ("1B", "added"),
        ("2", "changed"),
        ("3", "omitted"),
        ("4", "unchanged"),
    ]
    assert revision.scenes[4].heading == "OMITTED" and revision.scenes[4].scene is None
    assert (revision.added, revision.omitted, revision.changed) == (["1A", "1B"], ["3"], ["2"])


def test_insert_between_suffixed_scenes_and_before_the_first():
    old = draft(*FIRST)
    old[1].number = "1A"  # the previous revision already had 1, 1A, 3, 4
    new = draft(("INT. ATTIC - DAY", "Before everything."), FIRST[0],
                ("INT. BOX - DAY", "Squeezed in."), *FIRST[1:])  # fmt: skip
    numbers = [e.number for e in match_revision(old, new).scenes]
    assert numbers == ["A1", "1", "A1A", "1A", "3", "4"]


def test_renamed_heading_matched_by_text_and_script_numbers_win():
    second = [FIRST[0], ("EXT. BACK GARDEN - DAY", FIRST[1][1]), *FIRST[2:]]
    revision = match_revision(draft(*FIRST), draft(*second))
    assert [e.status for e in revision.scenes] == ["unchanged", "changed", "unchanged", "unchanged"]
    numbered = import_script(b"INT. CAR - NIGHT #3#\n\nThey drive to the city in silence.\n").scenes
    revision = match_revision(draft(*FIRST), numbered)
    assert revision.numbers("unchanged") == ["3"] and revision.omitted == ["1", "2", "4"]


def test_unlocked_numbers_follow_the_new_draft():
    revision = match_revision(draft(*FIRST), draft(FIRST[1], FIRST[2]), locked=False)
    assert [(e.number, e.status) for e in revision.scenes] == [
        ("1", "unchanged"),
        ("2", "unchanged"),
        ("1", "omitted"),
        ("4", "omitted"),
    ]


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [("12", "13", "12A"), ("12A", "13", "12B"), ("12A", "12B", "12AA"), ("12AA", "12B", "12AB"),
     ("12", "12A", "A12A"), (None, "1", "A1"), ("48", None, "48A")],
)  # fmt: skip
def test_number_between(before, after, expected):
    assert number_between(before, after, set()) == expected
    assert (not before or number_key(before) < number_key(expected)) and (
        not after or number_key(expected) < number_key(after)
    )


def test_number_between_skips_numbers_in_use():
    assert number_between("12", "13", {"12A"}) == "12B"


def test_revision_colours():
    assert REVISION_COLOURS == ("White", "Blue", "Pink", "Yellow", "Green", "Goldenrod", "Buff",
                                "Salmon", "Cherry", "Tan")  # fmt: skip
    assert [revision_colour(i) for i in (0, 1, 9, 10, 11)] == [
        "White", "Blue", "Tan", "Double White", "Double Blue"]  # fmt: skip
    assert next_revision_colour(None) == "White" and next_revision_colour("goldenrod") == "Buff"
    with pytest.raises(ValueError):
        next_revision_colour("Mauve")
