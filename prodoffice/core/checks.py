"""System checks: refuse an SQLite database without its durability pragmas (R-05)."""

from __future__ import annotations

from django.core.checks import Error, Tags, register
from django.db import connections

EXPECTED = {"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1"}


def sqlite_pragma_problems(alias: str = "default") -> list[str]:
    """What is wrong with the SQLite connection's pragmas (empty when all is well)."""
    conn = connections[alias]
    if conn.vendor != "sqlite":
        return []
    problems = []
    with conn.cursor() as cur:
        for pragma, expected in EXPECTED.items():
            cur.execute(f"PRAGMA {pragma}")
            value = str(cur.fetchone()[0]).lower()
            # In-memory test databases cannot use WAL; the file database always must.
            if pragma == "journal_mode" and value == "memory":
                continue
            if value != expected:
                problems.append(f"PRAGMA {pragma} is {value}, expected {expected}")
        cur.execute("PRAGMA busy_timeout")
        if int(cur.fetchone()[0]) < 5000:
            problems.append("PRAGMA busy_timeout is under 5000 ms")
    return problems


@register(Tags.database)
def check_sqlite_pragmas(app_configs=None, databases=None, **kwargs):
    """R-05: WAL, synchronous=FULL, foreign keys and a busy timeout, else refuse to start."""
    if not databases or "default" not in databases:
        return []
    return [Error(p, id="prodoffice.E001") for p in sqlite_pragma_problems()]
