"""Request id, operation source, refusal of NUL bytes in query strings, security headers and
visible bidi controls."""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.core.exceptions import BadRequest

from prodoffice.core import context
from prodoffice.core.text import neutralise_utf8

_RID_OK = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def client_ip(request) -> str:
    """The remote address (a reverse proxy sets REMOTE_ADDR through its WSGI server)."""
    return request.META.get("REMOTE_ADDR", "")


class RequestIdMiddleware:
    """Give every request an id (or accept a well-formed X-Request-ID) and mark its source."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        src = "api" if request.path.startswith("/api/") else "web"
        with context.operation(
            src=src, rid=incoming if _RID_OK.match(incoming) else None, ip=client_ip(request)
        ) as rid:
            request.request_id = rid
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            return response


class NulParameterMiddleware:
    """A query parameter (name or value) with a NUL byte answers 400 naming it: PostgreSQL text
    cannot hold NUL, so a filter or lookup with one would be a 500 there (and nothing else on
    SQLite). The API checks its own, after authentication (`nul_parameter`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            return self.get_response(request)
        bad = nul_parameter(request.GET)
        if bad is not None:
            raise BadRequest(f"The parameter {bad!r} contains a NUL character.")
        return self.get_response(request)


def nul_parameter(params) -> str | None:
    """The name of the first parameter whose name or a value holds a NUL byte (shown escaped)."""
    for name, values in params.lists():
        if "\x00" in name or any("\x00" in v for v in values):
            return name.replace("\x00", "\\x00")
    return None


class SecurityHeadersMiddleware:
    """CSP on every response; no-store on anything served to a signed-in user (personal data)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store, private"
        return response


class BidiNeutraliseMiddleware:
    """Every HTML page shows bidi control characters as visible markers ("[U+202E]"), so free
    text typed by one person cannot display reordered on another's screen (`core.text`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        html = response.get("Content-Type", "").startswith("text/html")
        if html and not response.streaming and response.content:
            content = neutralise_utf8(response.content)
            if len(content) != len(response.content):
                response.content = content
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(content))
        return response


class RequestIdLogFilter(logging.Filter):
    """Adds the request id to every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = context.request_id() or "-"
        return True
