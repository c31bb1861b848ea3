"""Stripboards: the boards list, the stripboard with its moves and the DOOD grid.

Every change goes through a service of `scheduling/services/boards.py`. Moves from the page's script
(drag and drop, keyboard) ask for JSON (`Accept: application/json`) and get the re-rendered
sheet back; without JavaScript the same endpoints take plain form posts and redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from prodoffice.core.views import done, form_status, run_service
from prodoffice.locations.readiness import readiness_by_scene
from prodoffice.productions.views.decorators import production_view
from prodoffice.scheduling.forms import (
    BoardCreateForm,
    BoardNameForm,
    PaletteForm,
    StripForm,
    StripInsertForm,
    StripMoveForm,
)
from prodoffice.scheduling.models import Board, DayType, Strip
from prodoffice.scheduling.permissions import can_edit_boards, can_view_schedule
from prodoffice.scheduling.selectors.conflicts import dated_board_conflicts, group_by_scene
from prodoffice.scheduling.selectors.dood import day_out_of_days
from prodoffice.scheduling.selectors.stripboard import board_sheet
from prodoffice.scheduling.services import boards as services


def require_view(request, production) -> None:
    if not can_view_schedule(request.user, production):
        raise PermissionDenied("Boards are read by the office, the ADs, heads and executives.")


def require_edit(request, production) -> None:
    if not can_edit_boards(request.user, production):
        raise PermissionDenied("Only the production office and the ADs change stripboards.")


def _board(request, production, public_id, action: str = "view") -> Board:
    """A board of this production that the user may read (or change); else 404."""
    require_view(request, production)
    if action == "change":
        require_edit(request, production)
    qs = Board.objects.for_user(request.user, action).in_production(production)
    board = get_object_or_404(qs, public_id=public_id)
    board.production = production  # already read: spare the templates a query
    return board


def _boards_url(production) -> str:
    return reverse("web:boards", args=[production.code])


def _board_url(board: Board) -> str:
    return reverse("web:board", args=[board.production.code, board.public_id])


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# --- the boards list --------------------------------------------------------------------------


@production_view
def boards_list(request, production):
    """The production's boards (working board first); create one from the script or empty."""
    require_view(request, production)
    form = BoardCreateForm(request.POST or None)
    if request.method == "POST":
        require_edit(request, production)
        board = form.is_valid() and run_service(
            form,
            lambda: services.board_create(
                actor=request.user,
                production=production,
                name=form.cleaned_data["name"],
                empty=form.cleaned_data["source"] == "empty",
            ),
        )
        if board:
            messages.success(
                request, f"Board {board.name} created with {board.strips.count()} strips."
            )
            return done(request, _board_url(board))
    rows = (
        Board.objects.for_user(request.user)
        .in_production(production)
        .order_by("-is_working", "name")
    )
    context = {
        "nav_active": "boards",
        "rows": rows,
        "form": form,
        "can_edit": can_edit_boards(request.user, production),
    }
    return render(request, "scheduling/board/list.html", context, status=form_status(request, form))


def _board_action(request, production, public_id, form_class, call, success: str, target=None):
    """A POST on one board: parse, call the service, flash and redirect (errors flashed too)."""
    board = _board(request, production, public_id, "change")
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        messages.error(request, _form_text(form))
        return done(request, _boards_url(production))
    try:
        result = call(board, form.cleaned_data if form else {})
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return done(request, _boards_url(production))
    messages.success(request, success.format(board=board, result=result))
    return done(request, target(result) if target else _boards_url(production))


def _form_text(form) -> str:
    return " ".join(
        f"{name.replace('_', ' ')}: {' '.join(errs)}" for name, errs in form.errors.items()
    )


@require_POST
@production_view
def board_copy(request, production, public_id):
    """A what-if copy of a board."""
    return _board_action(
        request, production, public_id, BoardNameForm,
        lambda board, data: services.board_copy(actor=request.user, board=board, name=data["name"]),
        "Copied {board.name} to {result.name}.", target=_board_url,
    )  # fmt: skip


