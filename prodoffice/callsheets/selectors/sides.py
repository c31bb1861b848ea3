"""Sides: a performer's scenes of the day, from the production's current script, as a PDF.

The script's scenes keep their heading, their script page and their text (the elements' text,
line by line, as imported); the sides set each of the performer's scenes of a published sheet
in shoot order, heading and page first, in a typewriter face. Without a current script (or when
it holds no text for the day's scenes, e.g. a board read from a scheduling file) there are no
sides, and the personal copy says so. Crew get
no sides (their copy lists the day's scenes already).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from prodoffice.core.pdf import render_pdf
from prodoffice.scheduling.models import Script

SIDES_TEMPLATE = "callsheets/pdf/sides.html"
NO_SCRIPT = "No sides: the production has no script in the office system."
NO_SCENES = "No sides: the current script has no text for your scenes of the day."


@dataclass
class Sides:
    """A performer's sides, or why there are none (`reason`)."""

    role: str = ""
    scenes: list[dict] = field(default_factory=list)
    reason: str = ""
    script: str = ""

    @property
    def available(self) -> bool:
        return bool(self.scenes)


def _cast_row(snapshot: dict, engagement: str) -> dict | None:
    return next((r for r in snapshot.get("cast", []) if r.get("engagement") == engagement), None)


def sides_for(sheet, engagement_public_id: str) -> Sides | None:
    """The sides of a performer on a published sheet; None when the person is not cast on it."""
    snapshot = sheet.snapshot or {}
    row = _cast_row(snapshot, engagement_public_id)
    if row is None:
        return None
    role = f"{row['board_id']}. {row['character']}".strip(". ")
    numbers = [s["number"] for s in snapshot.get("scenes", []) if row["board_id"] in s["cast"]]
    script = (
        Script.objects.filter(production_id=sheet.production_id, is_current=True)
        .order_by("-imported_at")
        .first()
    )
    if script is None:
        return Sides(role=role, reason=NO_SCRIPT)
    found = {
        scene.number: scene
        for scene in script.scenes.filter(number__in=numbers, omitted=False)
        .exclude(text="")
        .only("number", "heading", "script_page", "text", "eighths")
    }
    scenes = [
        {
            "number": number,
            "heading": found[number].heading,
            "page": found[number].script_page,
            "text": found[number].text,
        }
        for number in numbers
        if number in found
    ]
    label = f"{script.title or 'Script'} ({script.get_revision_colour_display()}, "
    label += f"{script.revision_date.isoformat()})"
    return Sides(role=role, scenes=scenes, reason="" if scenes else NO_SCENES, script=label)


def render_sides_pdf(sheet, sides: Sides, name: str) -> bytes:
    """The sides as a PDF: each scene starts a page."""
    snapshot = sheet.snapshot
    production = snapshot["production"]
    return render_pdf(
        template=SIDES_TEMPLATE,
        context={"sides": sides, "sheet": snapshot, "name": name},
        title=f"{production['title']} sides {snapshot['date']} v{snapshot['version']}",
        author=production["title"],
    )
