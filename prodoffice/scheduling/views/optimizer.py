"""The optimizer on a board: the settings form that starts a run, and the run page.

The run page polls its status fragment every second while the run is queued or running (HTMX),
then shows the comparison, the explanation and the Accept / Discard buttons. One POST route per
page: the run page's form names its action (stop, accept, discard).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from prodoffice.core.views import done, form_status, run_service
from prodoffice.productions.views.decorators import production_view
from prodoffice.scheduling import optimizer_adapter
from prodoffice.scheduling.bounds import bound_words
from prodoffice.scheduling.engine.eighths import format_eighths
from prodoffice.scheduling.forms import OptimizeForm
from prodoffice.scheduling.models import Board, OptimizationRun
from prodoffice.scheduling.permissions import can_edit_boards
from prodoffice.scheduling.services import optimization

ACTIONS = {
    "stop": optimization.optimization_stop,
    "accept": optimization.optimization_accept,
    "discard": optimization.optimization_discard,
}


def _board(request, production, public_id) -> Board:
    boards = Board.objects.for_user(request.user).in_production(production)
    return get_object_or_404(boards, public_id=public_id)


def _require_edit(request, production) -> None:
    if not can_edit_boards(request.user, production):
        raise PermissionDenied("Only those who edit boards run the optimizer.")


def _initial(production) -> dict:
    defaults = optimizer_adapter.default_settings(production)
    return {
        "time_limit": 30,
        "max_pages": Decimal(defaults["max_eighths_per_day"]) / 8,
        "company_move_cost": defaults["company_move_cost"],
        "separate_day_night": defaults["separate_day_night"],
    }


@production_view
def board_optimize(request, production, public_id):
    """The run settings form (POST starts a run and opens its page) and the board's past runs."""
    board = _board(request, production, public_id)
    _require_edit(request, production)
    form = OptimizeForm(request.POST or None, initial=_initial(production))
    if request.method == "POST" and form.is_valid():
        run = run_service(
            form,
            lambda: optimization.optimization_start(
                actor=request.user,
                board=board,
                time_limit=form.cleaned_data["time_limit"],
                settings=form.settings(),
            ),
        )
        if run is not None:
            return done(request, reverse("web:optimization", args=[production.code, run.public_id]))
    runs = OptimizationRun.objects.for_user(request.user).filter(board=board)
    context = {"nav_active": "boards", "board": board, "form": form, "runs": runs[:20]}
    return render(
        request, "scheduling/optimizer/optimize.html", context, status=form_status(request, form)
    )


def _pages(eighths: int) -> str:
    return f"{format_eighths(eighths)} {'page' if eighths == 8 else 'pages'}"


@production_view
def optimization_detail(request, production, public_id):
    """A run: progress while it runs, then before/after, explanation and the decision buttons."""
    runs = OptimizationRun.objects.for_user(request.user).in_production(production)
    run = get_object_or_404(runs.select_related("board", "result_board"), public_id=public_id)
    error = None
    if request.method == "POST":
        _require_edit(request, production)
        action = ACTIONS.get(request.POST.get("action", ""))
        if action is None:
            error = "Choose stop, accept or discard."
        else:
            try:
                action(actor=request.user, run=run)
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                url = reverse("web:optimization", args=[production.code, run.public_id])
                return done(request, url)
        run.refresh_from_db()
    context = {
        "nav_active": "boards",
        "run": run,
        "result": run.result,
        "bound": bound_words(run.result or {}),
        "can_edit": can_edit_boards(request.user, production),
        "error": error,
        "max_pages": _pages(run.settings.get("max_eighths_per_day", 0)),
    }
    template = "scheduling/optimizer/optimization.html"
    if request.htmx and request.htmx.target == "run-status":
        template += "#run-status"
    return render(request, template, context, status=422 if error else 200)
