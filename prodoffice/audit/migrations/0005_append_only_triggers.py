"""Append-only audit events, enforced by the database (ADR 0013, as ADR 0008 for contracts).

UPDATE is always refused. DELETE (and TRUNCATE on PostgreSQL) is refused unless the one-row
table `audit_chain_guard` holds a row; only the test-flush path (the `flush` command of the audit
app, inside a test environment, inside its own transaction) inserts it.
"""

from django.db import migrations, models

GUARD = "CREATE TABLE audit_chain_guard (id integer PRIMARY KEY CHECK (id = 1))"

SQLITE = [
    GUARD,
    """
    CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused'); END
    """,
    """
    CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
    WHEN NOT EXISTS (SELECT 1 FROM audit_chain_guard)
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused'); END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TABLE IF EXISTS audit_chain_guard",
]

POSTGRES = [
    GUARD,
    """
    CREATE FUNCTION audit_event_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' OR NOT EXISTS (SELECT 1 FROM audit_chain_guard) THEN
            RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP
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
    CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse()
    """,
    """
    CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse()
    """,
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent",
    "DROP TRIGGER IF EXISTS audit_event_no_change ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_event_refuse()",
    "DROP TABLE IF EXISTS audit_chain_guard",
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
    dependencies = [("audit", "0004_hash_existing_events")]

    operations = [
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(
                fields=("production", "seq"), name="audit_event_unique_seq"
            ),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(
                condition=models.Q(("production__isnull", True)),
                fields=("seq",),
                name="audit_event_unique_global_seq",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
