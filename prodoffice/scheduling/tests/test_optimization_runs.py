"""Optimizer runs: start (inline task backend), progress, stop, failure, accept and discard."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prodoffice.audit.models import AuditEvent
from prodoffice.scheduling.choices import RunStatus
from prodoffice.scheduling.models import Board, OptimizationRun, Strip, StripKind
from prodoffice.scheduling.services import optimization
from prodoffice.scheduling.tests.optimizer_fixtures import spread_board
from prodoffice.scheduling.tests.test_boards import layout

pytestmark = pytest.mark.django_db


ONE_A_DAY = {"max_eighths_per_day": 4}


@pytest.fixture
def board(world) -> Board:
    return spread_board(world.production)


def start(world, board, capture, **kwargs):
    """Start a run as the office; the inline backend runs it when the transaction commits."""
    with capture(execute=True):
        run = optimization.optimization_start(
            actor=world.office, board=board, time_limit=kwargs.pop("time_limit", 5), **kwargs
        )
    run.refresh_from_db()
    return run


def test_a_run_proposes_a_new_board_and_leaves_the_original_alone(
    world, board, django_capture_on_commit_callbacks
):
    before = layout(board)
    # Half a page a scene, half a page a day: one scene a day, as on the board.
    run = start(world, board, django_capture_on_commit_callbacks, settings=ONE_A_DAY)
    assert run.status == RunStatus.DONE and run.progress == 1.0
    assert layout(board) == before  # untouched
    proposal = run.result_board
    assert proposal.name.startswith("Main - optimized ") and not proposal.is_working
    assert proposal.created_from == board
    result = run.result
    assert result["proven_optimal"] and result["gap"] == 0.0
    assert result["cost"] == result["lower_bound"] < result["before"]["cost"]
    # ANN's and BEN's scenes are shot back to back in the proposal.
    order = result["order"]
    assert abs(order.index("1") - order.index("6")) == 1
    assert abs(order.index("2") - order.index("5")) == 1
    assert sorted(order) == ["1", "2", "3", "4", "5", "6"]
    scenes = [s for s in layout(proposal) if s != "|"]
    assert scenes == order and layout(proposal)[-1] == "|"
    ann = next(r for r in result["cast"] if r["name"] == "ANN")
    assert ann["before"]["hold"] == 4 and ann["after"]["hold"] == 0 and ann["saving"] > 0
    text = " ".join(result["explanation"])
    assert "Proven optimal" in text and "Ann is paid for 2 days instead of 6" in text
    assert "Company moves fall from 1 to 0: 1 move fewer" in text
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"optimization.start", "optimization.finish", "board.create"} <= actions


def test_progress_is_written_while_running(world, board, django_capture_on_commit_callbacks):
    seen = []
    real = optimization._Watch.on_progress

    def spy(self, fraction, phase):
        real(self, fraction, phase)
        seen.append(OptimizationRun.objects.get(pk=self.run_id).progress)

    with mock.patch.object(optimization._Watch, "on_progress", spy):
        start(world, board, django_capture_on_commit_callbacks)
    assert seen and all(0.0 <= p <= 1.0 for p in seen)


def test_boneyard_strips_follow_the_proposal(world, board, django_capture_on_commit_callbacks):
    from prodoffice.scheduling.services.boards import strip_to_boneyard

    strip_to_boneyard(actor=None, strip=board.strips.get(scene__number="3"))
    run = start(world, board, django_capture_on_commit_callbacks)
    strips = list(Strip.objects.filter(board=run.result_board).order_by("position"))
    assert strips[-1].in_boneyard and strips[-1].scene.number == "3"
    assert "3" not in run.result["order"]


def test_queued_run_waits_for_the_worker_and_can_be_stopped_before_it_starts(world, board):
    run = optimization.optimization_start(actor=world.office, board=board, time_limit=5)
    assert run.status == RunStatus.QUEUED  # on_commit never fires inside the test transaction
    run = optimization.optimization_stop(actor=world.office, run=run)
    assert run.status == RunStatus.STOPPED and run.stop_requested
    optimization.optimization_execute(run_id=run.pk)  # the worker arriving late does nothing
    run.refresh_from_db()
    assert run.status == RunStatus.STOPPED and run.result_board is None
    with pytest.raises(ValidationError, match="already finished"):
        optimization.optimization_stop(actor=world.office, run=run)


def test_stop_during_the_search_keeps_the_best_proposal(world, board):
    run = optimization.optimization_start(actor=world.office, board=board, time_limit=5)
    # The stop arrives while the solver runs: should_stop() answers yes from then on.
    with mock.patch.object(optimization._Watch, "should_stop", lambda self: True):
        optimization.optimization_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.STOPPED
    assert run.result["status"] in ("stopped", "optimal", "feasible")
    if run.result_board is not None:
        assert run.message.startswith("Stopped: best proposal so far")


def test_a_failure_marks_the_run_failed_with_a_message(world, board, caplog):
    run = optimization.optimization_start(actor=world.office, board=board, time_limit=5)
    with mock.patch.object(optimization, "solve_board", side_effect=RuntimeError("boom")):
        optimization.optimization_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "Internal error (RuntimeError)" in run.message
    assert run.finished_at and run.result_board is None
    assert Board.objects.filter(production=world.production).count() == 1


def test_conflicts_fail_the_run_and_are_listed(world, board, django_capture_on_commit_callbacks):
    settings = {"pins": {"6": 1, "1": 2}, "precedences": [["1", "6"]]}
    run = start(world, board, django_capture_on_commit_callbacks, settings=settings)
    assert run.status == RunStatus.FAILED and run.result_board is None
    assert any("contradict" in c for c in run.result["conflicts"])
    assert "No proposal" in run.message


def test_accept_makes_the_proposal_the_working_board(
    world, board, django_capture_on_commit_callbacks
):
    run = start(world, board, django_capture_on_commit_callbacks)
    proposal = optimization.optimization_accept(actor=world.office, run=run)
    proposal.refresh_from_db()
    board.refresh_from_db()
    assert proposal.is_working and not board.is_working
    assert AuditEvent.objects.filter(action="optimization.accept").exists()
    with pytest.raises(ValidationError, match="working board now"):
        optimization.optimization_discard(actor=world.office, run=run)


def test_discard_deletes_the_proposal_and_keeps_the_record(
    world, board, django_capture_on_commit_callbacks
):
    run = start(world, board, django_capture_on_commit_callbacks)
    name = run.result_board.name
    optimization.optimization_discard(actor=world.office, run=run)
    run.refresh_from_db()
    assert run.result_board is None and run.result["discarded"]
    assert not Board.objects.filter(name=name).exists()
    assert AuditEvent.objects.get(action="optimization.discard").changes == {"board": name}
    with pytest.raises(ValidationError, match="no proposal board"):
        optimization.optimization_accept(actor=world.office, run=run)


@pytest.mark.parametrize("role", ["crew_a", "head", "executive", "outsider"])
def test_only_board_editors_start_stop_accept_or_discard(world, board, role):
    user = getattr(world, role)
    with pytest.raises(PermissionDenied):
        optimization.optimization_start(actor=user, board=board, time_limit=5)
    assert not OptimizationRun.objects.exists()
    run = optimization.optimization_start(actor=world.office, board=board, time_limit=5)
    for call in (
        optimization.optimization_stop,
        optimization.optimization_accept,
        optimization.optimization_discard,
    ):
        with pytest.raises(PermissionDenied):
            call(actor=user, run=run)


def test_bad_input_is_refused_before_anything_is_written(world, board):
    for kwargs in ({"time_limit": 0}, {"time_limit": 5, "settings": {"pins": {"42": 1}}}):
        with pytest.raises(ValidationError):
            optimization.optimization_start(actor=world.office, board=board, **kwargs)
    assert not OptimizationRun.objects.exists()


def test_readers_see_runs_of_their_production_only(world, board):
    run = optimization.optimization_start(actor=world.office, board=board, time_limit=5)
    assert OptimizationRun.objects.for_user(world.executive).filter(pk=run.pk).exists()
    assert not OptimizationRun.objects.for_user(world.crew_a).exists()
    assert not OptimizationRun.objects.for_user(world.other_office).exists()
    assert StripKind.SCENE  # the proposal's strips are plain scene strips and day breaks


def test_pins_are_kept_in_the_proposal(world, board, django_capture_on_commit_callbacks):
    settings = {**ONE_A_DAY, "pins": {"6": 2}}
    run = start(world, board, django_capture_on_commit_callbacks, settings=settings)
    assert run.status == RunStatus.DONE
    days = [d for d in "".join(layout(run.result_board)).split("|") if d]
    assert days[1] == "6"  # the second shoot day
    assert not any("pinned" in w for w in run.result["warnings"])


def test_stopping_a_run_whose_worker_died_marks_it_failed(world, board):
    import datetime

    from django.utils import timezone

    run = OptimizationRun.objects.create(
        board=board, time_limit=5, settings={}, status=RunStatus.RUNNING,
        started_at=timezone.now() - datetime.timedelta(seconds=5 + optimization.LOST_AFTER + 1),
    )  # fmt: skip
    run = optimization.optimization_stop(actor=world.office, run=run)
    assert run.status == RunStatus.FAILED and "worker stopped answering" in run.message
    fresh = OptimizationRun.objects.create(
        board=board, time_limit=5, settings={}, status=RunStatus.RUNNING, started_at=timezone.now()
    )
    fresh = optimization.optimization_stop(actor=world.office, run=fresh)
    assert fresh.status == RunStatus.RUNNING and fresh.stop_requested
