"""A USS document from an imported script: one scene breakdown per scene, with Set, INT/EXT and
Day/Night as elements of the scene-attribute categories (UCID 0, 1, 2) and the speaking characters
as Cast Members (100) numbered by first appearance; one stripboard in script order and an empty
boneyard. Ids are stable (`scene-12A`, `set-3`, `cast-1`) so a re-export gives the same file.
"""

from __future__ import annotations

from .categories import CAST, DAY_NIGHT, INT_EXT, SET, category
from .eighths import eighths_to_pages
from .script import Script
from .uss import UssBoard, UssBreakdown, UssCategory, UssDocument, UssElement, UssStripboard


class _Catalogue:
    """Elements by category, created once per name."""

    def __init__(self):
        self.categories = {ucid: UssCategory(f"cat-{ucid}", category(ucid).name, ucid)
                           for ucid in (SET, INT_EXT, DAY_NIGHT, CAST)}  # fmt: skip
        self.elements: dict[tuple[int, str], UssElement] = {}

    def element(self, ucid: int, name: str, prefix: str) -> str:
        """The id of the element `name` in category `ucid`, made on first use."""
        key = (ucid, name.upper())
        if key not in self.elements:
            members = self.categories[ucid].elements
            element_id = str(len(members) + 1) if ucid == CAST else ""
            element = UssElement(f"{prefix}-{len(members) + 1}", name, element_id=element_id)
            self.elements[key] = element
            members.append(element.id)
        return self.elements[key].id


def script_to_uss(script: Script, *, name: str = "") -> UssDocument:
    """The script's scenes as USS breakdowns, elements, categories and a stripboard."""
    catalogue = _Catalogue()
    breakdowns = [_breakdown(scene, catalogue) for scene in script.scenes]
    board = UssBoard("board-1", "stripboard", [b.id for b in breakdowns])
    boneyard = UssBoard("board-2", "boneyard", [])
    return UssDocument(
        header={"name": name or script.title, "source": script.source_format},
        breakdowns=breakdowns,
        categories=list(catalogue.categories.values()),
        elements=list(catalogue.elements.values()),
        stripboards=[UssStripboard("stripboard-1", name or script.title, [board, boneyard])],
    )


def _breakdown(scene, catalogue: _Catalogue) -> UssBreakdown:
    """One scene strip."""
    elements = [
        catalogue.element(SET, scene.set or scene.heading, "set"),
        catalogue.element(INT_EXT, scene.int_ext or "INT", "ie"),
        catalogue.element(DAY_NIGHT, "NIGHT" if scene.day_night == "N" else "DAY", "dn"),
    ]
    elements += [catalogue.element(CAST, name, "cast") for name in scene.characters]
    return UssBreakdown(
        f"scene-{scene.number}", "scene", scene.number, str(scene.page),
        eighths_to_pages(scene.eighths), scene.screen_time_ms, scene.synopsis,
        elements=elements,
    )  # fmt: skip
