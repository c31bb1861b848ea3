"""Writes of subtitle files: a new version from uploaded bytes, read and checked first."""

from __future__ import annotations

import hashlib
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from prodoffice.audit.services import record
from prodoffice.core.services import integrity_as_validation, validate
from prodoffice.languages import qc
from prodoffice.languages.choices import SubtitleKind
from prodoffice.languages.cut import cut_context
from prodoffice.languages.models import SubtitleFile, SubtitleVersion
from prodoffice.languages.selectors import profile_for
from prodoffice.languages.services._common import language_tag, require_office
from prodoffice.post.selectors import version_events

MAX_BYTES = 5 * 1024 * 1024


def read_upload(data: bytes, filename: str, language: str | None = None) -> qc.Document:
    """The document, or a ValidationError on the file field saying why it cannot be read."""
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": f"{filename}: larger than {MAX_BYTES // (1024 * 1024)} MB."})
    try:
        return qc.read_bytes(data, filename=filename, language=language)
    except qc.SubtitleReadError as exc:
        raise ValidationError({"file": f"{filename}: {exc}"}) from None


def frame_rate(value) -> Fraction:
    """An exact frame rate, or a ValidationError on the fps field."""
    try:
        return qc.parse_fps(value)
    except qc.FrameRateError as exc:
        raise ValidationError({"fps": str(exc)}) from None


@transaction.atomic
def subtitle_version_upload(
    *,
    actor,
    production,
    language: str,
    name: str,
    filename: str,
    data: bytes,
    fps="24",
    kind: str = SubtitleKind.SUBTITLES,
    cut_version=None,
) -> SubtitleVersion:
    """Keep an uploaded file as the next version of its track, with its QC counts (office)."""
    require_office(actor, production)
    language, rate = language_tag(language), _rate(production, fps, cut_version)
    document = read_upload(data, filename, language)
    track = _track(actor, production, language, kind, (name or filename).strip()[:200])
    cut = (
        cut_context(cut_version.duration_frames, version_events(cut_version))
        if cut_version
        else None
    )
    report = qc.run_qc(document, profile=profile_for(production, language), fps=rate, cut=cut)
    version = SubtitleVersion(
        subtitle_file=track,
        number=_next_number(track),
        filename=filename[:255],
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        format=document.format,
        encoding=document.encoding,
        event_count=len(document.events),
        fps_num=rate.numerator,
        fps_den=rate.denominator,
        qc_counts=report.counts,
        cut_version=cut_version,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    validate(version, exclude=["subtitle_file", "data"])
    with integrity_as_validation("Another version was uploaded at the same moment; try again."):
        version.save()
    record(
        actor=actor,
        action="subtitle.upload",
        target=track,
        production=production,
        changes={"version": [None, version.number]},
        message=filename,
    )
    return version


def _rate(production, fps, cut_version) -> Fraction:
    """The cut's rate when the file is timed against a cut version (a different one is refused)."""
    if cut_version is None:
        return frame_rate(fps or "24")
    if cut_version.cut.production_id != production.pk:
        raise ValidationError(
            {"cut_version": "That cut version does not exist on this production."}
        )
    if fps and frame_rate(fps) != cut_version.fps:
        raise ValidationError(
            {"fps": f"The cut version runs at {cut_version.fps_label} fps, not {fps}."}
        )
    return cut_version.fps


def _track(actor, production, language: str, kind: str, name: str) -> SubtitleFile:
    if kind not in SubtitleKind.values:
        raise ValidationError({"kind": f"Unknown kind {kind!r}."})
    track = SubtitleFile.objects.filter(
        production=production, language=language, kind=kind, name=name
    ).first()
    if track is None:
        track = SubtitleFile(production=production, language=language, kind=kind, name=name)
        validate(track)
        track.save()
        record(actor=actor, action="subtitle.create", target=track, production=production)
    return SubtitleFile.objects.select_for_update().get(pk=track.pk)


def _next_number(track: SubtitleFile) -> int:
    return (track.versions.aggregate(n=Max("number"))["n"] or 0) + 1
