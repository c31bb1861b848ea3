"""Measuring scenes on the standard page, the way a typeset screenplay lays them out.

The measurement model (US letter, 12 pt Courier at 10 characters an inch, 6 lines an inch):

- A page holds 55 lines of text. An eighth of a page is 55/8 (about 6.9) lines.
- Each element is word-wrapped (greedy, like a typewriter; a word longer than the line is broken)
  to its standard width in characters: scene heading, action, general, shot, centered text and
  lyrics 61; character cue 38; dialogue 35; parenthetical 30; transition 20. In dual dialogue each
  column is narrower (cue and dialogue 28, parenthetical 24) and the block is as tall as its taller
  column.
- Spacing as on the typeset page: one blank line before a heading, an action, a character cue, a
  transition, a shot or a dual-dialogue block; none before dialogue or a parenthetical (they sit
  under their cue). A blank line that would open a page is dropped. A heading never ends a page:
  when it and one line of what follows do not fit, it starts the next page.
- A forced page break (`===` in Fountain) starts a new page; the rest of the page counts for no
  scene.
- A scene's length is the lines of its elements, heading included, with their blank lines; its
  eighths are that over 55/8, rounded up, at least 1. Its script page is the page its heading lands
  on (the title page is not counted).
"""

from __future__ import annotations

from dataclasses import dataclass

from .elements import (
    ACTION,
    CENTERED,
    CHARACTER,
    DIALOGUE,
    GENERAL,
    HEADING,
    LYRICS,
    PAGE_BREAK,
    PARENTHETICAL,
    SHOT,
    TRANSITION,
    Element,
)

LINES_PER_PAGE = 55
WIDTHS = {
    HEADING: 61, ACTION: 61, GENERAL: 61, SHOT: 61, CENTERED: 61, LYRICS: 61, CHARACTER: 38,
    DIALOGUE: 35, PARENTHETICAL: 30, TRANSITION: 20,
}  # fmt: skip
DUAL_WIDTHS = {CHARACTER: 28, DIALOGUE: 28, PARENTHETICAL: 24}
_NO_SPACE_BEFORE = {DIALOGUE, PARENTHETICAL, PAGE_BREAK}


def eighths_for_lines(lines: int) -> int:
    """Eighths of a page for a number of lines: rounded up, at least one."""
    return max(1, -(-lines * 8 // LINES_PER_PAGE))


def wrapped_lines(text: str, width: int) -> int:
    """How many lines `text` takes when word-wrapped at `width` characters."""
    total = 0
    for line in text.split("\n"):
        total += 1 if len(line) <= width else _wrap_count(line, width)
    return total


def _wrap_count(line: str, width: int) -> int:
    """Greedy word wrap of one long line; only the count of lines is kept."""
    count, used = 1, -1
    for word in line.split():
        size = len(word)
        if used >= 0 and used + 1 + size <= width:
            used += 1 + size
            continue
        if used >= 0:
            count += 1
        spans = -(-size // width)
        count += spans - 1
        used = size - (spans - 1) * width
    return count


@dataclass
class Placement:
    """Per element: lines it takes (blank lines included) and the page it starts on."""

    lines: list[int]
    pages_at: list[int]
    pages: int

    @staticmethod
    def eighths_for(lines: int) -> int:
        """Eighths of a page for a number of lines."""
        return eighths_for_lines(lines)


def element_lines(elements: list[Element], index: int) -> tuple[int, int]:
    """(blank lines before, text lines) of one element; dual blocks are measured on their first."""
    element = elements[index]
    if element.kind == PAGE_BREAK:
        return 0, 0
    if element.dual:
        return _dual_lines(elements, index)
    space = 0 if element.kind in _NO_SPACE_BEFORE else 1
    return space, wrapped_lines(element.text, WIDTHS.get(element.kind, 61))


def _dual_lines(elements: list[Element], index: int) -> tuple[int, int]:
    """A dual-dialogue block counts once, on its first element: the taller column."""
    if index > 0 and elements[index - 1].dual:
        return 0, 0
    columns: list[int] = []
    for element in elements[index:]:
        if not element.dual:
            break
        if element.kind == CHARACTER:
            columns.append(0)
        if columns:
            columns[-1] += wrapped_lines(element.text, DUAL_WIDTHS.get(element.kind, 28))
    return 1, max(columns, default=0)


def measure(elements: list[Element]) -> Placement:
    """Flow the elements down the pages: lines per element and the page each starts on."""
    lines: list[int] = []
    pages_at: list[int] = []
    page, used = 1, 0
    for index, element in enumerate(elements):
        if element.kind == PAGE_BREAK:
            page, used = (page + 1, 0) if used else (page, used)
            lines.append(0)
            pages_at.append(page)
            continue
        space, text = element_lines(elements, index)
        if element.kind == HEADING and used and used + space + text + 1 > LINES_PER_PAGE:
            page, used = page + 1, 0
        space = 0 if used == 0 else space
        pages_at.append(page)
        lines.append(space + text)
        page, used = _advance(page, used, space + text)
    # a last element that exactly fills its page does not open another one
    return Placement(lines, pages_at, page if used or page == 1 else page - 1)


def _advance(page: int, used: int, lines: int) -> tuple[int, int]:
    """The page and line reached after `lines` more lines; text flows over page ends."""
    used += lines
    while used >= LINES_PER_PAGE:
        page, used = page + 1, used - LINES_PER_PAGE
    return page, used
