"""Reads of the language desk that span relations: QC profiles and reports, staffing, overview."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from prodoffice.languages import qc
from prodoffice.languages.choices import LanguageRole
from prodoffice.languages.cut import cut_context
from prodoffice.languages.models import (
    GlossaryEntry,
    LinguistPair,
    ProductionLanguage,
    SubtitleVersion,
)
from prodoffice.post.models import Deliverable
from prodoffice.post.selectors import version_events


def profile_for(production, language: str, *, children: bool | None = None) -> qc.Profile:
    """The language's default QC profile with the production's settings for it applied."""
    entry = ProductionLanguage.objects.filter(
        production=production, language__iexact=language
    ).first()
    kids = children if children is not None else bool(entry and entry.children)
    profile = qc.default_profile(language, children=kids)
    if entry is None:
        return profile
    return qc.with_overrides(
        profile,
        max_chars_per_line=entry.max_chars_per_line,
        max_cps=Fraction(entry.max_cps) if entry.max_cps else None,
    )


def glossary_terms(production, language: str) -> list[qc.GlossaryTerm]:
    """The production's glossary for a language, as the QC engine takes it."""
    rows = GlossaryEntry.objects.filter(production=production, language__iexact=language)
    return [
        qc.GlossaryTerm(term=g.term, rendering=g.rendering, variants=tuple(g.variants))
        for g in rows
    ]


def version_report(version: SubtitleVersion) -> qc.Report:
    """The full QC report of a stored version, against its cut version when it has one (the bytes
    are read again: QC is cheap and pure)."""
    track, cut = version.subtitle_file, None
    if version.cut_version_id:
        cut = cut_context(version.cut_version.duration_frames, version_events(version.cut_version))
    document = qc.read_bytes(
        bytes(version.data),
        filename=version.filename,
        format=version.format,
        language=track.language,
    )
    return qc.run_qc(
        document,
        profile=profile_for(track.production, track.language),
        fps=version.fps,
        cut=cut,
        glossary=glossary_terms(track.production, track.language),
    )


@dataclass
class Staffing:
    """Who can translate the original into one target language, the most experienced first."""

    source: str
    target: str
    pairs: list[LinguistPair]


def staffing(production, user) -> list[Staffing]:
    """Per target language of the production, the linguists the user may see for the pair."""
    languages = list(ProductionLanguage.objects.filter(production=production))
    original = next((x.language for x in languages if x.role == LanguageRole.ORIGINAL), None)
    if original is None:
        return []
    visible = LinguistPair.objects.for_user(user).select_related("linguist")
    return [
        Staffing(original, x.language, list(visible.for_pair(original, x.language)))
        for x in languages
        if x.role == LanguageRole.TARGET
    ]


#: The post deliverable that a kind of language work feeds (its due date is the work's).
_DELIVERABLE_OF_WORK = {
    **dict.fromkeys(("translation", "subtitles", "forced", "qc"), "subtitles"),
    "sdh": "captions",
    **dict.fromkeys(("dubbing_script", "voice_casting", "recording", "mix"), "dubbed_version"),
}


def delivery_due(*, production, language: str, kind: str):
    """The earliest open deliverable of the production's delivery schedules that a piece of
    language work feeds (same language, or its primary subtag: "es" feeds "es-419"), or None.
    The earliest territory binds: the work must be done for the first delivery that needs it."""
    wanted = _DELIVERABLE_OF_WORK.get(kind)
    if not wanted or not language:
        return None
    primary = language.split("-")[0].lower()
    rows = (
        Deliverable.objects.filter(schedule__production=production, kind=wanted)
        .exclude(status__in=("delivered", "accepted"))
        .select_related("schedule")
        .order_by("due_date", "pk")
    )
    for row in rows:
        theirs = (row.language or "").lower()
        if theirs == language.lower() or theirs.split("-")[0] == primary:
            return row
    return None


def dubbed_deliverables(production, language: str):
    """The dubbed-version items of the production's delivery schedules in this language."""
    return (
        Deliverable.objects.filter(
            schedule__production=production, kind="dubbed_version", language__iexact=language
        )
        .select_related("schedule")
        .order_by("due_date", "pk")
    )
