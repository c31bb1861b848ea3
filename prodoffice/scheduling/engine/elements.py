"""The elements both parsers produce: one per paragraph of the script, with its kind."""

from __future__ import annotations

from dataclasses import dataclass

# Element kinds shared by both formats.
HEADING = "heading"
ACTION = "action"
CHARACTER = "character"
DIALOGUE = "dialogue"
PARENTHETICAL = "parenthetical"
TRANSITION = "transition"
CENTERED = "centered"
LYRICS = "lyrics"
SHOT = "shot"
GENERAL = "general"
PAGE_BREAK = "page_break"


@dataclass(frozen=True)
class Element:
    """One paragraph of the script: its kind, its text (lines joined by newlines), its line."""

    kind: str
    text: str
    line: int | None = None
    dual: bool = False
    number: str | None = None  # the script's own scene number, on headings only
    synopsis: str | None = None  # `= synopsis` or an FDX Summary, on headings only
