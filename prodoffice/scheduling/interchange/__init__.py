"""Universal Schedule Standard (.uss) interchange through the database.

`uss_export` writes a production's current draft, breakdown, boards and calendar as a USS
document; `uss_import` reads one into a production that has no script yet, all or nothing.
Set, INT/EXT and Day/Night travel as elements of the scene-attribute categories (UCID 0, 1, 2)
as the standard wants, and come back as the scene's fields. Ids are made from the content
(`scene-12A`, `cat-104`, `el-104-2`, `sb1-day-3`) so that exporting the same schedule from two
productions gives the same document. What USS has no field for travels in `_` extensions
(`_heading`, `_timeOfDay`, `_omitted`, `_notes`, `_bannerKind`, `_working`, `_palette`,
`_dayType`); engagements do not travel (they are people, not schedule).
"""

from prodoffice.scheduling.interchange.common import MAX_USS_BYTES, USS_VERSION
from prodoffice.scheduling.interchange.exporting import uss_export, uss_export_file
from prodoffice.scheduling.interchange.importing import UssImportReport, parse_uss, uss_import

__all__ = [
    "MAX_USS_BYTES", "USS_VERSION", "UssImportReport", "parse_uss", "uss_export",
    "uss_export_file", "uss_import",
]  # fmt: skip
