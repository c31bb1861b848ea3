"""Refusals that carry their HTTP meaning (409 conflict, 404 unknown link, 410 gone).

They are ValidationErrors keyed by field, so forms and the CLI show them like any other; the
API's error handler answers with `http_status` instead of 400.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError


class ContractError(ValidationError):
    """A refusal with an HTTP status for the API."""

    http_status = 400

    def __init__(self, field: str, message: str, code: str):
        super().__init__({field: ValidationError(message, code=code)})


class Conflict(ContractError):
    """The contract's state forbids the operation (edit after send, sign twice ...)."""

    http_status = 409


class LinkNotFound(ContractError):
    """Unknown token, or another party's: the same answer for both."""

    http_status = 404


class LinkGone(ContractError):
    """Expired, used, revoked or locked after too many wrong codes."""

    http_status = 410
