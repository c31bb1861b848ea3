"""Common records of an imported script: scenes, the script, problems and errors.

The parsers (fountain.py, fdx.py) turn a file into a flat list of `Element`s (elements.py);
`build_script` then cuts that list into scenes, reads each heading, measures the scenes on the
page (layout.py) and collects the speaking characters. Plain data: no Django, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .elements import ACTION, CHARACTER, GENERAL, HEADING, Element
from .headings import day_night_of, parse_heading
from .layout import Placement, measure

MS_PER_EIGHTH = 7500  # a page is about a minute of screen time: 60 s / 8
_EXTENSION = re.compile(r"\([^)]*\)?")


class ScriptError(ValueError):
    """A file that cannot be imported; `line` is set when one line is to blame."""

    def __init__(self, message: str, line: int | None = None):
        self.message = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass(frozen=True)
class ScriptProblem:
    """Something worth the reader's attention; a warning imports, any other problem refuses."""

    line: int | None
    scene: str | None
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = [f"scene {self.scene}"] if self.scene else []
        where += [f"line {self.line}"] if self.line is not None else []
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class Scene:
    """A scene as the breakdown sees it; `eighths` is an integer count of eighths of a page."""

    number: str
    heading: str
    int_ext: str
    set: str
    time: str
    eighths: int
    page: int
    synopsis: str
    characters: list[str]
    line: int | None = None
    own_number: bool = False
    day_night: str = "D"
    text: str = ""
    summary: str = ""
    #: The line of each speaking character's first cue, by upper-cased name.
    cue_lines: dict[str, int | None] = field(default_factory=dict)

    @property
    def screen_time_ms(self) -> int:
        """Estimated screen time: a page is about a minute."""
        return self.eighths * MS_PER_EIGHTH


@dataclass
class Script:
    """An imported script: title, scenes in order, problems found on the way."""

    scenes: list[Scene]
    title: str = ""
    source_format: str = "fountain"
    problems: list[ScriptProblem] = field(default_factory=list)
    pages: int = 0

    @property
    def eighths(self) -> int:
        """Total page count in eighths: the sum of the scenes, as the stripboard adds them."""
        return sum(scene.eighths for scene in self.scenes)

    @property
    def speaking_characters(self) -> list[str]:
        """Every speaking character once, in order of first appearance."""
        seen: dict[str, str] = {}
        for scene in self.scenes:
            for name in scene.characters:
                seen.setdefault(name.upper(), name)
        return list(seen.values())

    def summary(self) -> dict:
        """Scene count, total eighths and speaking characters (the import command's JSON)."""
        return {
            "scenes": len(self.scenes),
            "pages_eighths": self.eighths,
            "speaking_characters": self.speaking_characters,
        }

    @property
    def warnings(self) -> list[ScriptProblem]:
        """Problems that do not stop the import (a heading the reader could not split)."""
        return [problem for problem in self.problems if problem.warning]

    def raise_for_problems(self) -> None:
        """Refuse the script when the import found problems other than warnings."""
        errors = [problem for problem in self.problems if not problem.warning]
        if errors:
            first = errors[0]
            prefix = f"scene {first.scene}: " if first.scene else ""
            raise ScriptError(prefix + first.message, first.line)


def character_name(cue: str) -> str:
    """The character's name from a dialogue cue: no (V.O.), (O.S.), (CONT'D), `^` or `@`."""
    name = cue.strip().rstrip("^").strip()
    name = name.removeprefix("@")
    name = _EXTENSION.sub(" ", name)
    return " ".join(name.split())


def build_script(elements: list[Element], *, title: str = "", source_format: str) -> Script:
    """Cut the element list into scenes, read their headings, measure them, find their cast."""
    placed = measure(elements)
    problems: list[ScriptProblem] = []
    scenes = [_scene(chunk, placed) for chunk in _chunks(elements)]
    if not scenes:
        raise ScriptError("No scene headings found: this does not look like a screenplay.")
    _number_scenes(scenes)
    _inherit_day_night(scenes)
    _heading_problems(scenes, problems)
    return Script(
        scenes, title=title, source_format=source_format, problems=problems, pages=placed.pages
    )


