"""Background tasks of the scheduling app (django-tasks; `prodoffice worker` runs them)."""

from __future__ import annotations

from django_tasks import task

from prodoffice.core.context import operation
from prodoffice.scheduling.services import optimization


@task()
def run_optimization(run_id: int) -> None:
    """Solve one queued optimizer run (its progress and result land on the run's row)."""
    with operation(src="system"):
        optimization.optimization_execute(run_id=run_id)
