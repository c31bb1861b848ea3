"""Constants shared by the USS export and import."""

from __future__ import annotations

from prodoffice.scheduling.choices import DayNight, IntExt
from prodoffice.scheduling.engine import categories as cats

USS_VERSION = "1.0"
#: A schedule of a few thousand scenes is well under this.
MAX_USS_BYTES = 20 * 1024 * 1024
#: The scene-attribute categories whose elements are the scene's own fields.
SCENE_FIELDS = (cats.SET, cats.INT_EXT, cats.DAY_NIGHT)
IE_NAMES = {IntExt.INT: "INT", IntExt.EXT: "EXT", IntExt.INT_EXT: "INT/EXT"}
DN_NAMES = {DayNight.DAY: "DAY", DayNight.NIGHT: "NIGHT"}
