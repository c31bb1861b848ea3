"""Subtitle quality control as pure functions: no Django, to be benchmarked and reused alone."""

from .engine import Report, run_qc
from .errors import SubtitleReadError
from .profiles import Profile, default_profile, with_overrides
from .reading import FORMATS, Document, Event, read_bytes
from .rules import ALL_RULES, BASE_RULES, CutContext, GlossaryTerm, Violation
from .timing import FrameRateError, format_ms, parse_fps

__all__ = [
    "ALL_RULES",
    "BASE_RULES",
    "FORMATS",
    "CutContext",
    "Document",
    "Event",
    "FrameRateError",
    "GlossaryTerm",
    "Profile",
    "Report",
    "SubtitleReadError",
    "Violation",
    "default_profile",
    "format_ms",
    "parse_fps",
    "read_bytes",
    "run_qc",
    "with_overrides",
]
