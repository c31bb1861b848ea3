"""Fault points for the crash tests (F-01, F-06, F-11): no-ops unless a test arms one.

`point("seal:after-store")` kills the process with SIGKILL when the environment variable
PRODOFFICE_FAULT names that point (the F-01 subprocess test: a crash at every step), and raises
the exception armed by `inject()` inside this process (the fuzz tests: a crashed task).
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator

ENV = "PRODOFFICE_FAULT"
_armed: dict[str, BaseException] = {}

#: Every point, in the order a countersignature meets them (the F-01 test walks this list).
COUNTERSIGN_POINTS = (
    "countersign:locked",
    "countersign:after-event",
    "countersign:before-commit",
    "countersign:committed",
    "seal:locked",
    "seal:after-file",
    "seal:after-store",
    "seal:after-event",
    "seal:before-commit",
    "seal:committed",
)
#: Every point of a send, in order: the request, then the `send_contract` task (F-01 for sends).
SEND_POINTS = (
    "send:queued",
    "send:committed",
    "send:locked",
    "send:rendered",
    "send:after-store",
    "send:before-commit",
    "send:frozen",
)


def point(name: str) -> None:
    """A place where a test may crash the process (or raise); nothing otherwise."""
    if _armed:
        exc = _armed.pop(name, None)
        if exc is not None:
            raise exc
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


@contextlib.contextmanager
def inject(name: str, exc: BaseException) -> Iterator[None]:
    """Raise `exc` once at the point `name` while the block runs (in this process)."""
    _armed[name] = exc
    try:
        yield
    finally:
        _armed.pop(name, None)
