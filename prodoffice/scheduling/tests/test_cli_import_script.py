"""`prodoffice import-script`: summary, JSON, dry run, revisions, clear errors and exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from prodoffice.audit.models import AuditEvent
from prodoffice.scheduling.models import Script
from prodoffice.scheduling.tests.scripts_for_tests import FDX, FIRST_DRAFT, SECOND_DRAFT

pytestmark = pytest.mark.django_db

SCREENPLAYS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "screenplays"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def script_file(tmp_path, data, name: str = "letter.fountain") -> str:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return str(path)


def refused(*args: str) -> CommandError:
    with pytest.raises(CommandError) as caught:
        run(*args)
    return caught.value


def test_json_gives_scenes_pages_and_speakers_without_extensions(world, tmp_path):
    out = run("import_script", script_file(tmp_path, FIRST_DRAFT), "--production", "nightjar",
              "--json")  # fmt: skip
    data = json.loads(out)
    assert (data["scenes"], data["pages_eighths"]) == (3, 6)
    assert data["speaking_characters"] == ["ANN", "BEN", "CAT"]  # no (V.O.), no (CONT'D)
    assert data["revision_colour"] == "White" and data["dry_run"] is False
    assert AuditEvent.objects.get(action="script.import").source == "cli"


def test_text_summary_then_a_revision_lists_added_omitted_changed(world, tmp_path):
    out = run("import_script", script_file(tmp_path, FIRST_DRAFT), "--production", "NIGHTJAR")
    assert "Scenes: 3" in out and "Pages: 6/8 (6 eighths)" in out
    assert "Speaking characters: ANN, BEN, CAT" in out
    out = run("import_script", script_file(tmp_path, SECOND_DRAFT, "pink.fountain"),
              "--production", "NIGHTJAR", "--colour", "pink")  # fmt: skip
    assert "(Pink)" in out and "Added: 1A" in out and "Omitted: 3" in out
    assert "Changed: 2" in out and "Cast to review (no engagement):" in out


def test_dry_run_saves_nothing(world, tmp_path):
    # call_command, not cli.main: run_from_argv closes the test's database connection.
    out = run("import_script", script_file(tmp_path, FDX, "roof.fdx"), "--production", "NIGHTJAR",
              "--dry-run", "--json")  # fmt: skip
    data = json.loads(out)
    assert data["scenes"] == 2 and data["dry_run"] is True
    assert not Script.objects.exists()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.fountain", "file: The file is empty."),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "poster.fountain", "binary file"),
        (b"Dear Sir,\nThanks.\n", "letter.fountain", "does not look like a screenplay"),
        (b"<FinalDraft>\n<Content>", "broken.fdx", "line 2: Broken XML"),
    ],
)
def test_bad_files_exit_1_with_a_clear_message(world, tmp_path, data, name, message):
    error = refused("import_script", script_file(tmp_path, data, name), "--production", "NIGHTJAR")
    assert error.returncode == 1 and message in str(error)
    assert not Script.objects.exists()


def test_unknown_production_and_missing_file_exit_2(world, tmp_path):
    error = refused("import_script", script_file(tmp_path, FIRST_DRAFT), "--production", "NOPE")
    assert error.returncode == 2 and 'Unknown production code "NOPE"' in str(error)
    error = refused("import_script", str(tmp_path / "absent.fountain"), "--production", "NIGHTJAR")
    assert error.returncode == 2 and "No such file" in str(error)


@pytest.mark.skipif(not SCREENPLAYS.is_dir(), reason="../shared/data absent")
@pytest.mark.parametrize("name", ["Brick-and-Steel.fountain", "Brick-and-Steel.fdx"])
def test_brick_and_steel_counts_through_the_cli(world, name):
    out = run("import_script", str(SCREENPLAYS / name), "--production", "NIGHTJAR", "--json",
              "--dry-run")  # fmt: skip
    data = json.loads(out)
    assert data["scenes"] == 8 and len(data["speaking_characters"]) == 7
    assert data["speaking_characters"][:2] == ["STEEL", "BRICK"]
    assert all("(" not in name for name in data["speaking_characters"])


def test_new_script_flag_starts_a_new_script_where_a_revision_is_refused(world, tmp_path):
    from prodoffice.scheduling.tests.scripts_for_tests import OTHER_SCRIPT

    run("import_script", script_file(tmp_path, FIRST_DRAFT), "--production", "nightjar")
    other = script_file(tmp_path, OTHER_SCRIPT, "space.fountain")
    error = refused("import_script", other, "--production", "nightjar")
    assert "shares no scene" in str(error)
    out = run("import_script", other, "--production", "nightjar", "--new-script", "--json")
    data = json.loads(out)
    assert data["new_script"] is True and data["is_revision"] is False
    assert data["revision_colour"] == "White"
    assert Script.objects.get(is_current=True).source_filename == "space.fountain"


def test_heading_warnings_are_printed_not_refused(world, tmp_path):
    path = script_file(tmp_path, "INT. A - DAY\n\nx\n\nINT. - NIGHT\n\ny\n")
    out = run("import_script", path, "--production", "nightjar")
    assert "Scenes: 2" in out
    assert "Warning: scene 2, line 5: no set found in the heading" in out
