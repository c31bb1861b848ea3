"""`prodoffice worker`: run queued background tasks (optimizer runs ...) from the database queue.

A thin wrapper of django-tasks-db's `db_worker` (ADR 0007) with the same options (`--batch`,
`--max-tasks`, `--interval`, `--queue-name` ...); it refuses to start when the configured task
backend is not the database one, since there would be nothing to pick up.
"""

from __future__ import annotations

from django.core.management.base import CommandError
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from prodoffice.core.management.commands._base import USAGE


class Command(DbWorkerCommand):
    """Process background tasks until stopped (Ctrl-C finishes the current task first)."""

    help = (
        "Run the background worker: picks queued tasks (optimizer runs ...) from the database and "
        "runs them. --batch processes what is queued and exits. Exit code 2 when the task backend "
        "is not the database backend (PRODOFFICE_TASKS_IMMEDIATE=1 runs tasks inline instead)."
    )

    def handle(self, *args, **options):
        backend = task_backends[options.get("backend_name") or "default"]
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(
                f"The task backend is {type(backend).__name__}, not the database backend: "
                "tasks already run inline, there is no queue for a worker.",
                returncode=USAGE,
            )
        return super().handle(*args, **options)
