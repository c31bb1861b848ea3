"""`prodoffice worker`: run queued background tasks (optimizer runs ...) from the database queue.

A thin wrapper of django-tasks-db's `db_worker` (ADR 0007) with the same options (`--batch`,
`--max-tasks`, `--interval`, `--queue-name` ...). Its `--backend` check refuses to start when the
task backend is not the database one (PRODOFFICE_TASKS_IMMEDIATE=1): nothing would be queued.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand


class Command(DbWorkerCommand):
    """Process background tasks until stopped (Ctrl-C finishes the current task first)."""

    help = (
        "Run the background worker: picks queued tasks (optimizer runs ...) from the database and "
        "runs them. --batch processes what is queued and exits. Refused when tasks run inline "
        "(PRODOFFICE_TASKS_IMMEDIATE=1): there is no queue then."
    )

    def handle(self, *args, **options):
        # Apps' start-up hooks (e.g. the contracts recovery sweep), named in settings so that
        # core imports no app above it.
        for path in getattr(settings, "PRODOFFICE_WORKER_STARTUP", ()):
            import_string(path)()
        return super().handle(*args, **options)
