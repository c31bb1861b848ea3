"""`prodoffice worker`: the database queue end to end, and its refusal without one."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks_db.models import DBTaskResult

from prodoffice.scheduling.choices import RunStatus
from prodoffice.scheduling.services import optimization
from prodoffice.scheduling.tests.optimizer_fixtures import spread_board

pytestmark = pytest.mark.django_db

#: The worker also queues the next contracts sweep: look the task up by its path.
OPTIMIZE_TASK = "prodoffice.scheduling.tasks.run_optimization"

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_queued_run_waits_in_the_database_until_the_worker_runs_it(
    world, settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.TASKS = DATABASE
    # The worker closes connections that are not in autocommit between tasks, as Django does
    # between requests; inside the test's transaction that would close the test's connection
    # (PostgreSQL; in-memory SQLite ignores the close), so it is a no-op here as in the test client.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    board = spread_board(world.production)
    with django_capture_on_commit_callbacks(execute=True):
        run = optimization.optimization_start(actor=world.office, board=board, time_limit=5)
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED and DBTaskResult.objects.count() == 1
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0",
                 stdout=io.StringIO())  # fmt: skip
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.result_board is not None
    assert DBTaskResult.objects.get(task_path=OPTIMIZE_TASK).status == "SUCCESSFUL"


def test_worker_refuses_without_a_database_queue():
    with pytest.raises(CommandError) as caught:
        call_command("worker", "--batch", stdout=io.StringIO())
    assert "not a database backend" in str(caught.value)
