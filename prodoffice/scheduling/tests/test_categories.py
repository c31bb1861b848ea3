"""Breakdown categories and strip colours."""

import pytest

from prodoffice.scheduling.engine.categories import (
    CATEGORIES,
    SCENE_ATTRIBUTES,
    category,
    strip_colour,
    strip_hex,
)


def test_the_23_categories_with_their_ucids():
    assert len(CATEGORIES) == 23
    assert [(c.ucid, c.name) for c in CATEGORIES][:3] == [
        (100, "Cast Members"), (101, "Background Actors"), (102, "Stunts")]  # fmt: skip
    assert [c.ucid for c in CATEGORIES] == [*range(100, 122), 123]
    assert category(119).name == "Visual Effects" and category(123).name == "Miscellaneous"
    assert [(c.ucid, c.name) for c in SCENE_ATTRIBUTES] == [
        (0, "Set"), (1, "INT/EXT"), (2, "Day/Night"), (3, "Script Day"), (4, "Unit"),
        (5, "Sequence"), (6, "Location")]  # fmt: skip
    with pytest.raises(KeyError):
        category(122)


def test_conventional_colours():
    colour = {c.name: c.colour for c in CATEGORIES}
    assert colour["Cast Members"] == "#e53935"  # red
    assert colour["Vehicles"] == colour["Animals"]  # pink
    assert colour["Sound"] == colour["Music"]  # brown
    others = [c for c in CATEGORIES if not c.conventional]
    assert len({c.colour for c in others}) == len(others) == 14  # distinct from each other


@pytest.mark.parametrize(
    ("int_ext", "day_night", "colour"),
    [("INT", "D", "white"), ("EXT", "DAY", "yellow"), ("INT", "N", "blue"),
     ("EXT", "NIGHT", "green"), ("INT-EXT", "N", "green"), ("", "D", "white")],
)  # fmt: skip
def test_strip_colours(int_ext, day_night, colour):
    assert strip_colour(int_ext, day_night) == colour


def test_strip_palette_per_board():
    assert strip_hex("INT", "D") == "#ffffff"
    assert strip_hex("EXT", "N", {"green": "#00ff00"}) == "#00ff00"
