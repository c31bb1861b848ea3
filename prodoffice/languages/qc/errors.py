"""Errors of the QC engine."""


class SubtitleReadError(ValueError):
    """A subtitle file that cannot be read; the message says why, for the person who sent it."""
