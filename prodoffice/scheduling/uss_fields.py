"""Universal Schedule Standard (.uss) interchange: the names and limits export and import share.

`selectors.interchange.uss_export` writes a production's current draft, breakdown, boards and
calendar as a USS document; `services.interchange.uss_import` reads one into a production that
has no script yet, all or nothing. Set, INT/EXT and Day/Night travel as elements of the
scene-attribute categories (UCID 0, 1, 2) as the standard wants, and come back as the scene's
fields. Ids are made from the content (`scene-12A`, `cat-104`, `el-104-2`, `sb1-day-3`) so that
exporting the same schedule from two productions gives the same document. What USS has no field
for travels in `_` extensions (`_heading`, `_timeOfDay`, `_omitted`, `_notes`, `_bannerKind`,
`_working`, `_palette`, `_dayType`); engagements do not travel (they are people, not schedule).
"""

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
