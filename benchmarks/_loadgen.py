"""A small bounded HTTP load generator: threads, keep-alive http.client, loopback only.

It sends at most `requests` GETs (and gives up after `max_seconds`), so it always stops by itself.
Python threads share one GIL: on a 2-core machine the generator competes with the server for CPU,
so the figures are a floor on what the server can do, comparable between two URLs measured the
same way.
"""

from __future__ import annotations

import http.client
import threading
import time
from dataclasses import dataclass, field

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass
class LoadResult:
    """Throughput and latency of one bounded run."""

    url: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float] = field(default_factory=list, repr=False)

    @property
    def rps(self) -> float:
        """Successful requests per second."""
        return (self.requests - self.errors) / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        """Latency percentile in milliseconds."""
        xs = sorted(self.latencies)
        return 1000 * xs[min(len(xs) - 1, int(p / 100 * len(xs)))] if xs else 0.0


def run(
    host: str,
    port: int,
    path: str,
    *,
    headers: dict[str, str],
    requests: int,
    concurrency: int,
    max_seconds: float,
) -> LoadResult:
    """Send `requests` GETs over `concurrency` keep-alive connections; stop at `max_seconds`."""
    if host not in LOOPBACK:
        raise ValueError("the load generator only targets the loopback interface")
    budget = _Budget(requests, time.monotonic() + max_seconds)
    workers = [
        _Worker(host, port, path, headers, budget) for _ in range(min(concurrency, requests))
    ]
    started = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join(max_seconds + 30)
    elapsed = time.perf_counter() - started
    latencies = [x for w in workers for x in w.latencies]
    errors = sum(w.errors for w in workers)
    return LoadResult(path, len(latencies) + errors, errors, elapsed, latencies)


class _Budget:
    """A shared request counter and deadline."""

    def __init__(self, requests: int, deadline: float):
        self._left = requests
        self._lock = threading.Lock()
        self.deadline = deadline

    def take(self) -> bool:
        """One more request may be sent."""
        with self._lock:
            if self._left <= 0 or time.monotonic() > self.deadline:
                return False
            self._left -= 1
            return True


class _Worker(threading.Thread):
    """One keep-alive connection sending requests until the budget is spent."""

    def __init__(self, host, port, path, headers, budget: _Budget):
        super().__init__(daemon=True)
        self.conn_args = (host, port)
        self.path, self.headers, self.budget = path, headers, budget
        self.latencies: list[float] = []
        self.errors = 0

    def run(self) -> None:
        conn = http.client.HTTPConnection(*self.conn_args, timeout=30)
        while self.budget.take():
            t0 = time.perf_counter()
            try:
                conn.request("GET", self.path, headers=self.headers)
                resp = conn.getresponse()
                resp.read()
                ok = resp.status == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(*self.conn_args, timeout=30)
                ok = False
            if ok:
                self.latencies.append(time.perf_counter() - t0)
            else:
                self.errors += 1
        conn.close()
