"""The `prodoffice` verbs: productions, import-crew, export-crew, serve; JSON and exit codes."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from prodoffice import cli
from prodoffice.audit.models import AuditEvent
from prodoffice.core.management.commands import serve
from prodoffice.productions.models import Engagement
from tests.support.personas import CANARY_RATE

pytestmark = pytest.mark.django_db

GOOD = b"first_name,last_name,email,position\nAlex,Morgan,alex@cli.test,Gaffer\n"
BAD = b"first_name,last_name,email,phone,position\nSam,Lee,sam@cli.test,+1 555,Boom\n"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def crew_file(tmp_path, data: bytes, name: str = "crew.csv") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_productions_json_lists_codes_titles_phases(world):
    out, _ = run("productions", "--json")
    rows = json.loads(out)
    assert {
        "code": "NIGHTJAR",
        "title": "Nightjar",
        "kind": "feature",
        "phase": "pre_production",
    } in rows
    assert [r["code"] for r in rows] == ["NIGHTJAR", "OTHER"]
    table, _ = run("productions")
    assert "NIGHTJAR" in table and "pre_production" in table


def test_import_crew_command_imports_and_prints_summary(world, tmp_path):
    out, _ = run("import_crew", crew_file(tmp_path, GOOD), "--production", "nightjar")
    assert "Imported 1 of 1 rows into NIGHTJAR" in out
    engagement = Engagement.objects.get(person__email="alex@cli.test")
    assert engagement.position.department.slug == "lighting-grip"
    assert AuditEvent.objects.get(action="crew.import").source == "cli"


def test_import_crew_bad_row_names_line_and_field_and_exits_1(world, tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(
            "import_crew", crew_file(tmp_path, BAD), "--production", "NIGHTJAR", stderr=err
        )
    assert exc.value.returncode == 1
    assert "nothing imported" in str(exc.value)
    assert 'line 2, phone (column D): "+1 555" is not a valid phone number' in err.getvalue()
    assert not Engagement.objects.filter(person__email="sam@cli.test").exists()


def test_import_crew_json_report(world, tmp_path):
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_crew",
            crew_file(tmp_path, BAD),
            "--production",
            "NIGHTJAR",
            "--json",
            stdout=out,
        )
    report = json.loads(out.getvalue())
    assert report["ok"] is False and report["applied"] is False
    assert report["errors"][0] == {
        "line": 2,
        "field": "phone",
        "message": '"+1 555" is not a valid phone number',
        "column": "D",
        "text": 'line 2, phone (column D): "+1 555" is not a valid phone number',
    }
    # A refused file imported nothing, and its report says so.
    assert (report["imported"], report["engagements_created"]) == (0, 0)


def test_import_crew_dry_run(world, tmp_path):
    out, _ = run("import_crew", crew_file(tmp_path, GOOD), "--production", "NIGHTJAR", "--dry-run")
    assert "Dry run, nothing saved" in out
    assert not Engagement.objects.filter(person__email="alex@cli.test").exists()


def test_import_crew_refuses_binary_file(world, tmp_path):
    path = crew_file(tmp_path, b"\x7fELF\x02\x01\x01\x00\x00", "crew.csv")
    with pytest.raises(CommandError) as exc:
        run("import_crew", path, "--production", "NIGHTJAR")
    assert exc.value.returncode == 1
    assert "not a CSV or XLSX file" in str(exc.value)


@pytest.mark.parametrize("verb", ["import_crew", "export_crew"])
def test_unknown_production_code_exits_2(world, tmp_path, verb):
    args = [crew_file(tmp_path, GOOD)] if verb == "import_crew" else ["--format", "csv"]
    with pytest.raises(CommandError) as exc:
        run(verb, *args, "--production", "NOPE")
    assert exc.value.returncode == 2
    assert 'Unknown production code "NOPE"' in str(exc.value)
    assert "NIGHTJAR" in str(exc.value)


def test_missing_file_exits_2(world, tmp_path):
    with pytest.raises(CommandError) as exc:
        run("import_crew", str(tmp_path / "absent.csv"), "--production", "NIGHTJAR")
    assert exc.value.returncode == 2


def test_console_script_maps_dashes_and_exits_non_zero(world, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["prodoffice", "import-crew", crew_file(tmp_path, GOOD), "--production", "NOPE"])
    assert exc.value.code == 2
    assert 'Unknown production code "NOPE"' in capsys.readouterr().err


def test_export_crew_formats(world, tmp_path):
    out, _ = run("export_crew", "--production", "NIGHTJAR", "--format", "csv")
    lines = out.splitlines()
    assert lines[0].startswith("First name,Last name,Position,Department")
    assert len(lines) == 1 + Engagement.objects.filter(production=world.production).count()
    # The CLI is the office: pay is included (and the other production's crew is not).
    assert str(CANARY_RATE) in out
    out, _ = run("export_crew", "--production", "NIGHTJAR", "--format", "json")
    assert {row["position"] for row in json.loads(out)} == {"Grip", "Electrician"}
    target = tmp_path / "crew.xlsx"
    _, err = run("export_crew", "--production", "NIGHTJAR", "--format", "xlsx", "-o", str(target))
    assert "Wrote" in err
    sheet = load_workbook(target).active
    assert sheet["A1"].value == "First name" and sheet.max_row == 3
    assert AuditEvent.objects.filter(action="crew.export", source="cli").count() == 3


def test_export_xlsx_needs_an_output_file(world):
    with pytest.raises(CommandError) as exc:
        run("export_crew", "--production", "NIGHTJAR", "--format", "xlsx")
    assert exc.value.returncode == 2


def test_serve_refuses_bad_sqlite_pragmas(monkeypatch):
    monkeypatch.setattr(
        serve, "sqlite_pragma_problems", lambda: ["PRAGMA synchronous is 1, expected 2"]
    )
    assert serve.serve_problems() == ["SQLite: PRAGMA synchronous is 1, expected 2"]
    started = []
    monkeypatch.setattr(serve.os, "execv", lambda *a: started.append(a))
    with pytest.raises(CommandError) as exc:
        run("serve")
    assert "Refusing to start" in str(exc.value) and "synchronous" in str(exc.value)
    assert started == []


def test_serve_refuses_deploy_check_errors_in_production_mode(settings, monkeypatch):
    from django.core.checks import Error, Warning

    settings.PRODUCTION = True
    found = [Error("insecure", id="security.E999"), Warning("meh", id="security.W999")]
    monkeypatch.setattr(serve, "run_checks", lambda **kw: found)
    warnings: list[str] = []
    assert serve.serve_problems(warnings) == ["security.E999: insecure"]
    assert warnings == ["security.W999: meh"]


def test_serve_execs_gunicorn_after_checks(monkeypatch):
    started = []
    monkeypatch.setattr(serve.os, "execv", lambda path, argv: started.append(argv))
    run("serve", "--bind", "127.0.0.1:8123", "--workers", "3")
    argv = started[0]
    assert argv[1:4] == ["-m", "gunicorn", "prodoffice.wsgi:application"]
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8123"
    assert argv[argv.index("--workers") + 1] == "3"


def test_serve_check_only_and_bad_bind(monkeypatch):
    out, _ = run("serve", "--check")
    assert "checks passed" in out
    with pytest.raises(CommandError) as exc:
        run("serve", "--bind", "localhost", "--check")
    assert exc.value.returncode == 2


@pytest.mark.parametrize(
    ("verb", "phrase"),
    [
        ("demo", "one login per role"),
        ("import_crew", "Required columns: first_name, last_name, email, position"),
        ("export_crew", "CSV, XLSX or JSON"),
        ("productions", "codes, titles and phases"),
        ("serve", "gunicorn"),
    ],
)
def test_every_verb_explains_itself(verb, phrase):
    from django.core.management import load_command_class

    app = "core" if verb == "serve" else "productions"
    command = load_command_class(f"prodoffice.{app}", verb)
    text = " ".join(command.create_parser("prodoffice", verb).format_help().split())
    assert phrase in text
