"""Choices of the language desk and the work items' transition table."""

from __future__ import annotations

from django.db import models


class LanguageRole(models.TextChoices):
    ORIGINAL = "original", "Original"
    TARGET = "target", "Target"


class DeliveryKind(models.TextChoices):
    """What a target language is delivered as."""

    SUBTITLES = "subtitles", "Subtitles"
    SDH = "sdh", "SDH (deaf and hard of hearing)"
    FORCED = "forced", "Forced narratives"
    DUBBING = "dubbing", "Dubbing"
    VOICE_OVER = "voice_over", "Voice-over"


class Specialism(models.TextChoices):
    SUBTITLING = "subtitling", "Subtitling"
    DUBBING_ADAPTATION = "dubbing_adaptation", "Dubbing adaptation"
    SDH = "sdh", "SDH"
    INTERPRETING = "interpreting", "Interpreting on set"
    TRANSLATION = "translation", "Script translation"


class RateUnit(models.TextChoices):
    RUNTIME_MINUTE = "runtime_minute", "per runtime minute"
    WORD = "word", "per word"
    DAY = "day", "per day"
    HOUR = "hour", "per hour"


class WorkKind(models.TextChoices):
    TRANSLATION = "translation", "Translation"
    SUBTITLES = "subtitles", "Subtitles"
    SDH = "sdh", "SDH"
    FORCED = "forced", "Forced narratives"
    DUBBING_SCRIPT = "dubbing_script", "Dubbing script"
    VOICE_CASTING = "voice_casting", "Voice casting"
    RECORDING = "recording", "Recording"
    MIX = "mix", "Dubbed mix"
    QC = "qc", "QC"


class WorkStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    IN_REVIEW = "in_review", "In review"
    APPROVED = "approved", "Approved"
    REOPENED = "reopened", "Reopened"
    CANCELLED = "cancelled", "Cancelled"


S = WorkStatus
#: The only moves a work item makes; reopening is also what a new cut does to approved work.
WORK_TRANSITIONS: dict[str, frozenset[str]] = {
    S.OPEN: frozenset({S.IN_PROGRESS, S.CANCELLED}),
    S.IN_PROGRESS: frozenset({S.IN_REVIEW, S.CANCELLED}),
    S.IN_REVIEW: frozenset({S.APPROVED, S.IN_PROGRESS}),
    S.APPROVED: frozenset({S.REOPENED}),
    S.REOPENED: frozenset({S.IN_PROGRESS, S.CANCELLED}),
    S.CANCELLED: frozenset({S.OPEN}),
}
#: States whose work a changed cut makes stale.
REOPENABLE = frozenset({S.IN_PROGRESS, S.IN_REVIEW, S.APPROVED})


class SubtitleKind(models.TextChoices):
    SUBTITLES = "subtitles", "Subtitles"
    SDH = "sdh", "SDH"
    FORCED = "forced", "Forced narratives"
    DUBBING_SCRIPT = "dubbing_script", "Dubbing script"


class GlossaryCategory(models.TextChoices):
    CHARACTER = "character", "Character"
    PERSON = "person", "Cast member"
    PLACE = "place", "Place or set"
    TERM = "term", "Recurring term"


class GlossarySource(models.TextChoices):
    CAST = "cast", "Cast list"
    SCRIPT = "script", "Script"
    MANUAL = "manual", "Added by hand"


class InterpretingPurpose(models.TextChoices):
    SHOOT_DAY = "shoot_day", "Shoot day on set"
    ADR = "adr", "ADR session"


class SessionStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    DONE = "done", "Recorded"
    CANCELLED = "cancelled", "Cancelled"


SESSION_TRANSITIONS: dict[str, frozenset[str]] = {
    SessionStatus.BOOKED: frozenset({SessionStatus.DONE, SessionStatus.CANCELLED}),
    SessionStatus.DONE: frozenset(),
    SessionStatus.CANCELLED: frozenset({SessionStatus.BOOKED}),
}
