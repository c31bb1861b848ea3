"""Script revisions: matching a new draft to the previous one, locked scene numbers, colours.

Matching: when numbers are locked and the new draft carries its own scene numbers, a scene keeps
the scene with the same number. The rest are aligned in order on their headings (difflib's
SequenceMatcher over the two lists of headings); scenes still unmatched are paired by similarity
of heading and text (at least `MATCH_THRESHOLD`).

Locked numbers: a matched scene keeps its number; an inserted scene takes the first free number
after the scene before it: 12A between 12 and 13, 12B after 12A, 12AA between 12A and 12B (the
suffixes order as 12 < 12A < 12AA < 12AB < 12B < 13). Where no suffix fits (between 12 and 12A,
or before scene 1) the trade's prefix form is used: A12A, A1. Cut scenes stay, numbered, as
OMITTED, so no number is ever reused.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .script import Scene

REVISION_COLOURS = (
    "White", "Blue", "Pink", "Yellow", "Green", "Goldenrod", "Buff", "Salmon", "Cherry", "Tan",
)  # fmt: skip
_ROUNDS = ("", "Double ", "Triple ", "Quadruple ")
MATCH_THRESHOLD = 0.6
UNCHANGED, CHANGED, ADDED, OMITTED = "unchanged", "changed", "added", "omitted"
_NUMBER = re.compile(r"^([A-Z]*)(\d+)(.*)$")


def revision_colour(index: int) -> str:
    """The colour of the index-th issue of the script: 0 White, 1 Blue ... 10 Double White."""
    rounds, position = divmod(index, len(REVISION_COLOURS))
    prefix = _ROUNDS[rounds] if rounds < len(_ROUNDS) else f"{rounds + 1}x "
    return prefix + REVISION_COLOURS[position]


def next_revision_colour(colour: str | None) -> str:
    """The colour after `colour` (White when there was none)."""
    if not colour:
        return REVISION_COLOURS[0]
    for index in range(len(REVISION_COLOURS) * 8):
        if revision_colour(index).lower() == colour.strip().lower():
            return revision_colour(index + 1)
    raise ValueError(f"Unknown revision colour: {colour!r}.")


def number_key(number: str) -> tuple:
    """Sort key of a scene number: A1 < 1 < 1A < 1AA < 1B < A2 < 2."""
    match = _NUMBER.match(number.strip().upper())
    if not match:
        return (float("inf"), number, 1, "")
    prefix, base, suffix = match.groups()
    return (int(base), suffix, 0 if prefix else 1, prefix)


def number_between(before: str | None, after: str | None, taken: set[str]) -> str:
    """A free scene number sorting strictly between two numbers (either may be None)."""
    low = number_key(before) if before else None
    high = number_key(after) if after else None
    for candidate in _candidates(before, after):
        key = number_key(candidate)
        if candidate not in taken and (low is None or key > low) and (high is None or key < high):
            return candidate
    raise ValueError(f"No scene number left between {before} and {after}.")


def _candidates(before: str | None, after: str | None):
    """12B, then 12A.., 12AA.. after `before`; then A13, B13.. before `after`."""
    letters = string.ascii_uppercase
    if before:
        if before[-1] in letters[:-1] and _NUMBER.match(before):
            yield before[:-1] + chr(ord(before[-1]) + 1)
        yield from (before + letter for letter in letters)
    if after:
        match = _NUMBER.match(after)
        prefix = match.group(1) if match else ""
        rest = after[len(prefix) :]
        yield from (letter + rest for letter in letters)
        yield from (prefix + letter + rest for letter in letters)
    if not before and not after:
        yield "1"


@dataclass
class RevisedScene:
    """A scene of the new draft with the scene it replaces, or an omitted one."""

    number: str
    status: str
    scene: Scene | None
    previous: Scene | None

    @property
    def heading(self) -> str:
        """The heading, or OMITTED for a cut scene."""
        return "OMITTED" if self.scene is None else self.scene.heading


@dataclass
class Revision:
    """The new draft matched to the previous one."""

    scenes: list[RevisedScene] = field(default_factory=list)

    def numbers(self, status: str) -> list[str]:
        """Scene numbers with a status (added, omitted, changed, unchanged)."""
        return [entry.number for entry in self.scenes if entry.status == status]

    @property
    def added(self) -> list[str]:
        """Numbers of scenes new in this draft."""
        return self.numbers(ADDED)

    @property
    def omitted(self) -> list[str]:
        """Numbers of scenes cut from this draft."""
        return self.numbers(OMITTED)

    @property
    def changed(self) -> list[str]:
        """Numbers of scenes kept but rewritten."""
        return self.numbers(CHANGED)


def match_revision(old: list[Scene], new: list[Scene], *, locked: bool = True) -> Revision:
    """Match a new draft to the previous one; with `locked`, keep every old number."""
    pairs = _match(old, new, locked)
    numbers = _locked_numbers(old, new, pairs) if locked else [scene.number for scene in new]
    entries = [_entry(numbers[i], scene, old[pairs[i]] if i in pairs else None)
               for i, scene in enumerate(new)]  # fmt: skip
    matched = set(pairs.values())
    cut = [RevisedScene(s.number, OMITTED, None, s) for j, s in enumerate(old) if j not in matched]
    if locked:
        entries = sorted(entries + cut, key=lambda entry: number_key(entry.number))
    else:
        entries += cut
    return Revision(entries)


def _entry(number: str, scene: Scene, previous: Scene | None) -> RevisedScene:
    """Added, changed or unchanged."""
    if previous is None:
        return RevisedScene(number, ADDED, scene, None)
    same = scene.heading == previous.heading and scene.text == previous.text
    return RevisedScene(number, UNCHANGED if same else CHANGED, scene, previous)


def _match(old: list[Scene], new: list[Scene], locked: bool) -> dict[int, int]:
    """new index -> old index."""
    pairs: dict[int, int] = {}
    if locked:
        by_number = {scene.number: j for j, scene in enumerate(old)}
        for i, scene in enumerate(new):
            if scene.own_number and scene.number in by_number:
                pairs[i] = by_number[scene.number]
    _align_headings(old, new, pairs)
    _pair_similar(old, new, pairs)
    return pairs


def _align_headings(old: list[Scene], new: list[Scene], pairs: dict[int, int]) -> None:
    """Pair the unmatched scenes that keep their heading and their order."""
    used = set(pairs.values())
    free_old = [j for j in range(len(old)) if j not in used]
    free_new = [i for i in range(len(new)) if i not in pairs]
    matcher = SequenceMatcher(
        None, [_norm(old[j].heading) for j in free_old], [_norm(new[i].heading) for i in free_new],
        autojunk=False,
    )  # fmt: skip
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            pairs[free_new[block.b + offset]] = free_old[block.a + offset]


def _pair_similar(old: list[Scene], new: list[Scene], pairs: dict[int, int]) -> None:
    """Pair leftovers whose heading and text are alike (a renamed set, a rewritten heading)."""
    for i, scene in enumerate(new):
        if i in pairs:
            continue
        used = set(pairs.values())
        scored = [(_similarity(old[j], scene), j) for j in range(len(old)) if j not in used]
        best = max(scored, default=(0.0, -1))
        if best[0] >= MATCH_THRESHOLD:
            pairs[i] = best[1]


def _similarity(a: Scene, b: Scene) -> float:
    """Heading counts for a third, text for two thirds."""
    heading = SequenceMatcher(None, _norm(a.heading), _norm(b.heading)).ratio()
    text = SequenceMatcher(None, a.text, b.text, autojunk=False)
    if text.real_quick_ratio() < MATCH_THRESHOLD and heading < MATCH_THRESHOLD:
        return 0.0
    return heading / 3 + 2 * text.ratio() / 3


def _norm(heading: str) -> str:
    """Headings compared without case, punctuation or spacing differences."""
    return " ".join(re.sub(r"[^\w]+", " ", heading.upper()).split())


def _locked_numbers(old: list[Scene], new: list[Scene], pairs: dict[int, int]) -> list[str]:
    """Old numbers for matched scenes; free numbers in between for inserted ones."""
    numbers: list[str | None] = [
        old[pairs[i]].number if i in pairs else None for i in range(len(new))
    ]
    taken = {scene.number for scene in old}
    for i, number in enumerate(numbers):
        if number is not None:
            continue
        before = numbers[i - 1] if i else None
        after = next((n for n in numbers[i + 1 :] if n is not None), None)
        if before and after and number_key(after) <= number_key(before):
            after = None  # a moved scene follows: the order is the previous scene's
        numbers[i] = number_between(before, after, taken)
        taken.add(numbers[i])
    return [number or "" for number in numbers]
