"""One QC run over a document read: the report per event and the counts per rule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from .profiles import Profile
from .reading import Document
from .rules import (
    BASE_RULES,
    CUT_RULES,
    GLOSSARY_RULE,
    CutContext,
    GlossaryTerm,
    Violation,
    check_cut,
    check_event,
    check_glossary,
    check_pair,
    glossary_patterns,
    snap,
)
from .timing import format_fps


@dataclass(frozen=True)
class Report:
    """What QC found in one file: violations in event order, and per rule the events breaking it."""

    events: int
    format: str
    encoding: str
    fps: Fraction
    profile: Profile
    counts: dict[str, int]
    violations: tuple[Violation, ...]

    def as_dict(self) -> dict:
        """The CLI contract's JSON shape (fps and profile added for readers who want them)."""
        return {
            "events": self.events,
            "format": self.format,
            "encoding": self.encoding,
            "counts": dict(self.counts),
            "violations": [v.as_dict() for v in self.violations],
            "fps": format_fps(self.fps),
            "profile": self.profile.as_dict(),
        }

    def by_event(self) -> dict[int, list[Violation]]:
        """Violations grouped under their event number."""
        grouped: dict[int, list[Violation]] = {}
        for violation in self.violations:
            grouped.setdefault(violation.event, []).append(violation)
        return grouped


def run_qc(
    document: Document,
    *,
    profile: Profile,
    fps: Fraction,
    cut: CutContext | None = None,
    glossary: Sequence[GlossaryTerm] = (),
) -> Report:
    """Check every event of a document against a profile at a frame rate, and a cut if given."""
    timed = snap(document.events, fps)
    terms = glossary_patterns(glossary)
    found: list[Violation] = []
    previous = None
    for t in sorted(timed, key=lambda t: (t.start, t.event.index)):
        checks = list(check_event(t, profile, fps))
        if previous is not None:
            checks += check_pair(previous, t, profile)
        if cut is not None:
            checks += check_cut(t, profile, cut)
        checks += check_glossary(t, terms)
        found += [
            Violation(t.event.index, rule, t.event.start_ms, message) for rule, message in checks
        ]
        if previous is None or t.end >= previous.end:
            previous = t
    found.sort(key=lambda v: v.event)
    rules = _rules(cut, glossary)
    return Report(
        events=len(document.events),
        format=document.format,
        encoding=document.encoding,
        fps=fps,
        profile=profile,
        counts={rule: len({v.event for v in found if v.rule == rule}) for rule in rules},
        violations=tuple(found),
    )


def _rules(cut: CutContext | None, glossary: Sequence[GlossaryTerm]) -> tuple[str, ...]:
    rules = BASE_RULES
    if cut is not None:
        rules += CUT_RULES
    if glossary:
        rules += (GLOSSARY_RULE,)
    return rules