def _chunks(elements: list[Element]) -> list[list[tuple[int, Element]]]:
    """Scenes as lists of (position, element), each starting at its heading."""
    chunks: list[list[tuple[int, Element]]] = []
    for position, element in enumerate(elements):
        if element.kind == HEADING:
            chunks.append([])
        if chunks:
            chunks[-1].append((position, element))
    return chunks


def _scene(chunk: list[tuple[int, Element]], placed: Placement) -> Scene:
    """One Scene from its elements and their measured lines."""
    heading = chunk[0][1]
    parts = parse_heading(heading.text)
    body = [element for _, element in chunk[1:]]
    lines = sum(placed.lines[position] for position, _ in chunk)
    return Scene(
        number=heading.number or "",
        heading=heading.text,
        int_ext=parts.int_ext,
        set=parts.set,
        time=parts.time,
        eighths=placed.eighths_for(lines),
        page=placed.pages_at[chunk[0][0]],
        synopsis=_first_action(body),
        characters=_characters(body),
        line=heading.line,
        own_number=bool(heading.number),
        text="\n".join(element.text for element in body),
        summary=heading.synopsis or "",
        cue_lines=_cue_lines(body),
    )


def _first_action(body: list[Element]) -> str:
    """The synopsis: the scene's first action line."""
    for element in body:
        if element.kind in (ACTION, GENERAL) and element.text.strip():
            return element.text.strip().splitlines()[0].strip()
    return ""


def _characters(body: list[Element]) -> list[str]:
    """Speaking characters of a scene, once each, in order of first line."""
    names: dict[str, str] = {}
    for element in body:
        if element.kind == CHARACTER:
            name = character_name(element.text)
            if name:
                names.setdefault(name.upper(), name)
    return list(names.values())


def _cue_lines(body: list[Element]) -> dict[str, int | None]:
    """The line of each speaking character's first cue in the scene, by upper-cased name."""
    lines: dict[str, int | None] = {}
    for element in body:
        if element.kind == CHARACTER and (name := character_name(element.text)):
            lines.setdefault(name.upper(), element.line)
    return lines


def _number_scenes(scenes: list[Scene]) -> None:
    """Keep the script's own numbers; number the others in order, skipping numbers in use."""
    taken = {scene.number for scene in scenes if scene.own_number}
    counter = 0
    for scene in scenes:
        if scene.own_number:
            counter = max(counter, _leading_int(scene.number))
            continue
        counter += 1
        while str(counter) in taken:
            counter += 1
        scene.number = str(counter)
        taken.add(scene.number)


def _leading_int(number: str) -> int:
    """12 for '12A', 0 when the number has no digits in front."""
    match = re.match(r"\d+", number)
    return int(match.group()) if match else 0


def _inherit_day_night(scenes: list[Scene]) -> None:
    """CONTINUOUS, LATER and headings without a time carry the previous scene's day or night."""
    previous = "D"
    for scene in scenes:
        previous = day_night_of(scene.time) or previous
        scene.day_night = previous


def _heading_problems(scenes: list[Scene], problems: list[ScriptProblem]) -> None:
    """Warn of headings without a set (the heading stands in for it); refuse repeated numbers.

    Numbers that differ only in case (12a, 12A) are the same scene number to the trade.
    """
    seen: dict[str, Scene] = {}
    for scene in scenes:
        if not scene.set:
            scene.set = _set_stand_in(scene.heading)
            message = f"no set found in the heading: the set is “{scene.set}” until corrected"
            problems.append(ScriptProblem(scene.line, scene.number, message, warning=True))
        first = seen.setdefault(scene.number.upper(), scene)
        if first is not scene:
            message = (
                f"scene number used twice: “{first.number}”{_at(first)} "
                f"and “{scene.number}”{_at(scene)}"
            )
            problems.append(ScriptProblem(scene.line, scene.number, message))


def _at(scene: Scene) -> str:
    """' at line 12', or nothing when the reader kept no line for the scene."""
    return f" at line {scene.line}" if scene.line is not None else ""


def _set_stand_in(heading: str) -> str:
    """The heading itself as the set of a heading that could not be split."""
    return " ".join(heading.split()).strip(" .-") or "UNKNOWN SET"
