"""Reports of a board: the shooting schedule, the one-liner, the elements, and their downloads.

The pages and the downloads (CSV, XLSX, PDF; the DOOD too) read the same rows
(`scheduling.reports`, `scheduling.report_exports`). Readers are the production-wide roles, as
for the script; crew and cast get 403, other productions 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from prodoffice.accounts import permissions as perms
from prodoffice.productions.views.decorators import production_view
from prodoffice.scheduling import report_exports
from prodoffice.scheduling.models import Board
from prodoffice.scheduling.selectors.conflicts import dated_board_conflicts
from prodoffice.scheduling.selectors.reports import board_schedule, element_summary, one_liner

#: The report pages, in tab order: (kind, route name, label).
REPORT_PAGES = [
    ("schedule", "web:board_schedule", "Shooting schedule"),
    ("one-liner", "web:board_one_liner", "One-liner"),
    ("elements", "web:board_elements", "Elements"),
]
#: Download buttons: (format, label).
DOWNLOADS = [("pdf", "PDF"), ("xlsx", "Excel"), ("csv", "CSV")]


def _board(request, production, public_id) -> Board:
    """The board as the scheduling querysets let this reader see it; crew and cast get 403."""
    user = request.user
    if not (user.is_superuser or perms.sees_whole_production(user, production.pk)):
        raise PermissionDenied(
            "Schedule reports are read by the office, department heads and executives."
        )
    boards = Board.objects.for_user(user).in_production(production).select_related("production")
    return get_object_or_404(boards, public_id=public_id)


def _context(production, board: Board, kind: str) -> dict:
    """What every report page shows: its tabs and the download buttons of it and of the DOOD."""
    args = [production.code, board.public_id]
    tabs = [(k, reverse(name, args=args), label, k == kind) for k, name, label in REPORT_PAGES]

    def links(report: str):
        route = f"web:board_{report.replace('-', '_')}_export"
        return [(label, reverse(route, args=[*args, fmt])) for fmt, label in DOWNLOADS]

    return {
        "nav_active": "boards",
        "board": board,
        "kind": kind,
        "tabs": tabs,
        "downloads": links(kind),
        "dood_downloads": links("dood"),
    }


def _page(request, production, public_id, kind: str, build):
    """One report page: the board's schedule reshaped by `build`, or why it cannot be shown."""
    board = _board(request, production, public_id)
    context = _context(production, board, kind)
    template = f"scheduling/reports/{kind}.html"
    try:
        schedule = board_schedule(board)
    except ValidationError as exc:
        context["problem"] = " ".join(exc.messages)
        return render(request, "scheduling/reports/unavailable.html", context, status=409)
    context |= {
        "schedule": schedule,
        "rows": build(schedule),
        "conflicts": dated_board_conflicts(board),
    }
    return render(request, template, context)


@production_view
def board_schedule_page(request, production, public_id):
    """The shooting schedule: per shoot day its scenes, banners and page total."""
    return _page(request, production, public_id, "schedule", lambda schedule: schedule.days)


@production_view
def board_one_liner_page(request, production, public_id):
    """The one-liner: a line per scene, a day-break line per day."""
    return _page(request, production, public_id, "one-liner", one_liner)


@production_view
def board_elements_page(request, production, public_id):
    """The breakdown summary per element: scenes, pages and shoot days on this board."""
    return _page(request, production, public_id, "elements", element_summary)


@production_view
def board_report_export(request, production, public_id, fmt: str, kind: str):
    """A report (or the DOOD) of the board as CSV, XLSX or PDF; any other format is 404."""
    if fmt not in report_exports.FORMATS or kind not in report_exports.KINDS:
        raise Http404("No such export.")
    board = _board(request, production, public_id)
    try:
        data, content_type, filename = report_exports.report_export(board, kind, fmt)
    except ValidationError as exc:
        context = _context(production, board, kind)
        context["problem"] = " ".join(exc.messages)
        return render(request, "scheduling/reports/unavailable.html", context, status=409)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
