"""`flush`, able to empty the contract event log only inside a test environment (ADR 0008).

The append-only triggers refuse DELETE (and TRUNCATE) on `contracts_contractevent` unless the
one-row table `contracts_chain_guard` holds a row. Transactional tests and the browser suite
flush the database between tests; this command opens the guard for that flush, in the flush's
own transaction, and only when Django's test environment is set up. Anywhere else (a
production `prodoffice flush`) the triggers refuse, and nothing is flushed.
"""

from __future__ import annotations

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test.utils import _TestState

GUARD_TABLE = "contracts_chain_guard"


def in_test_environment() -> bool:
    """Whether `django.test.utils.setup_test_environment()` is in effect."""
    return hasattr(_TestState, "saved_data")


class Command(flush.Command):
    """Django's flush; in tests it may also empty the append-only contract events."""

    def handle(self, **options):
        alias = options.get("database") or DEFAULT_DB_ALIAS
        connection = connections[alias]
        guarded = in_test_environment() and GUARD_TABLE in connection.introspection.table_names()
        if not guarded:
            return super().handle(**options)
        with transaction.atomic(using=alias):
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {GUARD_TABLE} (id) VALUES (1)")  # noqa: S608
            super().handle(**options)
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {GUARD_TABLE}")  # noqa: S608
