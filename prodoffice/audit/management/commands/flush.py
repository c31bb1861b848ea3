"""`flush`, able to empty the append-only logs only inside a test environment (ADR 0008, 0011).

Database triggers refuse DELETE (and TRUNCATE) on the append-only tables (audit events,
contract events) unless their one-row guard table (`<app>_chain_guard`) holds a row.
Transactional tests and the browser suite flush the database between tests; this command opens
every guard for that flush, in the flush's own transaction, and only when Django's test
environment is set up. Anywhere else (a production `prodoffice flush`) the triggers refuse, and
nothing is flushed. It lives in the audit app, the lowest app with such a table.
"""

from __future__ import annotations

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test.utils import _TestState

GUARD_SUFFIX = "_chain_guard"


def in_test_environment() -> bool:
    """Whether `django.test.utils.setup_test_environment()` is in effect."""
    return hasattr(_TestState, "saved_data")


class Command(flush.Command):
    """Django's flush; in tests it may also empty the append-only event logs."""

    def handle(self, **options):
        alias = options.get("database") or DEFAULT_DB_ALIAS
        connection = connections[alias]
        guards = [t for t in connection.introspection.table_names() if t.endswith(GUARD_SUFFIX)]
        if not (in_test_environment() and guards):
            return super().handle(**options)
        with transaction.atomic(using=alias):
            with connection.cursor() as cursor:
                for table in guards:
                    cursor.execute(f"INSERT INTO {table} (id) VALUES (1)")  # noqa: S608
            super().handle(**options)
            with connection.cursor() as cursor:
                for table in guards:
                    cursor.execute(f"DELETE FROM {table}")  # noqa: S608