@require_POST
@production_view
def board_working(request, production, public_id):
    """Make a board the working board."""
    return _board_action(
        request, production, public_id, None,
        lambda board, data: services.board_set_working(actor=request.user, board=board),
        "{board.name} is now the working board.",
    )  # fmt: skip


@require_POST
@production_view
def board_rename(request, production, public_id):
    """Rename a board."""
    return _board_action(
        request, production, public_id, BoardNameForm,
        lambda board, data: services.board_rename(
            actor=request.user, board=board, name=data["name"]
        ),
        "Board renamed to {result.name}.",
    )  # fmt: skip


@require_POST
@production_view
def board_delete(request, production, public_id):
    """Delete a what-if board (never the working one)."""
    return _board_action(
        request, production, public_id, None,
        lambda board, data: services.board_delete(actor=request.user, board=board),
        "Board {board.name} deleted.",
    )  # fmt: skip


@require_POST
@production_view
def board_palette(request, production, public_id):
    """Recolour the board's strips."""
    return _board_action(
        request, production, public_id, PaletteForm,
        lambda board, data: services.board_palette_set(
            actor=request.user, board=board, palette=data
        ),
        "Strip colours of {board.name} saved.", target=_board_url,
    )  # fmt: skip


@require_POST
@production_view
def board_add_unplaced(request, production, public_id):
    """Put the current draft's scenes that the board lacks into its boneyard."""
    return _board_action(
        request, production, public_id, None,
        lambda board, data: services.board_add_unplaced(actor=request.user, board=board),
        "{result} scenes added to the boneyard of {board.name}.", target=None,
    )  # fmt: skip


# --- the stripboard ---------------------------------------------------------------------------


def _sheet_context(request, board: Board) -> dict:
    sheet = board_sheet(board)
    conflicts = dated_board_conflicts(board, sheet)
    scene_days, _ = sheet.scene_dates()
    return {
        "board": board,
        "sheet": sheet,
        "conflicts": conflicts,
        "conflicts_by_scene": group_by_scene(conflicts),
        # Paperwork readiness of each strip's location on its date (flags like the conflicts).
        "readiness_by_scene": readiness_by_scene(
            production=board.production, board=board, scene_days=scene_days
        ),
        "can_edit": can_edit_boards(request.user, board.production),
        "last_position": len(sheet.rows) + len(sheet.boneyard),
    }


@production_view
def board_detail(request, production, public_id):
    """The stripboard: strips coloured by INT/EXT and day/night, day breaks with totals."""
    board = _board(request, production, public_id)
    context = {"nav_active": "boards", **_sheet_context(request, board)}
    context["palette_form"] = PaletteForm(initial=board.palette)
    context["insert_form"] = StripInsertForm()
    return render(request, "scheduling/board/detail.html", context)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _answer(request, board: Board, message: str, error: bool = False):
    """JSON with the re-rendered sheet for the page's script; else flash and redirect."""
    if _wants_json(request):
        if error:
            return JsonResponse({"error": message}, status=422)
        html = render_to_string(
            "scheduling/board/_sheet.html", _sheet_context(request, board), request
        )
        return JsonResponse({"message": message, "html": html})
    (messages.error if error else messages.success)(request, message)
    return done(request, _board_url(board))


def _strip(board: Board, user, pk: int) -> Strip | None:
    """A strip of this production the user may change (another board's strip is found, so that
    the service can refuse it by name); None when there is no such strip for this user."""
    qs = Strip.objects.for_user(user, "change").in_production(board.production)
    return qs.select_related("board__production", "scene").filter(pk=pk).first()


def _strip_post(request, production, public_id, form_class):
    board = _board(request, production, public_id, "change")
    form = form_class(request.POST)
    if not form.is_valid():
        return board, None, form, _form_text(form)
    strip = _strip(board, request.user, form.cleaned_data["strip"])
    if strip is None:
        return board, None, form, "strip: No such strip on this board."
    return board, strip, form, ""


def _label(strip: Strip) -> str:
    return f"Scene {strip.scene.number}" if strip.scene_id else strip.get_kind_display()


