"""Breakdown sheets as PDF (WeasyPrint): the classic layout, one page per scene, nothing fetched.

The header holds the scene's facts (sheet and scene number, INT/EXT, set, day or night, pages in
eighths, script page, synopsis, revision colour); below it one box per category, its title bar
in the production's colour for that category, listing the scene's elements with their board IDs.
"""

from __future__ import annotations

from prodoffice.core.pdf import render_pdf
from prodoffice.scheduling.models import Scene, Script
from prodoffice.scheduling.selectors.breakdown import scene_sheet, scenes_sheets


def _dark(colour: str) -> bool:
    """Whether white text reads better than black on this colour (relative luminance)."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5


def _mark(groups) -> list:
    for group in groups:
        group.dark = _dark(group.category.colour)
    return groups


def _pdf(script: Script, sheets) -> bytes:
    """The sheets as one PDF, drawn from `scheduling/pdf/breakdown_sheets.html`."""
    production = script.production
    context = {
        "production": production,
        "script": script,
        "sheets": [(scene, _mark(groups)) for scene, groups in sheets],
    }
    return render_pdf(
        template="scheduling/pdf/breakdown_sheets.html",
        context=context,
        title=f"Breakdown sheets – {production.code}",
        subject=f"{production.title}, {script.revision_colour} revision",
    )


def scene_sheet_pdf(scene: Scene) -> bytes:
    """One scene's breakdown sheet as PDF bytes."""
    return _pdf(scene.script, [(scene, scene_sheet(scene))])


def script_sheets_pdf(script: Script) -> bytes:
    """Every scene in play of the draft, one breakdown sheet per page."""
    return _pdf(script, scenes_sheets(script))
