"""`prodoffice import-cut` and `compare-cuts`: the JSON contracts, refusals with exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from prodoffice.post.models import CutVersion
from prodoffice.post.tests.edl import write_edl

pytestmark = pytest.mark.django_db

EDITORIAL = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "editorial"
needs_shared = pytest.mark.skipif(not EDITORIAL.is_dir(), reason="../shared/data absent")

OLD = [("A", 0, 48), ("B", 100, 124), ("C", 200, 230), ("D", 300, 310)]
NEW = [("B", 100, 124), ("A", 4, 48), ("C", 200, 230), ("E", 0, 12)]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def edl(tmp_path, shots, name="cut.edl") -> str:
    path = tmp_path / name
    path.write_bytes(write_edl(shots))
    return str(path)


def test_import_cut_prints_the_contract(world, tmp_path):
    out = run(
        "import_cut", edl(tmp_path, OLD), "--production", "NIGHTJAR", "--name", "Feature", "--json"
    )
    assert json.loads(out) == {
        "cut": "Feature",
        "version": 1,
        "fps": 24,
        "events": 4,
        "transitions": 0,
        "gaps": 0,
        "duration_frames": 112,
        "duration": "00:00:04:16",
    }
    again = json.loads(
        run(
            "import_cut",
            edl(tmp_path, NEW),
            "--production",
            "NIGHTJAR",
            "--name",
            "Feature",
            "--json",
        )
    )
    assert again["version"] == 2


@needs_shared
def test_import_cut_of_a_shared_sample_with_a_transition(world):
    out = run(
        "import_cut", str(EDITORIAL / "dissolve_test.edl"), "--production", "NIGHTJAR", "--json"
    )
    data = json.loads(out)
    assert (data["events"], data["transitions"], data["duration"]) == (3, 1, "00:00:00:20")


@needs_shared
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("dissolve_test_fail.edl", "transition and event id mismatch"),
        ("timecode_mismatch.edl", "frames beyond 23"),
    ],
)
def test_refused_files_exit_1_with_the_readers_reason(world, name, reason):
    with pytest.raises(CommandError) as caught:
        run("import_cut", str(EDITORIAL / name), "--production", "NIGHTJAR", "--json")
    assert caught.value.returncode == 1 and reason in str(caught.value)
    assert not CutVersion.objects.exists()


def test_unknown_fps_and_empty_file_exit_1(world, tmp_path):
    for args in (("--fps", "17"), ()):
        path = edl(tmp_path, OLD) if args else str(tmp_path / "empty.edl")
        if not args:
            Path(path).write_bytes(b"")
        with pytest.raises(CommandError) as caught:
            run("import_cut", path, "--production", "NIGHTJAR", *args)
        assert caught.value.returncode == 1
    assert not CutVersion.objects.exists()


def test_compare_cuts_of_two_files_prints_the_contract(tmp_path):
    out = run("compare_cuts", edl(tmp_path, OLD, "a.edl"), edl(tmp_path, NEW, "b.edl"), "--json")
    data = json.loads(out)
    assert set(data) == {"added", "removed", "trimmed", "moved"}
    assert data["added"] == [
        {
            "clip": "E",
            "old_record_in": None,
            "old_record_out": None,
            "new_record_in": 98,
            "new_record_out": 110,
        }
    ]
    assert [e["clip"] for e in data["removed"]] == ["D"]
    assert data["trimmed"] == [
        {
            "clip": "A",
            "old_record_in": 0,
            "old_record_out": 48,
            "new_record_in": 24,
            "new_record_out": 68,
        }
    ]
    assert [e["clip"] for e in data["moved"]] in (["B"], ["A"])


def test_compare_cuts_of_stored_versions(world, tmp_path):
    for shots in (OLD, NEW):
        run("import_cut", edl(tmp_path, shots), "--production", "NIGHTJAR", "--name", "Feature")
    by_ref = json.loads(run("compare_cuts", "NIGHTJAR:Feature:v1", "NIGHTJAR:Feature:v2", "--json"))
    by_file = json.loads(
        run("compare_cuts", edl(tmp_path, OLD, "a.edl"), edl(tmp_path, NEW, "b.edl"), "--json")
    )
    assert by_ref == by_file
    with pytest.raises(CommandError, match="no such cut version"):
        run("compare_cuts", "NIGHTJAR:Feature:v1", "NIGHTJAR:Feature:v9")
