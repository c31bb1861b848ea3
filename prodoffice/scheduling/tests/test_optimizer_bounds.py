"""The optimizer never shows an impossible bound, and says so in words when no bound is useful.

The figures (`bounds.bound_figures`), the CLI, the web page and the stored result (what the
JSON gives) are checked on runs whose solver bound is negative, zero, far below the cost, or
close to it; the explanation's sentences read as a person writes them.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from prodoffice.optimizer.board import solve_board
from prodoffice.scheduling import explain
from prodoffice.scheduling.bounds import USEFUL_GAP, bound_figures, bound_words
from prodoffice.scheduling.models import OptimizationRun
from prodoffice.scheduling.tests.optimizer_fixtures import spread_board

ARGS = ("optimize", "--production", "nightjar", "--board", "Main", "--time-limit", "5")
ONE_A_DAY = ("--max-pages", "0.5")


@given(cost=st.integers(0, 10**9), bound=st.integers(-(10**9), 2 * 10**9), proven=st.booleans())
def test_the_bound_shown_is_valid_for_any_solver_bound(cost, bound, proven):
    figures = bound_figures(cost, bound, proven)
    assert 0 <= figures["lower_bound"] <= cost
    if figures["gap"] is not None:
        assert 0 <= figures["gap"] <= USEFUL_GAP and figures["bound_useful"]
    else:
        assert not figures["bound_useful"] and not proven
    words = bound_words({"cost": cost, "lower_bound": bound, "proven_optimal": proven})
    assert "-" not in words.split("(")[0] and "None" not in words


def test_no_useful_bound_is_said_in_words_not_as_a_gap():
    weak = {"cost": 400_000, "lower_bound": 40_000, "proven_optimal": False, "currency": "USD"}
    assert bound_figures(400_000, 40_000, False) == {
        "lower_bound": 40_000,
        "gap": None,
        "bound_useful": False,
    }
    assert bound_words(weak).startswith("no useful bound known")
    assert "%" not in bound_words(weak)
    assert bound_words({**weak, "lower_bound": 0}).startswith("no useful bound known")
    near = {**weak, "lower_bound": 360_000}
    assert bound_words(near) == (
        "360,000 USD (gap 10.0%: the proposal costs at most 40,000 USD more than the best possible)"
    )
    # A result stored by an older version (a gap of 90 %, no flag) reads the same way.
    assert bound_words({**weak, "gap": 0.9}).startswith("no useful bound known")


def weakened(lower_bound: int):
    """solve_board as it is, but reporting `lower_bound` and no proof (a large board's case)."""

    def solve(problem, time_limit, **kwargs):
        solution = solve_board(problem, time_limit, **kwargs)
        return dataclasses.replace(solution, status="feasible", lower_bound=lower_bound)

    return mock.patch("prodoffice.scheduling.services.optimization.solve_board", solve)


def cli(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("solver_bound", [-5_000_000, 0])
def test_cli_says_no_useful_bound_instead_of_a_gap(world, solver_bound):
    spread_board(world.production)
    with weakened(solver_bound):
        data = json.loads(cli(*ARGS, *ONE_A_DAY, "--json"))
    assert data["lower_bound"] == 0 and data["gap"] is None and not data["bound_useful"]
    assert not data["proven_optimal"]
    proof = next(line for line in data["explanation"] if "optimal" in line)
    assert "no lower bound is known" in proof and "%" not in proof
    with weakened(solver_bound):
        text = cli(*ARGS, *ONE_A_DAY)
    assert "Lower bound: no useful bound known" in text
    assert "Gap" not in text and "-5,000,000" not in text


@pytest.mark.django_db
def test_cli_keeps_a_useful_bound_and_its_gap(world):
    spread_board(world.production)
    data = json.loads(cli(*ARGS, *ONE_A_DAY, "--json"))
    with weakened(data["cost"] - 1):
        weak = json.loads(cli(*ARGS, *ONE_A_DAY, "--json"))
    assert weak["bound_useful"] and weak["lower_bound"] == weak["cost"] - 1
    assert 0 < weak["gap"] <= USEFUL_GAP
    proof = next(line for line in weak["explanation"] if "optimal" in line)
    assert "more than the best possible" in proof


@pytest.mark.django_db
def test_web_page_says_no_useful_bound_and_never_a_negative_one(
    world, office, django_capture_on_commit_callbacks
):
    board = spread_board(world.production)
    client = office
    form = {"time_limit": "5", "max_pages": "0.5", "company_move_cost": "1000",
            "separate_day_night": "on"}  # fmt: skip
    with weakened(-123_456), django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("web:board_optimize", args=["NIGHTJAR", board.public_id]), form)
    run = OptimizationRun.objects.get(board=board)
    assert run.result["lower_bound"] == 0 and run.result["gap"] is None
    page = client.get(reverse("web:optimization", args=["NIGHTJAR", run.public_id]))
    html = page.content.decode()
    bound = re.search(r'id="lower-bound">([^<]*)<', html).group(1)
    assert bound.startswith("No useful bound known")
    assert "123,456" not in html and "-123" not in html and "gap" not in bound
    # The API gives the same run the same way.
    api = office.get(f"/api/v1/optimizations/{run.public_id}/").json()
    assert api["result"]["lower_bound"] == 0 and api["result"]["gap"] is None
    assert api["result"]["bound_useful"] is False and api["bound"] == bound[0].lower() + bound[1:]
    assert [r["id"] for r in office.get("/api/v1/optimizations/").json()["results"]] == [
        str(run.public_id)
    ]


@pytest.mark.django_db
def test_api_reads_a_result_stored_by_an_older_version_with_the_same_rule(world, office):
    board = spread_board(world.production)
    old = {"cost": 500, "lower_bound": 50, "gap": 0.9, "proven_optimal": False, "currency": "USD"}
    run = OptimizationRun.objects.create(board=board, time_limit=5, status="done", result=old)
    data = office.get(f"/api/v1/optimizations/{run.public_id}/").json()
    assert data["result"]["gap"] is None and data["result"]["lower_bound"] == 50
    assert data["bound"].startswith("no useful bound known")


@pytest.mark.django_db
def test_every_explanation_sentence_reads_as_written_by_a_person(world):
    """No None, no raw codes, names as people write them, plurals right."""
    spread_board(world.production)
    with weakened(0):
        data = json.loads(cli(*ARGS, *ONE_A_DAY, "--json", "--pin", "3=2", "--before", "4,5"))
    text = data["explanation"]
    for line in text:
        assert line[0].isupper() and line.endswith(".")
        assert "None" not in line and "_" not in line
        assert not re.search(r"\b1 (days|pages|moves)\b", line)
        assert not re.search(r"\b[A-Z]{3}\b(?! a day)", line.replace("USD", ""))
    joined = " ".join(text)
    assert "Ann is paid for" in joined or "Ben is paid for" in joined
    assert "Scene 3 stays on the shoot day asked for." in joined
    assert "Shot in the order asked: scene 4 no later than scene 5." in joined


def test_sentences_name_people_and_count_properly():
    assert explain._plural(1, "day") == "1 day" and explain._plural(0, "hold day") == "no hold days"
    assert explain._names(["Ann"]) == "Ann" and explain._names(["Ann", "Ben"]) == "Ann and Ben"
    many = ["A", "B", "C", "D", "E", "F"]
    assert explain._names(many) == "A, B, C and 3 more"
    assert (
        explain._moves(3, 3, 1000, "USD")
        == "Company moves stay at 3, as on the board as it stands."
    )
    rows = [
        {"name": "NORA VANCE", "saving": 500, "before": {"paid": 9, "hold": 1},
         "after": {"paid": 8, "hold": 0}},
        {"name": "DR. ANAYA", "saving": -10, "before": {"paid": 1, "hold": 0},
         "after": {"paid": 2, "hold": 0}},
    ]  # fmt: skip
    assert explain._savings(rows, "USD") == [
        "Nora Vance is paid for 8 days instead of 9 (no hold days instead of 1), saving 500 USD.",
        "Dr. Anaya is paid for more days, for the greater saving overall.",
    ]
