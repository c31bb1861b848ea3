"""Writes of dubbing and interpreting: voice casting, recording sessions, interpreter bookings."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.audit.services import record
from prodoffice.core.services import integrity_as_validation, save_changes
from prodoffice.core.transitions import check_transition
from prodoffice.languages.choices import SESSION_TRANSITIONS, SessionStatus, Specialism
from prodoffice.languages.models import InterpreterBooking, RecordingSession, VoiceRole
from prodoffice.languages.services._common import language_tag, require_office
from prodoffice.post.choices import BookingLevel
from prodoffice.post.services import facilities


@transaction.atomic
def voice_role_cast(
    *,
    actor,
    production,
    language: str,
    character: str,
    performer=None,
    contract=None,
    engagement=None,
) -> VoiceRole:
    """Cast (or recast) the voice of a character in a dubbed language (office). An engagement of
    the crew list names the performer too; it is what recording sessions book."""
    require_office(actor, production)
    language, character = language_tag(language), (character or "").strip()
    if contract is not None and contract.production_id != production.pk:
        raise ValidationError({"contract": "That contract belongs to another production."})
    if engagement is not None:
        if engagement.production_id != production.pk:
            raise ValidationError({"engagement": "That engagement is on another production."})
        if performer is not None and performer.pk != engagement.person_id:
            raise ValidationError(
                {"engagement": f"That engagement is {engagement.person}'s, not {performer}'s."}
            )
        performer = engagement.person
    role = VoiceRole.objects.filter(
        production=production, language=language, character__iexact=character
    ).first()
    role = role or VoiceRole(production=production, language=language, character=character)
    created = role.pk is None
    fields = ("performer", "contract", "engagement")
    values = {"performer": performer, "contract": contract, "engagement": engagement}
    with integrity_as_validation():
        changes = save_changes(role, values, fields)
        if role.pk is None:
            role.full_clean()
            role.save()
    action = "voice.cast" if created else "voice.recast"
    record(actor=actor, action=action, target=role, production=production, changes=changes or None)
    return role


def _hold_room(actor, session: RecordingSession, level: str):
    """The post booking that holds the session's room (post checks hours, clashes at confirmed
    level and the performer's contract and availability, and refuses with its reason)."""
    role = session.voice_role
    return facilities.booking_create(
        actor=actor,
        production=session.production,
        room=session.room,
        start=session.starts_at,
        end=session.ends_at,
        level=level,
        engagements=[role.engagement] if role.engagement_id else [],
        title=f"Dubbing {role.language}: {role.character}"[:200],
    )


@transaction.atomic
def recording_session_book(
    *,
    actor,
    voice_role: VoiceRole,
    starts_at,
    ends_at,
    room=None,
    level: str = BookingLevel.CONFIRMED,
) -> RecordingSession:
    """Book a recording session for a voice role as a booking of a post room (office); the
    voice's engagement, when cast from the crew list, is booked with the room."""
    production = voice_role.production
    require_office(actor, production)
    if room is None:
        raise ValidationError({"room": "Choose the post room the session is recorded in."})
    for name, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        if not isinstance(value, datetime.datetime) or value.tzinfo is None:
            raise ValidationError({name: "Give a date and time with its UTC offset (ISO 8601)."})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The session ends before it starts."})
    session = RecordingSession(
        production=production,
        voice_role=voice_role,
        room=room,
        studio=str(room)[:200],
        starts_at=starts_at,
        ends_at=ends_at,
    )
    session.booking = _hold_room(actor, session, level)
    session.full_clean()
    session.save()
    record(
        actor=actor,
        action="session.book",
        target=session,
        production=production,
        message=f"booking #{session.booking_id}",
    )
    return session


@transaction.atomic
def recording_session_transition(
    *, actor, session: RecordingSession, status: str, level: str = BookingLevel.CONFIRMED
) -> RecordingSession:
    """Mark a session recorded or cancelled (the room's booking is released), or book it again
    (the room is booked again at `level`) (office)."""
    require_office(actor, session.production)
    session = (
        RecordingSession.objects.select_for_update(of=("self",))
        .select_related("voice_role", "room__facility", "production")
        .get(pk=session.pk)
    )
    if status not in SessionStatus.values:
        raise ValidationError({"status": f"Unknown status {status!r}."})
    check_transition(SESSION_TRANSITIONS, session.status, status)
    if status == SessionStatus.CANCELLED and session.booking_id:
        facilities.booking_cancel(actor=actor, booking=session.booking)
        session.booking = None
    elif status == SessionStatus.BOOKED:
        if session.room_id is None:
            raise ValidationError({"room": "This session has no post room to book again."})
        session.booking = _hold_room(actor, session, level)
    before, session.status = session.status, status
    session.save(update_fields=["status", "booking", "updated_at"])
    record(
        actor=actor,
        action="session.status",
        target=session,
        production=session.production,
        changes={"status": [before, status]},
    )
    return session


@transaction.atomic
def interpreter_book(
    *, actor, linguist, purpose: str, date, languages: str, notes: str = ""
) -> InterpreterBooking:
    """Book an interpreter of the roster for a shoot day or an ADR session; one booking a day."""
    production = linguist.production
    require_office(actor, production)
    if Specialism.INTERPRETING not in linguist.specialisms:
        raise ValidationError(
            {"linguist": f"{linguist} does not interpret (no interpreting specialism)."}
        )
    if date and InterpreterBooking.objects.filter(linguist=linguist, date=date).exists():
        raise ValidationError({"date": f"{linguist} is already booked on {date:%Y-%m-%d}."})
    booking = InterpreterBooking(production=production, linguist=linguist)
    values = {
        "purpose": purpose,
        "date": date,
        "languages": (languages or "").strip(),
        "notes": notes,
    }
    with integrity_as_validation(f"{linguist} is already booked that day."):
        save_changes(booking, values, tuple(values))
    record(actor=actor, action="interpreter.book", target=booking, production=production)
    return booking
