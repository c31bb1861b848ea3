"""Per-request (or per-command) context: request id and source, read by the audit log."""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
_source: contextvars.ContextVar[str] = contextvars.ContextVar("source", default="system")
_ip: contextvars.ContextVar[str] = contextvars.ContextVar("ip", default="")

SOURCES = ("web", "api", "cli", "system")


def request_id() -> str:
    """The current request id, or a fresh one outside any request."""
    return _request_id.get() or ""


def source() -> str:
    """Where the current operation came from: web, api, cli or system."""
    return _source.get()


def client_ip() -> str:
    """The client address of the current request, if any."""
    return _ip.get()


@contextmanager
def operation(*, src: str, rid: str | None = None, ip: str = "") -> Iterator[str]:
    """Run a block as one operation from a source, with its own request id."""
    if src not in SOURCES:
        raise ValueError(f"unknown source {src!r}")
    rid = rid or uuid.uuid4().hex
    tokens = (_request_id.set(rid), _source.set(src), _ip.set(ip))
    try:
        yield rid
    finally:
        _request_id.reset(tokens[0])
        _source.reset(tokens[1])
        _ip.reset(tokens[2])
