"""Rooms with their acoustic data, bookings, week views per room and per person, iCalendar."""

from __future__ import annotations

import datetime

import icalendar
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from prodoffice.core.text import neutralise
from prodoffice.core.views import done, form_status, run_service
from prodoffice.post.forms import BookingForm, RoomForm
from prodoffice.post.models import Booking, PostTask, Room
from prodoffice.post.permissions import can_manage_post
from prodoffice.post.selectors import person_week, room_week
from prodoffice.post.services import facilities
from prodoffice.post.views.common import require_manage, require_view, week_start
from prodoffice.productions.models import Engagement
from prodoffice.productions.views.decorators import production_view

PRODID = "-//prodoffice//post rooms//EN"


def _room(request, production, pk) -> Room:
    rooms = Room.objects.for_user(request.user).filter(facility__production=production)
    return get_object_or_404(rooms.select_related("facility"), pk=pk)


def _week_context(days, rows, start, nav, **extra) -> dict:
    return {
        "nav_active": nav,
        "days": days,
        "rows": rows,
        "previous": (days[0] - datetime.timedelta(days=7)).isoformat(),
        "next": (days[0] + datetime.timedelta(days=7)).isoformat(),
        "today": timezone.localdate(),
        **extra,
    }


@production_view
def post_rooms(request, production):
    """Every room the production books, with acoustic data, and this week's bookings."""
    require_view(request, production)
    start = week_start(request)
    days, rows = room_week(request.user, production, start)
    context = _week_context(days, rows, start, "post_rooms",
                            can_manage=can_manage_post(request.user, production))  # fmt: skip
    return render(request, "post/rooms.html", context)


@production_view
def post_room_week(request, production, pk: int):
    """One room's week."""
    require_view(request, production)
    room = _room(request, production, pk)
    start = week_start(request)
    days, rows = room_week(request.user, production, start, Room.objects.filter(pk=room.pk))
    return render(
        request, "post/week.html", _week_context(days, rows, start, "post_rooms", subject=room)
    )


@production_view
def post_person_week(request, production, public_id):
    """One person's bookings over a week (production-wide roles, and the person)."""
    engagement = get_object_or_404(
        Engagement.objects.for_user(request.user)
        .filter(production=production)
        .select_related("person"),
        public_id=public_id,
    )
    own = engagement.person.user_id == request.user.pk
    if not own:
        require_view(request, production)
    start = week_start(request)
    days, rows = person_week(request.user, production, engagement, start)
    context = _week_context(days, rows, start, "post_rooms", subject=engagement.person)
    return render(request, "post/week.html", context)


@production_view
def post_room_ics(request, production, pk: int):
    """The room's bookings as an iCalendar feed (a facility's booking board in any calendar)."""
    require_view(request, production)
    room = _room(request, production, pk)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", neutralise(f"{room.name} - {production.title}"))
    stamp = timezone.now()
    bookings = Booking.objects.for_user(request.user).filter(room=room).select_related("task")
    for booking in bookings.order_by("start"):
        event = icalendar.Event()
        event.add("uid", f"post-booking-{booking.pk}-{production.public_id}@prodoffice")
        event.add("dtstamp", stamp)
        event.add("dtstart", booking.start)
        event.add("dtend", booking.end)
        label = booking.title or (booking.task.name if booking.task else "Booked")
        event.add("summary", neutralise(f"{label} ({booking.get_level_display()})"))
        event.add("location", neutralise(str(room)))
        event.add("status", "CONFIRMED" if booking.level == "confirmed" else "TENTATIVE")
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="room-{room.pk}.ics"'
    return response


def _task(request, production):
    raw = request.POST.get("task") or request.GET.get("task")
    if not raw or not str(raw).isdigit():
        return None
    return (
        PostTask.objects.for_user(request.user).filter(production=production, pk=int(raw)).first()
    )


@production_view
def post_bookings(request, production):
    """GET: the booking form and upcoming bookings; POST: book (a clash names the booking)."""
    require_view(request, production)
    task = _task(request, production)
    post = request.method == "POST"
    if post:
        require_manage(request, production)
    form = BookingForm(request.POST if post else None, production=production, task=task,
                       initial={"task": task})  # fmt: skip
    if post and form.is_valid():
        booking = run_service(
            form,
            lambda: facilities.booking_create(
                actor=request.user, production=production, **form.cleaned_data
            ),
        )
        if booking:
            messages.success(request, f"Booked: {booking}.")
            return done(request, reverse("web:post_bookings", args=[production.code]))
    upcoming = (
        Booking.objects.for_user(request.user)
        .filter(production=production, end__gte=timezone.now())
        .select_related("room__facility", "task")
        .prefetch_related("engagements__person")
        .order_by("start")[:100]
    )
    context = {
        "nav_active": "post_bookings",
        "form": form,
        "upcoming": upcoming,
        "can_manage": can_manage_post(request.user, production),
    }
    template = "post/bookings.html" + ("#booking-form" if request.htmx and not post else "")
    status = form_status(request, form) if post else 200
    return render(request, template, context, status=status)


def _facility(request, production, form):
    """The chosen facility, or a new one created through the service."""
    data = form.cleaned_data
    if data.get("facility"):
        return data["facility"]
    kind = "vendor" if data.get("vendor") else "in_house"
    return facilities.facility_create(
        actor=request.user, production=production, name=data["new_facility"].strip(), kind=kind
    )


@production_view
def post_room_new(request, production):
    """Add a room (and, if needed, its facility) with its acoustic data."""
    require_manage(request, production)
    form = RoomForm(request.POST or None, production=production)
    if request.method == "POST" and form.is_valid():

        def create():
            with transaction.atomic():
                facility = _facility(request, production, form)
                return facilities.room_create(
                    actor=request.user, facility=facility, **form.service_values()
                )

        room = run_service(form, create)
        if room:
            messages.success(request, f"{room} added.")
            return done(request, reverse("web:post_rooms", args=[production.code]))
    context = {"nav_active": "post_rooms", "form": form}
    return render(request, "post/room_form.html", context, status=form_status(request, form))
