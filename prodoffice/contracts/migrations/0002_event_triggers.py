"""Append-only contract events, enforced by the database (ADR 0008).

UPDATE is always refused. DELETE (and TRUNCATE on PostgreSQL) is refused unless the one-row
table `contracts_chain_guard` holds a row; only the test-flush path (the overridden `flush`
command, inside a test environment, inside its own transaction) inserts it.
"""

from django.db import migrations

GUARD = "CREATE TABLE contracts_chain_guard (id integer PRIMARY KEY CHECK (id = 1))"

SQLITE = [
    GUARD,
    """
    CREATE TRIGGER contracts_event_no_update BEFORE UPDATE ON contracts_contractevent
    BEGIN SELECT RAISE(ABORT, 'contract events are append-only: UPDATE refused'); END
    """,
    """
    CREATE TRIGGER contracts_event_no_delete BEFORE DELETE ON contracts_contractevent
    WHEN NOT EXISTS (SELECT 1 FROM contracts_chain_guard)
    BEGIN SELECT RAISE(ABORT, 'contract events are append-only: DELETE refused'); END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS contracts_event_no_delete",
    "DROP TRIGGER IF EXISTS contracts_event_no_update",
    "DROP TABLE IF EXISTS contracts_chain_guard",
]

POSTGRES = [
    GUARD,
    """
    CREATE FUNCTION contracts_event_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' OR NOT EXISTS (SELECT 1 FROM contracts_chain_guard) THEN
            RAISE EXCEPTION 'contract events are append-only: % refused', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER contracts_event_no_change BEFORE UPDATE OR DELETE ON contracts_contractevent
    FOR EACH ROW EXECUTE FUNCTION contracts_event_refuse()
    """,
    """
    CREATE TRIGGER contracts_event_no_truncate BEFORE TRUNCATE ON contracts_contractevent
    FOR EACH STATEMENT EXECUTE FUNCTION contracts_event_refuse()
    """,
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS contracts_event_no_truncate ON contracts_contractevent",
    "DROP TRIGGER IF EXISTS contracts_event_no_change ON contracts_contractevent",
    "DROP FUNCTION IF EXISTS contracts_event_refuse()",
    "DROP TABLE IF EXISTS contracts_chain_guard",
]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor)
    for sql in statements or ():
        schema_editor.execute(sql, params=None)


def backwards(apps, schema_editor):
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}.get(
        schema_editor.connection.vendor
    )
    for sql in statements or ():
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("contracts", "0001_contracts_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
