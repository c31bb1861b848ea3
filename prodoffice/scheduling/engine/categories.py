"""Breakdown categories (Movie Magic's 23 with their Universal Category Identification numbers),
the scene attributes, their conventional marking colours, and strip colours.

Conventional marking colours (DOMAIN.md): cast red, stunts orange, silent extras yellow,
background green, special effects blue, props purple, vehicles and animals pink, sound and music
brown. Categories the convention leaves open get a distinct neutral colour (`conventional` is
False for them). Categories may be renamed per production, never repurposed: the UCID is the key.

Strip colours: INT day white, EXT day yellow, INT night blue, EXT night green. INT-EXT strips take
the exterior colour (the exterior light decides the shoot); headings with no INT/EXT are
interiors. Dawn, dusk, morning and continuing scenes follow the day/night the script gives them
(Scene.day_night).
"""

from __future__ import annotations

from dataclasses import dataclass

ELEMENT, SCENE_ATTRIBUTE = "element", "scene"


@dataclass(frozen=True)
class Category:
    """A breakdown category: UCID, default name, marking colour (hex) and kind."""

    ucid: int
    name: str
    colour: str
    conventional: bool = False
    kind: str = ELEMENT


CATEGORIES = (
    Category(100, "Cast Members", "#e53935", True),  # red
    Category(101, "Background Actors", "#43a047", True),  # green
    Category(102, "Stunts", "#fb8c00", True),  # orange
    Category(103, "Vehicles", "#ec407a", True),  # pink
    Category(104, "Props", "#8e24aa", True),  # purple
    Category(105, "Special Effects", "#1e88e5", True),  # blue
    Category(106, "Wardrobe", "#00897b"),
    Category(107, "Makeup/Hair", "#c0ca33"),
    Category(108, "Animals", "#ec407a", True),  # pink
    Category(109, "Animal Wranglers", "#f48fb1"),
    Category(110, "Camera", "#546e7a"),
    Category(111, "Music", "#6d4c41", True),  # brown
    Category(112, "Sound", "#6d4c41", True),  # brown
    Category(113, "Art Department", "#5e35b1"),
    Category(114, "Set Dressing", "#3949ab"),
    Category(115, "Greenery", "#7cb342"),
    Category(116, "Security", "#455a64"),
    Category(117, "Special Equipment", "#00acc1"),
    Category(118, "Additional Labor", "#8d6e63"),
    Category(119, "Visual Effects", "#039be5"),
    Category(120, "Mechanical Effects", "#0277bd"),
    Category(121, "Notes", "#9e9e9e"),
    Category(123, "Miscellaneous", "#bdbdbd"),
)
SCENE_ATTRIBUTES = tuple(
    Category(ucid, name, "#ffffff", kind=SCENE_ATTRIBUTE)
    for ucid, name in enumerate(
        ("Set", "INT/EXT", "Day/Night", "Script Day", "Unit", "Sequence", "Location")
    )
)
SET, INT_EXT, DAY_NIGHT, SCRIPT_DAY, UNIT, SEQUENCE, LOCATION = range(7)
CAST = 100
SILENT_EXTRAS_COLOUR = "#fdd835"  # yellow: silent extras are background actors marked silent
_BY_UCID = {category.ucid: category for category in CATEGORIES + SCENE_ATTRIBUTES}

STRIP_COLOURS = {
    ("INT", "D"): "white",
    ("EXT", "D"): "yellow",
    ("INT", "N"): "blue",
    ("EXT", "N"): "green",
}
STRIP_PALETTE = {"white": "#ffffff", "yellow": "#fff59d", "blue": "#90caf9", "green": "#a5d6a7"}


def category(ucid: int) -> Category:
    """The standard category with this UCID (KeyError for an unknown one)."""
    return _BY_UCID[ucid]


def strip_colour(int_ext: str, day_night: str) -> str:
    """white, yellow, blue or green for a scene's INT/EXT and day/night (D, N or a time)."""
    outside = int_ext.upper() in ("EXT", "INT-EXT")
    night = day_night.upper() in ("N", "NIGHT")
    return STRIP_COLOURS[("EXT" if outside else "INT", "N" if night else "D")]


def strip_hex(int_ext: str, day_night: str, palette: dict[str, str] | None = None) -> str:
    """The strip's colour in a board's palette (the default one unless given)."""
    return (palette or STRIP_PALETTE)[strip_colour(int_ext, day_night)]
