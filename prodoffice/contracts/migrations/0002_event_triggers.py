"""Append-only contract events, enforced by the database (ADR 0008).

UPDATE is always refused. DELETE (and TRUNCATE on PostgreSQL) is refused unless the one-row
table `contracts_chain_guard` holds a row; only the test-flush path (the overridden `flush`
command, inside a test environment, inside its own transaction) inserts it.
"""

from django.db import migrations

from prodoffice.core.append_only import append_only_operation


class Migration(migrations.Migration):
    dependencies = [("contracts", "0001_contracts_initial")]

    operations = [
        append_only_operation(
            prefix="contracts", table="contracts_contractevent", label="contract events"
        )
    ]
