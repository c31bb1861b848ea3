"""Measuring helpers: timed requests, query counts, the `prodoffice serve` process, profiles."""

from __future__ import annotations

import contextlib
import cProfile
import io
import os
import pstats
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

REPO = Path(__file__).resolve().parent.parent


def timed(call: Callable[[], object], *, repeat: int, warmup: int = 3) -> dict:
    """Median, minimum and 90th percentile wall time (ms) of `repeat` calls after a warm-up."""
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        call()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return {
        "median_ms": round(statistics.median(samples), 2),
        "min_ms": round(samples[0], 2),
        "p90_ms": round(samples[int(0.9 * (len(samples) - 1))], 2),
        "repeat": repeat,
    }


def get_ok(client, url: str):
    """GET through the test client; anything but 200 stops the benchmark."""
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")
    return response


def query_count(client, url: str) -> int:
    """Database queries of one GET (warm: the first request's one-off queries are excluded)."""
    get_ok(client, url)
    with CaptureQueriesContext(connection) as ctx:
        get_ok(client, url)
    return len(ctx.captured_queries)


def profile(call: Callable[[], object], *, times: int, top: int = 30) -> str:
    """cProfile of `times` calls: the top functions by cumulative and by own time."""
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(times):
        call()
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def free_port() -> int:
    """An unused loopback TCP port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(env: dict[str, str], port: int, workers: int = 2) -> Iterator[subprocess.Popen]:
    """Run `prodoffice serve` on the loopback with the benchmark settings; stop it afterwards."""
    cmd = [
        str(Path(sys.executable).with_name("prodoffice")),
        "serve",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
    ]
    child_env = {**os.environ, **env, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(cmd, cwd=REPO, env=child_env, start_new_session=True)
    try:
        _wait_healthy(port, proc)
        yield proc
    finally:
        _stop(proc)


def _wait_healthy(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Wait for /healthz to answer 200 (or the server to die)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"prodoffice serve exited with {proc.returncode}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r,
        ):
            if r.status == 200:
                return
        time.sleep(0.3)
    raise SystemExit("prodoffice serve did not become healthy in time")


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server this benchmark started (its own process group only)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
