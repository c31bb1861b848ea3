"""The change list between two cut versions: pure functions, no Django, no database.

Definitions (stated in docs/guide/post.md as well):

- A *shot* is a clip event. A shot of the old cut and one of the new cut are the same shot when
  they are on the same track, have the same clip name and their source ranges overlap. Where a
  clip name repeats (the same take used twice), pairs are made one to one, largest source overlap
  first, then nearest in record order.
- **removed**: a shot in the old cut only. **added**: a shot in the new cut only.
- **trimmed**: in both, with a different source in or source out (head or tail trim).
- **moved**: in both, but outside the longest common subsequence of shots in record order (the
  shots that kept their order relative to each other are not moved; the others are).
  A shot can be trimmed and moved at once: it is then listed under both.

Frames are counted from the first frame of each cut (record in 0), half-open: `out` is the first
frame after the shot. Gaps and transitions are not shots; they change nothing on their own.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Protocol

CATEGORIES = ("added", "removed", "trimmed", "moved")
#: The keys of one entry in the JSON contract of `compare-cuts` and the API.
ENTRY_KEYS = ("clip", "old_record_in", "old_record_out", "new_record_in", "new_record_out")


class Shot(Protocol):
    """What `compare` reads of an event: a `CutEvent` row or a reader's `ReadEvent`."""

    track: str
    kind: str
    clip_name: str
    source_in: int
    source_out: int
    record_in: int
    record_out: int


@dataclass(frozen=True)
class Change:
    """One line of the change list; None where a side does not apply (added has no old)."""

    clip: str
    old_record_in: int | None
    old_record_out: int | None
    new_record_in: int | None
    new_record_out: int | None
    track: str = ""
    #: For a removed shot: the frame of the new cut where it used to be (the join it left).
    new_position: int | None = None

    def as_dict(self) -> dict:
        """The five keys of the contract, nothing else."""
        data = asdict(self)
        return {key: data[key] for key in ENTRY_KEYS}


@dataclass
class ChangeList:
    """Added, removed, trimmed and moved shots, each list in record order."""

    added: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    trimmed: list[Change] = field(default_factory=list)
    moved: list[Change] = field(default_factory=list)

    def as_dict(self) -> dict[str, list[dict]]:
        """The JSON shape of `compare-cuts --json`."""
        return {name: [c.as_dict() for c in getattr(self, name)] for name in CATEGORIES}

    def rows(self) -> list[tuple[str, Change]]:
        """(category, change) pairs for tables and exports, in category then record order."""
        return [(name, c) for name in CATEGORIES for c in getattr(self, name)]

    def __len__(self) -> int:
        return sum(len(getattr(self, name)) for name in CATEGORIES)


def _shots(events: Iterable[Shot]) -> dict[str, list[Shot]]:
    """Clip events per track, in record order."""
    tracks: dict[str, list[Shot]] = defaultdict(list)
    for event in events:
        if event.kind == "clip":
            tracks[event.track].append(event)
    for shots in tracks.values():
        shots.sort(key=lambda s: (s.record_in, s.record_out))
    return tracks


def _overlap(a: Shot, b: Shot) -> int:
    return min(a.source_out, b.source_out) - max(a.source_in, b.source_in)


def _pair(old: Sequence[Shot], new: Sequence[Shot]) -> list[tuple[int, int]]:
    """One-to-one (old index, new index) pairs of the same shot, largest overlap first."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, shot in enumerate(old):
        by_name[shot.clip_name].append(i)
    candidates = []
    for j, shot in enumerate(new):
        for i in by_name.get(shot.clip_name, ()):
            overlap = _overlap(old[i], shot)
            # A zero-length source (a one-frame event reads as in == out) still names the shot.
            if overlap > 0 or (overlap == 0 and _touches_empty(old[i], shot)):
                candidates.append((-overlap, abs(i - j), i, j))
    candidates.sort()
    used_old, used_new, pairs = set(), set(), []
    for _, _, i, j in candidates:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def _touches_empty(a: Shot, b: Shot) -> bool:
    return a.source_in == a.source_out or b.source_in == b.source_out


def _longest_increasing(values: Sequence[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (patience sorting, n log n)."""
    tails: list[int] = []
    tail_pos: list[int] = []
    parent = [-1] * len(values)
    for pos, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_pos.append(pos)
        else:
            tails[k] = value
            tail_pos[k] = pos
        parent[pos] = tail_pos[k - 1] if k else -1
    keep, pos = set(), tail_pos[-1] if tail_pos else -1
    while pos != -1:
        keep.add(pos)
        pos = parent[pos]
    return keep


def _both(shot_old: Shot, shot_new: Shot) -> Change:
    return Change(
        shot_new.clip_name,
        shot_old.record_in,
        shot_old.record_out,
        shot_new.record_in,
        shot_new.record_out,
        track=shot_new.track,
    )


def _removed_position(i: int, pairs: list[tuple[int, int]], new: Sequence[Shot]) -> int:
    """Where old shot i sat in the new cut: the record out of the last kept shot before it."""
    before = [j for (oi, j) in pairs if oi < i]
    if before:
        return new[before[-1]].record_out
    after = [j for (oi, j) in pairs if oi > i]
    return new[after[0]].record_in if after else 0


def _compare_track(old: Sequence[Shot], new: Sequence[Shot], out: ChangeList) -> None:
    pairs = _pair(old, new)
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    for i, shot in enumerate(old):
        if i not in paired_old:
            where = _removed_position(i, pairs, new)
            out.removed.append(
                Change(
                    shot.clip_name, shot.record_in, shot.record_out, None, None, shot.track, where
                )
            )
    for j, shot in enumerate(new):
        if j not in paired_new:
            out.added.append(
                Change(shot.clip_name, None, None, shot.record_in, shot.record_out, shot.track)
            )
    in_order = _longest_increasing([j for _, j in pairs])
    for k, (i, j) in enumerate(pairs):
        a, b = old[i], new[j]
        if (a.source_in, a.source_out) != (b.source_in, b.source_out):
            out.trimmed.append(_both(a, b))
        if k not in in_order:
            out.moved.append(_both(a, b))


def compare(old_events: Iterable[Shot], new_events: Iterable[Shot]) -> ChangeList:
    """The change list from the old cut to the new one (see the module's definitions)."""
    old_tracks, new_tracks = _shots(old_events), _shots(new_events)
    out = ChangeList()
    for track in sorted(set(old_tracks) | set(new_tracks)):
        _compare_track(old_tracks.get(track, []), new_tracks.get(track, []), out)
    out.added.sort(key=lambda c: (c.new_record_in, c.track))
    out.removed.sort(key=lambda c: (c.old_record_in, c.track))
    out.trimmed.sort(key=lambda c: (c.new_record_in, c.track))
    out.moved.sort(key=lambda c: (c.new_record_in, c.track))
    return out


def changed_ranges(change_list: ChangeList) -> list[tuple[int, int]]:
    """Record ranges of the NEW cut that changed, merged, sorted, half-open frames.

    Added, trimmed and moved shots give their new record range; a removed shot gives the join it
    left in the new cut as an empty range (p, p). Overlapping or touching ranges merge.
    """
    ranges = [
        (c.new_record_in, c.new_record_out)
        for name in ("added", "trimmed", "moved")
        for c in getattr(change_list, name)
    ]
    ranges += [(c.new_position, c.new_position) for c in change_list.removed]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(r for r in ranges if r[0] is not None):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
