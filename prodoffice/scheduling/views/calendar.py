"""The production calendar: first day, working week, exception days, the shoot days placed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse

from prodoffice.core.views import done, form_status, run_service
from prodoffice.productions.views.decorators import production_view
from prodoffice.scheduling.forms import WEEKDAYS, CalendarDayFormSet, CalendarForm
from prodoffice.scheduling.models import Board, ProductionCalendar
from prodoffice.scheduling.permissions import can_edit_boards
from prodoffice.scheduling.selectors.dood import place_on_calendar, shoot_days
from prodoffice.scheduling.services.calendar import calendar_set
from prodoffice.scheduling.views.boards import error_text, require_edit, require_view, shoot_numbers


def _calendar_initial(calendar: ProductionCalendar | None) -> dict:
    if calendar is None:
        return {"working_weekdays": [0, 1, 2, 3, 4]}
    return {
        "start_date": calendar.start_date,
        "working_weekdays": [n for n, _ in WEEKDAYS if calendar.working_weekdays >> n & 1],
    }


def _days_initial(calendar: ProductionCalendar | None) -> list[dict]:
    """One row per exception day, in date order."""
    if calendar is None:
        return []
    days = sorted(calendar.exceptions.all(), key=lambda d: d.date)
    return [{"date": d.date, "type": d.type, "name": d.name} for d in days]


def _placed_days(production, calendar) -> list:
    """The working board's shoot days on the calendar (every calendar column up to the last)."""
    board = Board.objects.filter(production=production, is_working=True).first()
    if calendar is None or board is None:
        return []
    count = len(shoot_days(board))
    if not count:
        return []
    return place_on_calendar(calendar, count)


@production_view
def calendar_view(request, production):
    """The production calendar: first day, working week, exception days; shoot days placed."""
    require_view(request, production)
    calendar = (
        ProductionCalendar.objects.filter(production=production)
        .prefetch_related("exceptions")
        .first()
    )
    form = CalendarForm(request.POST or None, initial=_calendar_initial(calendar))
    days = CalendarDayFormSet(request.POST or None, prefix="days", initial=_days_initial(calendar))
    if request.method == "POST":
        require_edit(request, production)
        valid = form.is_valid() and days.is_valid()
        if not days.is_valid():
            form.add_error(None, days.error_lines())
        saved = valid and run_service(
            form,
            lambda: calendar_set(
                actor=request.user,
                production=production,
                start_date=form.cleaned_data["start_date"],
                working_weekdays=form.cleaned_data["working_weekdays"],
                exceptions=days.days(),
            ),
        )
        if saved:
            messages.success(request, "Production calendar saved.")
            return done(request, reverse("web:calendar", args=[production.code]))
    try:
        placed = _placed_days(production, calendar)
    except ValidationError as exc:
        placed, form_error = [], error_text(exc)
        messages.error(request, form_error)
    context = {
        "nav_active": "calendar",
        "form": form,
        "days": days,
        "calendar": calendar,
        "placed": list(zip(placed, shoot_numbers(placed), strict=True)),
        "can_edit": can_edit_boards(request.user, production),
    }
    return render(
        request, "scheduling/board/calendar.html", context, status=form_status(request, form)
    )
