"""`prodoffice optimize` and `optimize-file`: output, JSON keys, bad input, exit codes."""

from __future__ import annotations

import io
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from prodoffice.optimizer.instance import load_talent, order_cost
from prodoffice.scheduling.models import Board, OptimizationRun
from prodoffice.scheduling.tests.optimizer_fixtures import spread_board

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "talent"
TINY = """tiny
4
3
1 0 1 0 1
1 1 0 1 2
0 1 1 0 3
1 2 3 1
"""


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def refused(*args: str) -> CommandError:
    with pytest.raises(CommandError) as caught:
        run(*args)
    return caught.value


@pytest.fixture
def board(world) -> Board:
    return spread_board(world.production)


# --- optimize (a board) ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_optimize_json_creates_the_what_if_board(board):
    args = ("optimize", "--production", "nightjar", "--board", "Main", "--time-limit", "5")
    data = json.loads(run(*args, "--max-pages", "0.5", "--json"))
    assert {"cost", "lower_bound", "proven_optimal", "order", "seconds", "board"} <= set(data)
    assert data["proven_optimal"] and data["cost"] == data["lower_bound"]
    assert data["cost"] < data["before"]["cost"] and data["run_status"] == "done"
    assert sorted(data["order"]) == ["1", "2", "3", "4", "5", "6"]
    proposal = Board.objects.get(name=data["board"])
    assert proposal.created_from == board and not proposal.is_working
    assert OptimizationRun.objects.get().created_by is None


@pytest.mark.django_db
def test_optimize_text_names_cost_bound_proof_and_order(board):
    text = run("optimize", "--production", "NIGHTJAR", "--board", "Main", "--time-limit", "5",
               "--max-pages", "0.5", "--move-cost", "0")  # fmt: skip
    assert 'Proposal: "Main - optimized' in text and "Proven optimal: yes" in text
    assert "Lower bound:" in text and "Order: " in text and "Cost: " in text


@pytest.mark.django_db
def test_optimize_reports_contradictory_pins_as_conflicts(board):
    error = refused("optimize", "--production", "nightjar", "--board", "Main",
                    "--pin", "6=1", "--pin", "1=2", "--before", "1,6")  # fmt: skip
    assert error.returncode == 1 and "contradict" in str(error)
    assert Board.objects.count() == 1  # no proposal board


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (("--board", "Nope"), 2, 'Unknown board "Nope". Boards: Main.'),
        (("--board", "Main", "--time-limit", "0"), 2, "--time-limit must be a positive"),
        (("--board", "Main", "--pin", "99=1"), 1, "scenes 99"),
        (("--board", "Main", "--max-pages", "0"), 1, "max_eighths_per_day"),
    ],
)
def test_optimize_bad_input(board, args, code, text):
    error = refused("optimize", "--production", "nightjar", *args)
    assert error.returncode == code and text in str(error)
    assert not OptimizationRun.objects.exists()


@pytest.mark.django_db
def test_optimize_unknown_production(world):
    error = refused("optimize", "--production", "nope", "--board", "Main")
    assert error.returncode == 2 and "Unknown production code" in str(error)


# --- optimize-file (the benchmark format) -------------------------------------------------------


def brute_force(inst) -> int:
    return min(order_cost(inst, p) for p in itertools.permutations(range(inst.n_scenes)))


def test_optimize_file_json_matches_brute_force(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text(TINY)
    data = json.loads(run("optimize_file", str(path), "--json", "--time-limit", "5"))
    assert set(data) >= {"cost", "lower_bound", "proven_optimal", "order", "seconds"}
    inst = load_talent(path)
    assert data["proven_optimal"] and data["cost"] == data["lower_bound"] == brute_force(inst)
    assert sorted(data["order"]) == [0, 1, 2, 3]
    assert order_cost(inst, data["order"]) == data["cost"]


@pytest.mark.skipif(not (SHARED / "tiny2").exists(), reason="../shared/data/talent is absent")
@pytest.mark.parametrize("name", ["tiny", "tiny2"])
def test_optimize_file_on_the_shared_small_instances(name):
    data = json.loads(run("optimize_file", str(SHARED / name), "--json"))
    inst = load_talent(SHARED / name)
    assert data["proven_optimal"] and data["cost"] == brute_force(inst)


def test_optimize_file_text(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text(TINY)
    text = run("optimize_file", str(path))
    assert "tiny: 4 scenes, 3 actors" in text and "Proven optimal: yes" in text


@pytest.mark.parametrize(
    ("content", "text"),
    [
        ("bad\n2\n1\n1 x 3\n1 1\n", "line 4"),
        ("bad\n2\n1\n1 1 3\n1 0\n", "scene 2 duration must be positive"),
        ("bad\n2\n2\n1 1 3\n0 0 4\n1 1\n", "actor 2 appears in no scene"),
        ("bad\n3\n1\n1 1 3\n1 1\n", "line"),
    ],
)
def test_optimize_file_malformed_files_name_the_line(tmp_path, content, text):
    path = tmp_path / "bad.txt"
    path.write_text(content)
    error = refused("optimize_file", str(path))
    assert error.returncode == 1 and text in str(error)


def test_optimize_file_bad_options(tmp_path):
    assert refused("optimize_file", str(tmp_path / "none.txt")).returncode == 1
    path = tmp_path / "tiny.txt"
    path.write_text(TINY)
    assert refused("optimize_file", str(path), "--time-limit", "0").returncode == 2
    assert refused("optimize_file", str(path), "--time-limit", "-3").returncode == 2


def test_optimize_file_errors_reach_stderr_without_a_traceback(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("bad\n2\n1\n1 x 3\n1 1\n")
    done = subprocess.run(
        [sys.executable, "-m", "prodoffice.cli", "optimize-file", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1 and "line 4" in done.stderr
    assert "Traceback" not in done.stderr and not done.stdout


def test_optimize_file_console_script_answers_without_django(tmp_path):
    """`prodoffice optimize-file` is dispatched before Django is set up (issue 17: start-up),
    with the same JSON answer as the management command."""
    path = tmp_path / "tiny.txt"
    path.write_text(TINY)
    code = (
        "import sys; from prodoffice.cli import main\n"
        "try:\n    main(['prodoffice', 'optimize-file', sys.argv[1], '--json'])\n"
        "finally:\n    sys.stderr.write('django' if 'django' in sys.modules else 'no django')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == "no django"
    data = json.loads(done.stdout)
    assert data == {
        **json.loads(run("optimize_file", str(path), "--json")),
        "seconds": data["seconds"],
    }
    assert data["proven_optimal"] and data["cost"] == brute_force(load_talent(path))
