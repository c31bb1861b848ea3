"""What a cut tells the subtitles: shot changes from its events, and which subtitle events a new
cut's change list touches. Pure functions over the post app's events and change lists.

Subtitle times count from the programme's first frame, as the cut's record frames do (record in
0 is the cut's first frame; ADR 0021).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

from prodoffice.languages.qc import CutContext, Event
from prodoffice.languages.qc.timing import ms_to_frame

VIDEO_PREFIX = "V"


def shot_changes(events: Iterable) -> tuple[int, ...]:
    """Frames where a new picture starts: the record in of each video clip or gap but the first."""
    frames = {
        e.record_in
        for e in events
        if e.track.upper().startswith(VIDEO_PREFIX) and e.kind in ("clip", "gap")
    }
    frames.discard(0)
    return tuple(sorted(frames))


def cut_context(runtime_frames: int, events: Iterable) -> CutContext:
    """The QC engine's view of a cut version."""
    return CutContext(runtime_frames=runtime_frames, shot_changes=shot_changes(events))


def old_ranges(change_list) -> list[tuple[int, int]]:
    """Ranges of the OLD cut that a change touches, half-open frames, merged and sorted.

    Removed, trimmed and moved shots give their old record range. An added shot has none in the
    old cut: its new record in stands for where it was inserted (exact up to the first change)."""
    ranges = [
        (c.old_record_in, c.old_record_out)
        for name in ("removed", "trimmed", "moved")
        for c in getattr(change_list, name)
    ]
    ranges += [(c.new_record_in, c.new_record_in + 1) for c in change_list.added]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(r for r in ranges if r[0] is not None):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def affected_events(
    events: Sequence[Event], ranges: Sequence[tuple[int, int]], fps: Fraction
) -> list[int]:
    """The numbers (from 1) of the subtitle events whose time range overlaps a changed range."""
    hit = []
    for event in events:
        start, end = ms_to_frame(event.start_ms, fps), ms_to_frame(event.end_ms, fps)
        if any(start < r_end and r_start < max(end, start + 1) for r_start, r_end in ranges):
            hit.append(event.index)
    return hit
