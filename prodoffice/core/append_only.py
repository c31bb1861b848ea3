"""Append-only tables enforced by the database, for the event logs (ADR 0008, ADR 0013).

`append_only_operation` is the migration step that installs the triggers. UPDATE is always
refused. DELETE (and TRUNCATE on PostgreSQL) is refused unless the one-row guard table
`<prefix>_chain_guard` holds a row; only the test-flush path (the audit app's `flush` command,
inside a test environment, inside its own transaction) inserts it. The SQL is the same for every
such table but for its names, so it is written once here; the migrations that call it are
history and must keep producing the same statements.
"""

from __future__ import annotations

from django.db import migrations


def append_only_sql(*, prefix: str, table: str, label: str) -> dict[str, tuple[list, list]]:
    """Per database vendor: the statements that install the triggers and those that remove them.

    `prefix` names the guard table, triggers and function; `label` is what the refusal says
    ("contract events are append-only: UPDATE refused")."""
    guard = f"{prefix}_chain_guard"
    create_guard = f"CREATE TABLE {guard} (id integer PRIMARY KEY CHECK (id = 1))"
    sqlite = [
        create_guard,
        f"""
    CREATE TRIGGER {prefix}_event_no_update BEFORE UPDATE ON {table}
    BEGIN SELECT RAISE(ABORT, '{label} are append-only: UPDATE refused'); END
    """,
        f"""
    CREATE TRIGGER {prefix}_event_no_delete BEFORE DELETE ON {table}
    WHEN NOT EXISTS (SELECT 1 FROM {guard})
    BEGIN SELECT RAISE(ABORT, '{label} are append-only: DELETE refused'); END
    """,  # noqa: S608 (names are the migrations' constants)
    ]
    sqlite_reverse = [
        f"DROP TRIGGER IF EXISTS {prefix}_event_no_delete",
        f"DROP TRIGGER IF EXISTS {prefix}_event_no_update",
        f"DROP TABLE IF EXISTS {guard}",
    ]
    postgres = [
        create_guard,
        f"""
    CREATE FUNCTION {prefix}_event_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' OR NOT EXISTS (SELECT 1 FROM {guard}) THEN
            RAISE EXCEPTION '{label} are append-only: % refused', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NULL;
    END
    $$
    """,  # noqa: S608 (names are the migrations' constants)
        f"""
    CREATE TRIGGER {prefix}_event_no_change BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {prefix}_event_refuse()
    """,
        f"""
    CREATE TRIGGER {prefix}_event_no_truncate BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION {prefix}_event_refuse()
    """,
    ]
    postgres_reverse = [
        f"DROP TRIGGER IF EXISTS {prefix}_event_no_truncate ON {table}",
        f"DROP TRIGGER IF EXISTS {prefix}_event_no_change ON {table}",
        f"DROP FUNCTION IF EXISTS {prefix}_event_refuse()",
        f"DROP TABLE IF EXISTS {guard}",
    ]
    return {"sqlite": (sqlite, sqlite_reverse), "postgresql": (postgres, postgres_reverse)}


def append_only_operation(*, prefix: str, table: str, label: str) -> migrations.RunPython:
    """The migration step installing (and, backwards, removing) the triggers on `table`."""
    sql = append_only_sql(prefix=prefix, table=table, label=label)

    def run(schema_editor, which: int) -> None:
        statements = sql.get(schema_editor.connection.vendor)
        for statement in statements[which] if statements else ():
            schema_editor.execute(statement, params=None)

    return migrations.RunPython(
        lambda apps, schema_editor: run(schema_editor, 0),
        lambda apps, schema_editor: run(schema_editor, 1),
    )
