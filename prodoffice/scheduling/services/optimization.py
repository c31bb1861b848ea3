"""Optimizer runs: start (queued for the worker, or run here for the CLI), stop, accept, discard.

A run never touches the board it optimizes: its proposal is a new what-if board, which the
assistant director accepts as the working board (`board_set_working`) or discards (deleted).
The run itself commits its progress as it goes, outside any transaction, so the run page sees
it; the proposal board, the result and the final status commit together at the end.
"""

from __future__ import annotations

import logging
import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from prodoffice.audit.services import record
from prodoffice.core.services import require
from prodoffice.optimizer.board import solve_board
from prodoffice.scheduling import optimizer_adapter, tasks
from prodoffice.scheduling.choices import RUN_TRANSITIONS, RunStatus
from prodoffice.scheduling.explain import comparison
from prodoffice.scheduling.models import Board, OptimizationRun, Strip, StripKind
from prodoffice.scheduling.permissions import can_edit_boards
from prodoffice.scheduling.services.boards import board_set_working

logger = logging.getLogger(__name__)

_REFUSED = "Only those who edit boards run the optimizer and act on its proposals."
#: Seconds between two progress writes of a running optimization.
PROGRESS_EVERY = 1.0
#: Seconds past its time limit after which a running run is taken for lost (its worker died).
LOST_AFTER = 300


def _audit(actor, action: str, run: OptimizationRun, changes=None) -> None:
    record(actor=actor, action=action, target=run, production=run.board.production, changes=changes)


def _transition(run: OptimizationRun, status: str) -> None:
    """Move a run along its transition table (choices.RUN_TRANSITIONS)."""
    if status not in RUN_TRANSITIONS[run.status]:
        raise ValidationError(
            {"status": f"A {run.get_status_display().lower()} run cannot become {status}."}
        )
    run.status = status


def optimization_start(
    *, actor, board: Board, time_limit, settings=None, wait: bool = False
) -> OptimizationRun:
    """Queue an optimizer run of `board` (the worker runs it); `wait` runs it here instead."""
    require(can_edit_boards(actor, board.production), _REFUSED)
    seconds = optimizer_adapter.clean_time_limit(time_limit)
    cleaned = optimizer_adapter.clean_settings(board.production, settings)
    optimizer_adapter.build_problem(
        board, cleaned
    )  # bad pins, an empty board ...: refused now, not later
    with transaction.atomic():
        run = OptimizationRun.objects.create(
            board=board,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            time_limit=seconds,
            settings=cleaned,
        )
        _audit(actor, "optimization.start", run, {"time_limit": seconds, "settings": cleaned})
        if not wait:
            transaction.on_commit(lambda: _enqueue(run.pk))
    if wait:
        optimization_execute(run_id=run.pk)
    run.refresh_from_db()
    return run


def _enqueue(run_id: int) -> None:
    # `tasks` is imported as a module: the task calls back into this one, either may load first.
    tasks.run_optimization.enqueue(run_id)


def optimization_stop(*, actor, run: OptimizationRun) -> OptimizationRun:
    """Ask a running run to stop (it keeps its best proposal so far); a queued one stops now."""
    require(can_edit_boards(actor, run.board.production), _REFUSED)
    with transaction.atomic():
        locked = OptimizationRun.objects.select_for_update().get(pk=run.pk)
        if not locked.is_active:
            raise ValidationError({"status": "This run has already finished."})
        if locked.status == RunStatus.QUEUED:
            _transition(locked, RunStatus.STOPPED)
            locked.message = "Stopped before it started."
            locked.finished_at = timezone.now()
        elif _lost(locked):
            _transition(locked, RunStatus.FAILED)
            locked.message = "The worker stopped answering (it may have been restarted)."
            locked.finished_at = timezone.now()
        locked.stop_requested = True
        locked.save(
            update_fields=["status", "message", "finished_at", "stop_requested", "updated_at"]
        )
        _audit(actor, "optimization.stop", locked, {"status": locked.status})
    return locked


def _lost(run: OptimizationRun) -> bool:
    """Running far past its time limit: no worker will finish it any more."""
    if run.status != RunStatus.RUNNING or run.started_at is None:
        return False
    return (timezone.now() - run.started_at).total_seconds() > run.time_limit + LOST_AFTER


def optimization_accept(*, actor, run: OptimizationRun) -> Board:
    """Make the run's proposal the working board."""
    require(can_edit_boards(actor, run.board.production), _REFUSED)
    board = _proposal(run)
    with transaction.atomic():
        board_set_working(actor=actor, board=board)
        _audit(actor, "optimization.accept", run, {"board": board.name})
    return board


def optimization_discard(*, actor, run: OptimizationRun) -> OptimizationRun:
    """Delete the run's proposal board (the run and its figures stay on record)."""
    require(can_edit_boards(actor, run.board.production), _REFUSED)
    board = _proposal(run)
    if board.is_working:
        raise ValidationError({"board": "The proposal is the working board now: keep it."})
    with transaction.atomic():
        name = board.name
        board.delete()
        run.result_board = None
        run.result = {**run.result, "discarded": True}
        run.save(update_fields=["result_board", "result", "updated_at"])
        _audit(actor, "optimization.discard", run, {"board": name})
    return run


def _proposal(run: OptimizationRun) -> Board:
    if run.is_active:
        raise ValidationError({"status": "The run is still going: stop it or wait."})
    if run.result_board_id is None:
        raise ValidationError({"board": "This run has no proposal board (none, or discarded)."})
    return run.result_board


