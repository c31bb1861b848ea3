"""Rooms with their acoustic data, bookings, week views per room and per person, iCalendar."""

from __future__ import annotations

import datetime

import icalendar
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from prodoffice.core.text import neutralise
from prodoffice.core.views import done, flash_form_errors, form_status, run_service
from prodoffice.post.choices import BookingLevel
from prodoffice.post.forms import BookingForm, BookingLevelForm, RoomForm
from prodoffice.post.models import Booking, PostTask, Room, RoomFeed
from prodoffice.post.permissions import can_manage_post
from prodoffice.post.selectors import person_week, room_feed_by_secret, room_week
from prodoffice.post.services import facilities
from prodoffice.post.views.common import require_manage, require_view, week_start
from prodoffice.productions.models import Engagement
from prodoffice.productions.views.decorators import production_view

PRODID = "-//prodoffice//post rooms//EN"
#: A new room link waits here between the POST that made it and the page that shows it once.
FEED_SESSION_KEY = "post_new_room_link"


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
    new_link = request.session.pop(FEED_SESSION_KEY, None)
    if new_link and new_link.get("room") != room.pk:
        new_link = None
    context = _week_context(
        days,
        rows,
        start,
        "post_rooms",
        subject=room,
        room=room,
        can_manage=can_manage_post(request.user, production),
        feed=RoomFeed.objects.active().filter(room=room).first(),
        new_link=new_link,
    )
    return render(request, "post/week.html", context)


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


def _room_calendar(room: Room, production, bookings) -> HttpResponse:
    """The room's bookings as an iCalendar document (a facility's booking board in any calendar)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", neutralise(f"{room.name} - {production.title}"))
    stamp = timezone.now()
    for booking in bookings.select_related("task").order_by("start"):
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


@production_view
def post_room_ics(request, production, pk: int):
    """The room's bookings as an iCalendar feed, for a signed-in reader."""
    require_view(request, production)
    room = _room(request, production, pk)
    bookings = Booking.objects.for_user(request.user).filter(room=room)
    return _room_calendar(room, production, bookings)


@require_safe
def post_room_feed(request, token: str):
    """The room's secret calendar link, for calendar apps: no sign-in; unknown or revoked
    secrets answer 404 (as the personal calendar feeds)."""
    feed = room_feed_by_secret(token)
    if feed is None:
        raise Http404("No such calendar link.")
    room = feed.room
    response = _room_calendar(room, room.facility.production, Booking.objects.filter(room=room))
    facilities.room_feed_mark_used(feed)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_POST
@production_view
def post_room_feed_rotate(request, production, pk: int):
    """Make (or replace) the room's secret calendar link, shown once on the room page."""
    require_manage(request, production)
    room = _room(request, production, pk)
    if request.POST.get("action") == "revoke":
        try:
            facilities.room_feed_revoke(actor=request.user, room=room)
            messages.success(request, f"The calendar link of {room.name} no longer answers.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        _feed, secret = facilities.room_feed_rotate(actor=request.user, room=room)
        url = request.build_absolute_uri(reverse("web:post_room_feed", args=[secret]))
        request.session[FEED_SESSION_KEY] = {"room": room.pk, "url": url}
        messages.success(request, f"New calendar link of {room.name}. Copy it now.")
    return done(request, reverse("web:post_room_week", args=[production.code, room.pk]))


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
        "levels": BookingLevel.choices,
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


def _booking(request, production, pk) -> Booking:
    bookings = Booking.objects.for_user(request.user, "change").filter(production=production)
    return get_object_or_404(bookings.select_related("room__facility", "production"), pk=pk)


@require_POST
@production_view
def post_booking_level(request, production, pk: int):
    """Move a booking to pencil, preliminary or confirmed; confirming re-checks clashes."""
    booking = _booking(request, production, pk)
    form = BookingLevelForm(request.POST)
    if form.is_valid():
        moved = run_service(
            form,
            lambda: facilities.booking_set_level(
                actor=request.user, booking=booking, level=form.cleaned_data["level"]
            ),
        )
        if moved:
            messages.success(request, f"Booking #{moved.pk} is now {moved.get_level_display()}.")
    flash_form_errors(request, form)
    return done(request, reverse("web:post_bookings", args=[production.code]))


@require_POST
@production_view
def post_booking_cancel(request, production, pk: int):
    """Cancel (release) a booking."""
    booking = _booking(request, production, pk)
    label = str(booking)
    facilities.booking_cancel(actor=request.user, booking=booking)
    messages.success(request, f"Cancelled: {label}.")
    return done(request, reverse("web:post_bookings", args=[production.code]))
