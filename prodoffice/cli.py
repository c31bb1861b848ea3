"""The `prodoffice` console script: named verbs map to management commands, the rest pass through.

`prodoffice import-crew FILE` is `manage.py import_crew FILE`; `prodoffice migrate` is
`manage.py migrate`. Every verb is a management command, so web, API and CLI share the services.
`optimize-file` (a benchmark file, no database) is answered before Django is set up, by the
module its management command calls too.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a prodoffice verb (dashes become underscores) or any manage.py command."""
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and args[1] in ("optimize-file", "optimize_file"):
        # No database, no site: answered before Django is set up (issue 17: under 2 s warm).
        from prodoffice.scheduling.file_verb import main as optimize_file

        sys.exit(optimize_file(args[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodoffice.settings")
    # The verb, and the verb after `help`, may be written with dashes (import-crew).
    verb_at = 2 if len(args) > 2 and args[1] == "help" else 1
    if len(args) > verb_at and not args[verb_at].startswith("-"):
        args[verb_at] = args[verb_at].replace("-", "_")
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        execute_from_command_line(["prodoffice", *args[1:]])
    except DatabaseError:
        if _unapplied_migrations():
            sys.stderr.write(NOT_MIGRATED)
            sys.exit(1)
        raise


NOT_MIGRATED = (
    "The database has not been migrated (or not to this version of prodoffice): "
    "run `prodoffice migrate` first.\n"
)


def _unapplied_migrations() -> bool:
    """Whether the database lacks migrations this code needs (checked only after a failure)."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[DEFAULT_DB_ALIAS]
    try:
        executor = MigrationExecutor(connection)
        return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except Exception:  # the database cannot even say what it holds: not this message's case
        return False


if __name__ == "__main__":
    main()
