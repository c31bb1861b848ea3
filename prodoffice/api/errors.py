"""One error format for the whole API: {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _django_validation_fields(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if k == "__all__" else k): [str(m) for e in v for m in e.messages]
            for k, v in exc.error_dict.items()
        }
    return {"non_field_errors": [str(m) for m in exc.messages]}


def _codes(exc: DjangoValidationError) -> str:
    errors = exc.error_dict.values() if hasattr(exc, "error_dict") else [exc.error_list]
    for group in errors:
        for e in group:
            if e.code:
                return e.code
    return "invalid"


def _first(fields: dict[str, list[str]]) -> str:
    """The first message of a field error dict."""
    return next((m for msgs in fields.values() for m in msgs), "Request refused.")


def _first_code(codes) -> str:
    """The first error code of DRF's nested `get_codes()` structure."""
    if isinstance(codes, dict):
        codes = list(codes.values())
    if isinstance(codes, list):
        for item in codes:
            found = _first_code(item)
            if found:
                return found
        return ""
    return str(codes or "")


def _flatten(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out = {}
        for key, value in detail.items():
            if isinstance(value, dict):
                for sub, msgs in _flatten(value).items():
                    out[f"{key}.{sub}"] = msgs
            elif isinstance(value, list):
                out[key] = [str(v) for v in value]
            else:
                out[key] = [str(value)]
        return out
    if isinstance(detail, list):
        return {"non_field_errors": [str(v) for v in detail]}
    return {}


def error_response(
    code: str, message: str, http_status: int, fields=None, headers=None
) -> Response:
    """The API's error body."""
    body = {"error": {"code": code, "message": message, "fields": fields or {}}}
    return Response(body, status=http_status, headers=headers)


def exception_handler(exc, context):
    """Map Django and DRF exceptions to the one error format with a stable code."""
    if isinstance(exc, DjangoValidationError):
        fields = _django_validation_fields(exc)
        # Domain refusals may carry their own status (409 conflict, 404/410 signing links).
        http_status = getattr(exc, "http_status", 400)
        message = "The request has invalid fields." if http_status == 400 else _first(fields)
        return error_response(_codes(exc), message, http_status, fields)
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        code = _first_code(exc.get_codes()) or "invalid"
        return error_response(code, "The request has invalid fields.", 400, _flatten(exc.detail))
    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    code = getattr(exc, "default_code", "error")
    if isinstance(detail, dict | list):
        message, fields = "Request failed.", _flatten(detail)
    else:
        message, fields = str(detail), {}
        code = getattr(detail, "code", code) or code
    headers = {k: v for k, v in response.items() if k in ("WWW-Authenticate", "Retry-After")}
    return error_response(code, message, response.status_code, fields, headers)


__all__ = ["error_response", "exception_handler", "status"]