@require_POST
@production_view
def board_move(request, production, public_id):
    """Move one strip (drag and drop, keyboard, or the per-strip form); audited by strip_move."""
    board, strip, form, error = _strip_post(request, production, public_id, StripMoveForm)
    if error:
        return _answer(request, board, error, error=True)
    data = form.cleaned_data
    try:
        services.strip_place(
            actor=request.user, board=board, strip=strip,
            to_position=data["position"] - 1, in_boneyard=data["boneyard"],
        )  # fmt: skip
    except ValidationError as exc:
        return _answer(request, board, error_text(exc), error=True)
    where = "the boneyard" if strip.in_boneyard else f"position {data['position']}"
    return _answer(request, board, f"{_label(strip)} moved to {where}.")


@require_POST
@production_view
def board_boneyard(request, production, public_id):
    """Send a scene strip to the boneyard or bring it back (`to` = boneyard or board)."""
    board, strip, form, error = _strip_post(request, production, public_id, StripForm)
    if error:
        return _answer(request, board, error, error=True)
    to_boneyard = form.cleaned_data["to"] != "board"
    call = services.strip_to_boneyard if to_boneyard else services.strip_from_boneyard
    try:
        if strip.board_id != board.pk:
            raise ValidationError({"strip": "This strip belongs to another board."})
        call(actor=request.user, strip=strip)
    except ValidationError as exc:
        return _answer(request, board, error_text(exc), error=True)
    where = "to the boneyard" if to_boneyard else "back onto the board"
    return _answer(request, board, f"{_label(strip)} moved {where}.")


@require_POST
@production_view
def board_strip_remove(request, production, public_id):
    """Remove a day break or a banner."""
    board, strip, _, error = _strip_post(request, production, public_id, StripForm)
    if error:
        return _answer(request, board, error, error=True)
    try:
        services.strip_remove(actor=request.user, board=board, strip=strip)
    except ValidationError as exc:
        return _answer(request, board, error_text(exc), error=True)
    return _answer(request, board, f"{_label(strip)} removed.")


@require_POST
@production_view
def board_insert(request, production, public_id):
    """Insert a day break or a banner (company move, meal, note) at a position."""
    board = _board(request, production, public_id, "change")
    form = StripInsertForm(request.POST)
    if not form.is_valid():
        return _answer(request, board, _form_text(form), error=True)
    data = form.cleaned_data
    try:
        if data["kind"] == "day_break":
            services.day_break_insert(
                actor=request.user, board=board, position=data["position"] - 1
            )
        else:
            services.banner_insert(
                actor=request.user, board=board, position=data["position"] - 1,
                banner_kind=data["banner_kind"], text=data["text"],
            )  # fmt: skip
    except ValidationError as exc:
        return _answer(request, board, error_text(exc), error=True)
    label = "Day break" if data["kind"] == "day_break" else "Banner"
    return _answer(request, board, f"{label} inserted at position {data['position']}.")


# --- day-out-of-days ----------------------------------------------------------------------------


@production_view
def board_dood(request, production, public_id):
    """The day-out-of-days grid of a board: cast first, a column per calendar day, totals."""
    board = _board(request, production, public_id)
    context = {"nav_active": "boards", "board": board, "error": ""}
    try:
        dood = day_out_of_days(board)
    except ValidationError as exc:
        context["error"] = error_text(exc)
        return render(request, "scheduling/board/dood.html", context)
    categories = list(dict.fromkeys(line.category for line in dood.lines))
    chosen = request.GET.get("category", "")
    lines = [line for line in dood.lines if not chosen or line.category == chosen]
    rows = [(line, [line.row.codes.get(day.date, "") for day in dood.days]) for line in lines]
    context |= {
        "dood": dood,
        "rows": rows,
        "categories": categories,
        "chosen": chosen if chosen in categories else "",
        "columns": list(zip(dood.days, shoot_numbers(dood.days), strict=True)),
    }
    return render(request, "scheduling/board/dood.html", context)


def shoot_numbers(days) -> list[int | None]:
    """The shoot-day number of each calendar column (None on days off)."""
    out, count = [], 0
    for day in days:
        if day.type == DayType.SHOOT:
            count += 1
            out.append(count)
        else:
            out.append(None)
    return out
