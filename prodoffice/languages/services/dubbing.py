"""Writes of dubbing and interpreting: voice casting, recording sessions, interpreter bookings."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from prodoffice.audit.services import record
from prodoffice.core.services import integrity_as_validation, save_changes
from prodoffice.core.transitions import check_transition
from prodoffice.languages.choices import SESSION_TRANSITIONS, SessionStatus, Specialism
from prodoffice.languages.models import InterpreterBooking, RecordingSession, VoiceRole
from prodoffice.languages.services._common import language_tag, require_office


@transaction.atomic
def voice_role_cast(
    *, actor, production, language: str, character: str, performer=None, contract=None
) -> VoiceRole:
    """Cast (or recast) the voice of a character in a dubbed language (office)."""
    require_office(actor, production)
    language, character = language_tag(language), (character or "").strip()
    if contract is not None and contract.production_id != production.pk:
        raise ValidationError({"contract": "That contract belongs to another production."})
    role = VoiceRole.objects.filter(
        production=production, language=language, character__iexact=character
    ).first()
    role = role or VoiceRole(production=production, language=language, character=character)
    created = role.pk is None
    with integrity_as_validation():
        changes = save_changes(
            role, {"performer": performer, "contract": contract}, ("performer", "contract")
        )
        if role.pk is None:
            role.full_clean()
            role.save()
    action = "voice.cast" if created else "voice.recast"
    record(actor=actor, action=action, target=role, production=production, changes=changes or None)
    return role


@transaction.atomic
def recording_session_book(
    *, actor, voice_role: VoiceRole, starts_at, ends_at, studio: str = ""
) -> RecordingSession:
    """Book a recording session for a voice role; one studio holds one session at a time."""
    production = voice_role.production
    require_office(actor, production)
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": "The session ends before it starts."})
    clash = RecordingSession.objects.filter(
        production=production,
        studio__iexact=(studio or "").strip(),
        status=SessionStatus.BOOKED,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    )
    if studio and clash.exists():
        raise ValidationError({"starts_at": f"{studio} is already booked then ({clash.first()})."})
    session = RecordingSession(production=production, voice_role=voice_role)
    save_changes(
        session,
        {"starts_at": starts_at, "ends_at": ends_at, "studio": (studio or "").strip()},
        ("starts_at", "ends_at", "studio"),
    )
    record(actor=actor, action="session.book", target=session, production=production)
    return session


@transaction.atomic
def recording_session_transition(
    *, actor, session: RecordingSession, status: str
) -> RecordingSession:
    """Mark a session recorded or cancelled, or book it again (office)."""
    require_office(actor, session.production)
    session = RecordingSession.objects.select_for_update().get(pk=session.pk)
    check_transition(SESSION_TRANSITIONS, session.status, status)
    before, session.status = session.status, status
    session.save(update_fields=["status", "updated_at"])
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
