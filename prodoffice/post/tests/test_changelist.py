"""The change list as a pure function: each definition of the guide on small cuts."""

from __future__ import annotations

from dataclasses import dataclass

from prodoffice.post.changelist import changed_ranges, compare


@dataclass
class E:
    clip_name: str
    source_in: int
    source_out: int
    record_in: int = 0
    record_out: int = 0
    track: str = "V1"
    kind: str = "clip"


def cut(*shots):
    """Consecutive shots from (name, src_in, src_out)."""
    out, at = [], 0
    for name, a, b in shots:
        out.append(E(name, a, b, at, at + b - a))
        at += b - a
    return out


A, B, C, D = ("A", 0, 10), ("B", 100, 120), ("C", 200, 205), ("D", 300, 330)


def entries(change_list, name):
    return [c.as_dict() for c in getattr(change_list, name)]


def test_identical_cuts_have_an_empty_change_list():
    result = compare(cut(A, B, C), cut(A, B, C))
    assert len(result) == 0 and changed_ranges(result) == []


def test_removed_shot_is_in_the_old_cut_only_and_leaves_a_join():
    result = compare(cut(A, B, C), cut(A, C))
    assert entries(result, "removed") == [
        {
            "clip": "B",
            "old_record_in": 10,
            "old_record_out": 30,
            "new_record_in": None,
            "new_record_out": None,
        }
    ]
    assert not result.added and not result.moved and not result.trimmed
    assert changed_ranges(result) == [(10, 10)]


def test_added_shot_is_in_the_new_cut_only():
    result = compare(cut(A, C), cut(A, D, C))
    assert entries(result, "added") == [
        {
            "clip": "D",
            "old_record_in": None,
            "old_record_out": None,
            "new_record_in": 10,
            "new_record_out": 40,
        }
    ]
    assert changed_ranges(result) == [(10, 40)]


def test_trim_of_head_and_tail_is_trimmed_with_both_record_ranges():
    result = compare(cut(A, B, C), cut(A, ("B", 104, 118), C))
    assert entries(result, "trimmed") == [
        {
            "clip": "B",
            "old_record_in": 10,
            "old_record_out": 30,
            "new_record_in": 10,
            "new_record_out": 24,
        }
    ]
    assert not result.added and not result.removed and not result.moved


def test_a_shot_out_of_the_common_order_is_moved_the_others_are_not():
    result = compare(cut(A, B, C, D), cut(B, C, A, D))
    assert [c.clip for c in result.moved] == ["A"]
    assert entries(result, "moved")[0] == {
        "clip": "A",
        "old_record_in": 0,
        "old_record_out": 10,
        "new_record_in": 25,
        "new_record_out": 35,
    }
    assert changed_ranges(result) == [(25, 35)]


def test_source_that_no_longer_overlaps_is_a_different_shot():
    result = compare(cut(A), cut(("A", 50, 60)))
    assert [c.clip for c in result.removed] == ["A"] and [c.clip for c in result.added] == ["A"]


def test_duplicate_clip_names_pair_by_source_overlap():
    old = cut(("X", 0, 10), B, ("X", 50, 60))
    new = cut(("X", 50, 60), B, ("X", 0, 8))
    result = compare(old, new)
    # Each X keeps its own source range: the second X is trimmed, one of them moved.
    assert [c.clip for c in result.trimmed] == ["X"]
    assert result.trimmed[0].old_record_in == 0 and result.trimmed[0].new_record_in == 30
    assert not result.added and not result.removed
    assert len(result.moved) == 2


def test_gaps_and_transitions_are_not_shots_and_tracks_compare_apart():
    old = [*cut(A, B), E("", 0, 0, 30, 40, kind="gap"), E("A", 0, 10, 0, 10, track="A1")]
    new = [*cut(A, B), E("", 0, 0, 30, 50, kind="gap")]
    result = compare(old, new)
    assert [(c.clip, c.track) for c in result.removed] == [("A", "A1")]
    assert not result.added


def test_changed_ranges_merge_overlapping_and_touching_ranges():
    result = compare(cut(A, B, C, D), cut(("A", 0, 8), ("B", 100, 119), C, ("E", 0, 10)))
    assert changed_ranges(result) == [(0, 27), (32, 42)]