# --- The run itself (the background task calls this) ---------------------------------------------


def optimization_execute(*, run_id: int) -> None:
    """Solve a queued run and store its proposal; any failure marks the run failed."""
    run = _begin(run_id)
    if run is None:
        return
    try:
        _solve_and_store(run)
    except Exception as exc:
        logger.exception("optimization run %s failed", run.pk)
        _fail(run, exc)


def _begin(run_id: int) -> OptimizationRun | None:
    """Queued -> running; None when the run was stopped (or taken) in the meantime."""
    with transaction.atomic():
        run = OptimizationRun.objects.select_for_update().select_related("board__production")
        run = run.get(pk=run_id)
        if run.status != RunStatus.QUEUED:
            return None
        _transition(run, RunStatus.RUNNING)
        run.started_at = timezone.now()
        run.message = "Building the problem"
        run.save(update_fields=["status", "started_at", "message", "updated_at"])
    return run


class _Watch:
    """should_stop / on_progress callbacks backed by the run's row (throttled writes)."""

    def __init__(self, run: OptimizationRun):
        self.run_id = run.pk
        self.last = 0.0

    def should_stop(self) -> bool:
        return OptimizationRun.objects.filter(pk=self.run_id, stop_requested=True).exists()

    def on_progress(self, fraction: float, phase: str) -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_EVERY:
            return
        self.last = now
        OptimizationRun.objects.filter(pk=self.run_id, status=RunStatus.RUNNING).update(
            progress=max(0.0, min(1.0, fraction)), message=phase[:300]
        )


def _solve_and_store(run: OptimizationRun) -> None:
    board = run.board
    model = optimizer_adapter.build_problem(board, run.settings)
    before = optimizer_adapter.current_days(model, board)
    watch = _Watch(run)
    solution = solve_board(
        model.problem,
        run.time_limit,
        should_stop=watch.should_stop,
        on_progress=watch.on_progress,
    )
    stopped = solution.stopped or watch.should_stop()
    with transaction.atomic():
        run = OptimizationRun.objects.select_for_update().get(pk=run.pk)
        proposal = None
        if solution.days:
            proposal = _proposal_board(run, model, optimizer_adapter.proposal_days(solution))
        run.result = comparison(model, before, solution, proposal)
        run.result_board = proposal
        _finish(run, _final_status(solution, stopped), _summary(solution, stopped, proposal))
        _audit(
            None, "optimization.finish", run, {"status": run.status, "cost": run.result.get("cost")}
        )


def _final_status(solution, stopped: bool) -> str:
    if stopped:
        return RunStatus.STOPPED
    return RunStatus.DONE if solution.days else RunStatus.FAILED


def _summary(solution, stopped: bool, proposal) -> str:
    if proposal is None:
        reason = "; ".join(solution.conflicts) or "no schedule found"
        return f"No proposal: {reason}"[:300]
    head = "Stopped: best proposal so far" if stopped else "Done"
    return f"{head}: {proposal.name}"[:300]


def _finish(run: OptimizationRun, status: str, message: str) -> None:
    _transition(run, status)
    run.message = message
    run.finished_at = timezone.now()
    run.progress = 1.0
    run.save()


def _fail(run: OptimizationRun, exc: Exception) -> None:
    """The run failed: say why (validation errors are the user's to fix; others are ours)."""
    if isinstance(exc, ValidationError):
        message = "; ".join(exc.messages)
    else:
        message = f"Internal error ({type(exc).__name__}); see the server log."
    with transaction.atomic():
        run = OptimizationRun.objects.select_for_update().get(pk=run.pk)
        if run.status == RunStatus.RUNNING:
            _finish(run, RunStatus.FAILED, message[:300])
            _audit(None, "optimization.finish", run, {"status": run.status})


def _proposal_board(run: OptimizationRun, model, days: list[list[str]]) -> Board:
    """A new what-if board: the proposed days with a day break after each, then the boneyard."""
    source = run.board
    board = Board(
        production=source.production,
        name=_proposal_name(source),
        palette=dict(source.palette),
        created_from=source,
    )
    board.full_clean()
    board.save()
    strips: list[Strip] = []
    for day in days:
        strips += [Strip(kind=StripKind.SCENE, scene=model.scenes[sid]) for sid in day]
        strips.append(Strip(kind=StripKind.DAY_BREAK))
    boneyard = Strip.objects.filter(board=source, kind=StripKind.SCENE, in_boneyard=True)
    strips += [Strip(kind=StripKind.SCENE, scene_id=s.scene_id, in_boneyard=True) for s in boneyard]
    for position, strip in enumerate(strips):
        strip.board, strip.position = board, position
    Strip.objects.bulk_create(strips)
    record(
        actor=None,
        action="board.create",
        target=board,
        production=source.production,
        changes={"strips": len(strips), "created_from": str(source.pk), "optimization": run.pk},
    )
    return board


def _proposal_name(source: Board) -> str:
    """`<board> - optimized <UTC date time>`, made unique within the production."""
    stamp = timezone.now().strftime("%Y-%m-%d %H:%M")
    base = f"{source.name[:80]} - optimized {stamp}"
    name, n = base, 1
    while Board.objects.filter(production=source.production, name=name).exists():
        n += 1
        name = f"{base} ({n})"
    return name
