"""QC profiles per language: Netflix timed-text style guide defaults (DOMAIN.md section 7)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

# Script-specific line lengths; every other language gets the Latin default of 42.
_CHARS_PER_LINE = {"zh": 16, "ko": 16, "ja": 13, "yue": 16}
# Reading speed: 20/17 cps for English (adult/children), 17/13 for most other languages.
_CPS_ENGLISH = (Fraction(20), Fraction(17))
_CPS_OTHER = (Fraction(17), Fraction(13))


@dataclass(frozen=True)
class Profile:
    """The limits one QC run checks against."""

    language: str
    max_lines: int = 2
    max_chars_per_line: int = 42
    max_cps: Fraction = Fraction(20)
    min_duration: Fraction = Fraction(5, 6)
    max_duration: Fraction = Fraction(7)
    min_gap_frames: int = 2
    shot_change_min_frames: int = 3
    shot_change_max_frames: int = 11
    children: bool = False

    def as_dict(self) -> dict:
        """Plain values for JSON and templates."""
        return {
            "language": self.language,
            "max_lines": self.max_lines,
            "max_chars_per_line": self.max_chars_per_line,
            "max_cps": str(self.max_cps),
            "min_duration": str(self.min_duration),
            "max_duration": str(self.max_duration),
            "min_gap_frames": self.min_gap_frames,
            "shot_change_window": [self.shot_change_min_frames, self.shot_change_max_frames],
            "children": self.children,
        }


def primary_subtag(language: str) -> str:
    """'pt-BR' -> 'pt', 'zh-Hant' -> 'zh'."""
    return language.replace("_", "-").split("-")[0].lower()


def default_profile(language: str, *, children: bool = False) -> Profile:
    """The default limits for a BCP 47 language tag."""
    primary = primary_subtag(language)
    cps = _CPS_ENGLISH if primary == "en" else _CPS_OTHER
    return Profile(
        language=language,
        max_chars_per_line=_CHARS_PER_LINE.get(primary, 42),
        max_cps=cps[1] if children else cps[0],
        children=children,
    )


def with_overrides(profile: Profile, **overrides) -> Profile:
    """A copy with a production's settings applied (None leaves the default)."""
    return replace(profile, **{k: v for k, v in overrides.items() if v is not None})
