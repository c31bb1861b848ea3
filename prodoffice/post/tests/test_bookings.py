"""Bookings: levels, refusals (hours, maintenance, acoustics, ADR contracts), no double booking."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from prodoffice.post.errors import BookingConflict
from prodoffice.post.models import Booking, PostTask
from prodoffice.post.services.facilities import booking_create, booking_set_level
from prodoffice.post.tests.factories import post_supervisor, stage

UTC = datetime.UTC


def at(hour: int, day: int = 8) -> datetime.datetime:
    return datetime.datetime(2027, 3, day, hour, tzinfo=UTC)


def book(world, room, start=9, end=12, level="confirmed", actor=None, **extra):
    return booking_create(
        actor=actor or world.office,
        production=world.production,
        room=room,
        start=at(start),
        end=at(end),
        level=level,
        **extra,
    )


@pytest.mark.django_db
def test_confirmed_bookings_of_a_room_never_overlap_and_the_refusal_names_the_booking(world):
    room = stage(world.production)
    first = book(world, room)
    with pytest.raises(BookingConflict) as exc:
        book(world, room, 11, 13)
    assert f"booking #{first.pk}" in " ".join(exc.value.messages)
    assert exc.value.booking_id == first.pk and exc.value.http_status == 409
    assert book(world, room, 12, 14)  # back to back is fine
    assert book(world, room, 10, 11, level="pencil")  # pencils may overlap
    assert Booking.objects.count() == 3


@pytest.mark.django_db
def test_a_person_cannot_be_in_two_rooms_at_confirmed_level(world):
    a, b = stage(world.production), stage(world.production, "Stage B")
    book(world, a, engagements=[world.engagement_a])
    with pytest.raises(BookingConflict, match="Canary"):
        book(world, b, 10, 11, engagements=[world.engagement_a, world.engagement_b])
    assert Booking.objects.count() == 1


@pytest.mark.django_db
def test_confirming_a_pencil_checks_for_clashes(world):
    room = stage(world.production)
    book(world, room)
    pencil = book(world, room, level="pencil")
    with pytest.raises(BookingConflict):
        booking_set_level(actor=world.office, booking=pencil, level="confirmed")
    pencil.refresh_from_db()
    assert pencil.level == "pencil"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("room_values", "start", "end", "field", "words"),
    [
        ({"in_maintenance": True}, 9, 12, "room", "maintenance"),
        ({}, 6, 9, "start", "outside its hours"),
        ({}, 21, 23, "start", "outside its hours"),
        ({}, 12, 9, "end", "ends before it starts"),
    ],
)
def test_bad_bookings_are_refused_with_a_reason(world, room_values, start, end, field, words):
    room = stage(world.production, **room_values)
    with pytest.raises(ValidationError) as exc:
        book(world, room, start, end)
    assert words in " ".join(exc.value.message_dict[field])
    assert not Booking.objects.exists()


@pytest.mark.django_db
def test_a_task_needing_a_quiet_room_refuses_a_louder_one(world):
    loud = stage(world.production, "Edit 1", kind="edit_suite", nc_rating=35)
    task = PostTask.objects.create(
        production=world.production,
        kind="mix",
        name="Final mix",
        start_date=at(0).date(),
        end_date=at(0).date(),
        planned_start=at(0).date(),
        planned_end=at(0).date(),
        max_nc=25,
    )
    with pytest.raises(ValidationError, match="NC-25 or quieter"):
        book(world, loud, task=task)


def _signed_contract(world, engagement):
    from prodoffice.contracts.models import Contract

    return Contract.objects.create(
        production=world.production,
        number=1,
        title="Performer agreement",
        contract_type="cast",
        status="signed",
        engagement=engagement,
    )


@pytest.mark.django_db
def test_adr_needs_the_performers_signed_contract_and_availability(world):
    from prodoffice.productions.models import Unavailability
    from tests.support.factories import EngagementFactory, PersonFactory, position

    adr = stage(world.production, "ADR 1", kind="adr_stage")
    performer = EngagementFactory(
        production=world.production,
        person=PersonFactory(last_name="Lead"),
        position=position("Lead Actor"),
    )
    with pytest.raises(ValidationError, match="no signed contract"):
        book(world, adr, engagements=[performer])
    _signed_contract(world, performer)
    gone = Unavailability.objects.create(
        engagement=performer, start_date=at(0).date(), end_date=at(0).date(), reason="Other show"
    )
    with pytest.raises(ValidationError, match="unavailable"):
        book(world, adr, engagements=[performer])
    gone.delete()
    session = book(world, adr, engagements=[performer])
    assert list(session.engagements.all()) == [performer]
    assert Booking.objects.count() == 1


@pytest.mark.django_db
def test_only_office_and_post_supervisors_book(world):
    room = stage(world.production)
    assert book(world, room, actor=post_supervisor(world.production))
    for who in (world.head, world.crew_a, world.executive, world.other_office):
        with pytest.raises(PermissionDenied):
            book(world, room, 13, 14, actor=who)
    assert Booking.objects.count() == 1


# --- 20 requests for one slot at once: exactly one wins ----------------------------------------


def _in_memory() -> bool:
    return connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_confirmed_bookings_of_one_slot_one_wins(world):
    room = stage(world.production)
    barrier = threading.Barrier(20)
    results: list = [None] * 20

    def run(i):
        try:
            barrier.wait()
            results[i] = book(world, room)
        except Exception as exc:  # the losers' refusals are the point
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    winners = [r for r in results if isinstance(r, Booking)]
    assert len(winners) == 1, results
    assert Booking.objects.filter(room=room).count() == 1
    for loser in (r for r in results if not isinstance(r, Booking)):
        # In-memory SQLite's shared cache fails a second writer at once instead of waiting (a
        # file database waits on busy_timeout and then sees the winner's row).
        named = isinstance(loser, BookingConflict) and loser.booking_id == winners[0].pk
        assert named or (_in_memory() and "locked" in str(loser)), loser


@pytest.mark.django_db
def test_cancelling_frees_the_slot_and_is_audited(world):
    from prodoffice.audit.models import AuditEvent
    from prodoffice.post.services.facilities import booking_cancel

    room = stage(world.production)
    first = book(world, room)
    with pytest.raises(PermissionDenied):
        booking_cancel(actor=world.crew_a, booking=first)
    booking_cancel(actor=world.office, booking=first)
    assert AuditEvent.objects.filter(action="booking.cancel").count() == 1
    assert book(world, room).pk != first.pk
