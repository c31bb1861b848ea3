"""Test helpers: SRT text built from (start ms, end ms, text) and the shared samples' folder."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
#: ../shared beside the repository, or beside the directory of worktrees.
SHARED = next(
    (p / "shared" for p in (REPO.parent, REPO.parent.parent) if (p / "shared").is_dir()),
    REPO.parent / "shared",
)
SAMPLES = SHARED / "data" / "subtitles"
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/data/subtitles absent")


def stamp(ms: int, sep: str = ",") -> str:
    """HH:MM:SS,mmm."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{sep}{millis:03d}"


def srt(*events: tuple[int, int, str]) -> str:
    """An SRT file's text."""
    blocks = [
        f"{i}\n{stamp(a)} --> {stamp(b)}\n{text}\n" for i, (a, b, text) in enumerate(events, 1)
    ]
    return "\n".join(blocks)


def vtt(*events: tuple[int, int, str]) -> str:
    """A WebVTT file's text."""
    blocks = [f"{stamp(a, '.')} --> {stamp(b, '.')}\n{text}\n" for a, b, text in events]
    return "WEBVTT\n\n" + "\n".join(blocks)
