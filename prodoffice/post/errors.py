"""Refusals that carry their HTTP meaning: a booking that clashes answers 409."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class BookingConflict(ValidationError):
    """The room or a person is already booked at confirmed level; names the booking."""

    http_status = 409

    def __init__(self, field: str, message: str, booking_id: int):
        super().__init__({field: ValidationError(message, code="conflict")})
        self.booking_id = booking_id
