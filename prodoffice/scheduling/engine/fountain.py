"""Fountain screenplays (fountain.io), read with screenplain's element recognition.

screenplain decides what each paragraph is (heading, action, dialogue, transition, centered text,
page break, section, synopsis, dual dialogue, forced elements). Around it this module adds what
scheduling needs and screenplain does not keep: the line number of every element (so problems can
name their line), nested boneyards `/* /* */ */` and notes `[[ ]]` spanning blank lines (removed
without moving any line), headings screenplain does not know (INT-EXT., Russian ИНТ./НАТ.), lyrics
(`~`), and the title.
"""

from __future__ import annotations

import itertools
import re

from screenplain.parsers.fountain import InputParagraph, _preprocess_line, parse_title_page
from screenplain.richstring import parse_emphasis
from screenplain.types import Action, Dialog, DualDialog, PageBreak, Slug, Transition

from .elements import (
    ACTION,
    CENTERED,
    CHARACTER,
    DIALOGUE,
    HEADING,
    LYRICS,
    PAGE_BREAK,
    PARENTHETICAL,
    TRANSITION,
    Element,
)
from .headings import is_heading
from .script import Script, ScriptProblem, build_script

_BONEYARD_TOKEN = re.compile(r"/\*|\*/")
_NOTE = re.compile(r"\[\[.*?\]\]", re.DOTALL)
_REMOVED = "\x00"  # a line that held only a note: neither text nor a paragraph break


def parse_fountain(text: str) -> Script:
    """Scenes of a decoded Fountain script (see encoding.decode_script)."""
    elements, title, problems = parse_elements(text)
    script = build_script(elements, title=title, source_format="fountain")
    script.problems[:0] = problems
    return script


def parse_elements(text: str) -> tuple[list[Element], str, list[ScriptProblem]]:
    """Elements of a Fountain text, its title and the problems met while cleaning it."""
    problems: list[ScriptProblem] = []
    lines = _clean_lines(text, problems)
    title, start = _title(lines)
    return fountain_elements(lines, start), title, problems


def _clean_lines(text: str, problems: list[ScriptProblem]) -> list[str]:
    """Lines without boneyard and notes, one per source line so line numbers stay true."""
    without_boneyard = _strip_boneyard(text, problems)
    without_notes = _NOTE.sub(lambda match: "\n" * match.group().count("\n"), without_boneyard)
    lines = []
    for before, after in zip(without_boneyard.split("\n"), without_notes.split("\n"), strict=True):
        emptied = before.strip() and not after.strip()
        lines.append(_REMOVED if emptied else _preprocess_line(after))
    return lines


def _strip_boneyard(text: str, problems: list[ScriptProblem]) -> str:
    """Remove `/* ... */` (nested ones too), keeping its line breaks."""
    kept: list[str] = []
    depth, position, opened = 0, 0, 0
    for match in _BONEYARD_TOKEN.finditer(text):
        if match.group() == "/*":
            if depth == 0:
                kept.append(text[position : match.start()])
                opened = match.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                kept.append("\n" * text.count("\n", opened, match.end()))
                position = match.end()
    if depth:
        line = text.count("\n", 0, opened) + 1
        problems.append(ScriptProblem(line, None, "boneyard /* never closed: the rest is unused"))
        kept.append("\n" * text.count("\n", opened))
    else:
        kept.append(text[position:])
    return "".join(kept)


def _title(lines: list[str]) -> tuple[str, int]:
    """The title page's Title and the index of the first body line (0 without a title page)."""
    head = list(itertools.takewhile(lambda line: line != "", lines))
    fields = parse_title_page([line for line in head if line != _REMOVED])
    if not fields:
        return "", 0
    title = " ".join(str(parse_emphasis(line)).strip() for line in fields.get("Title", []))
    return title, len(head) + 1


def fountain_elements(lines: list[str], start: int = 0) -> list[Element]:
    """Elements of the script body, each with the line (1-based) its paragraph starts on."""
    paragraphs: list = []
    first_line: dict[int, int] = {}
    numbered = enumerate(lines[start:], start=start + 1)
    for blank, group in itertools.groupby(numbered, lambda item: item[1] in ("", " ")):
        if blank:
            continue
        group = [(number, line) for number, line in group if line != _REMOVED]
        if not group:
            continue
        InputParagraph(_force_heading([line for _, line in group])).update_list(paragraphs)
        if paragraphs:
            first_line.setdefault(id(paragraphs[-1]), group[0][0])
    return [
        element
        for paragraph in paragraphs
        for element in _to_elements(paragraph, first_line.get(id(paragraph)))
    ]


def _force_heading(lines: list[str]) -> list[str]:
    """Headings screenplain does not recognise (INT-EXT., ИНТ.) are forced with a leading dot."""
    if len(lines) == 1 and lines[0][:1] not in "!.@>~" and is_heading(lines[0]):
        return ["." + lines[0].strip()]
    return lines


def _to_elements(paragraph, line: int | None) -> list[Element]:
    """screenplain's paragraph as our elements; sections and synopses carry no page space."""
    if isinstance(paragraph, Slug):
        number = str(paragraph.scene_number) if paragraph.scene_number else None
        return [Element(HEADING, str(paragraph.line), line, number=number,
                        synopsis=paragraph.synopsis)]  # fmt: skip
    if isinstance(paragraph, Action):
        return [Element(_action_kind(paragraph), _text(paragraph.lines), line)]
    if isinstance(paragraph, Dialog):
        return _dialog(paragraph, line, dual=False)
    if isinstance(paragraph, DualDialog):
        return _dialog(paragraph.left, line, True) + _dialog(paragraph.right, line, True)
    if isinstance(paragraph, Transition):
        return [Element(TRANSITION, str(paragraph.line), line)]
    if isinstance(paragraph, PageBreak):
        return [Element(PAGE_BREAK, "", line)]
    return []


def _action_kind(action: Action) -> str:
    """Centered text, lyrics (every line starts with ~) or plain action."""
    if action.centered:
        return CENTERED
    if all(str(line).startswith("~") for line in action.lines):
        return LYRICS
    return ACTION


def _text(lines) -> str:
    """Plain text of rich lines (emphasis markers dropped)."""
    return "\n".join(str(line) for line in lines)


def _dialog(dialog: Dialog, line: int | None, dual: bool) -> list[Element]:
    """A cue and its parentheticals and dialogue lines."""
    elements = [Element(CHARACTER, str(dialog.character), line, dual=dual)]
    for parenthetical, text in dialog.blocks:
        kind = PARENTHETICAL if parenthetical else DIALOGUE
        elements.append(Element(kind, str(text), line, dual=dual))
    return elements
