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


def timed(calls: dict[str, Callable[[], object]], *, repeat: int, warmup: int = 3) -> dict:
    """Median, minimum and 90th percentile wall time (ms) of each call, after a warm-up.

    The calls take turns (round-robin), so a burst of load from elsewhere on the machine hits
    every path alike. The CPU time of this process is recorded too: on a shared machine it
    moves much less than wall time (with SQLite it includes the database's work; with
    PostgreSQL the server's share is not in it).
    """
    wall: dict[str, list[float]] = {name: [] for name in calls}
    cpu: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(warmup):
        for call in calls.values():
            call()
    for _ in range(repeat):
        for name, call in calls.items():
            t0, c0 = time.perf_counter(), time.process_time()
            call()
            cpu[name].append((time.process_time() - c0) * 1000)
            wall[name].append((time.perf_counter() - t0) * 1000)
    return {name: _summary(wall[name], cpu[name]) for name in calls}


def _summary(wall: list[float], cpu: list[float]) -> dict:
    """Wall-time statistics and the median CPU time of one path."""
    wall = sorted(wall)
    return {
        "median_ms": round(statistics.median(wall), 2),
        "min_ms": round(wall[0], 2),
        "p90_ms": round(wall[int(0.9 * (len(wall) - 1))], 2),
        "cpu_median_ms": round(statistics.median(cpu), 2),
        "repeat": len(wall),
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
def serve(env: dict[str, str], port: int, workers: int | None = 2) -> Iterator[subprocess.Popen]:
    """Run `prodoffice serve` on the loopback with the benchmark settings; stop it afterwards.
    `workers=None` leaves the server its default number of workers."""
    cmd = [
        str(Path(sys.executable).with_name("prodoffice")),
        "serve",
        "--bind",
        f"127.0.0.1:{port}",
    ]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    child_env = {**os.environ, **env, "PYTHONPATH": str(REPO)}
    # gunicorn writes an access-log line per request: to a file, not the benchmark's table
    with Path(env["PRODOFFICE_VAR_DIR"], "serve.log").open("ab") as log:
        proc = subprocess.Popen(
            cmd, cwd=REPO, env=child_env, stdout=log, stderr=log, start_new_session=True
        )
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


def workers_cpu_seconds(master_pid: int) -> float | None:
    """CPU seconds used so far by the gunicorn workers (children of the master), from /proc."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    total = 0
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a process that ended while being read
        if int(fields[1]) == master_pid:  # ppid, after the state field
            total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total / os.sysconf("SC_CLK_TCK")
