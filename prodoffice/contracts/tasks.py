"""Background tasks of the contracts app (django-tasks; `prodoffice worker` runs them, ADR 0009).

Each takes ids, not objects, and is idempotent: delivered twice, or after its work was done
(by an earlier delivery or by the sweep), it changes nothing and sends nothing again.

The services queue these tasks and the tasks call the services back, so each side imports the
other's module (not its names): neither needs the other until a task runs.
"""

from __future__ import annotations

from django_tasks import task

from prodoffice.contracts import recovery
from prodoffice.contracts.services import bulk, copies, links, sealing, sending
from prodoffice.core.context import operation


class SealFailed(Exception):
    """The seal could not be applied; the contract stays countersigned, the sweep retries."""


class SendFailed(Exception):
    """The document could not be rendered; the contract is back in draft with the reason."""


@task()
def send_contract(contract_id: int) -> str:
    """Render and freeze a contract's document (`sending` to `sent`), then queue its links."""
    with operation(src="system"):
        contract = sending.contract_freeze(contract_id=contract_id)
    if contract.send_error and contract.status == "draft":
        raise SendFailed(contract.send_error)  # the task's result says failed; the row says why
    return contract.status


@task()
def seal_contract(contract_id: int) -> str:
    """Seal a countersigned contract (completion page, PAdES seal, final file): executed."""
    with operation(src="system"):
        contract = sealing.contract_seal(contract_id=contract_id)
    if contract.seal_error and contract.status == "countersigned":
        raise SealFailed(contract.seal_error)  # the task's result says failed; the row says why
    return contract.status


@task()
def mail_links(contract_id: int) -> int:
    """Mail a fresh signing link and access code to each party whose link is due."""
    with operation(src="system"):
        return links.contract_mail_links(contract_id=contract_id)


@task()
def mail_copies(contract_id: int) -> int:
    """Mail each party of an executed contract its sealed copy as an attachment, once."""
    with operation(src="system"):
        return copies.contract_mail_copies(contract_id=contract_id)


@task()
def run_bulk_job(job_id: int) -> None:
    """A bulk send or countersignature of the contract desk (`prodoffice worker`; inline when
    PRODOFFICE_TASKS_IMMEDIATE=1)."""
    with operation(src="system"):
        bulk.bulk_run(job_id=job_id)


@task()
def sweep_contracts() -> dict:
    """The recovery sweep, every few minutes while a worker runs: it queues the next one."""
    with operation(src="system"):
        report = recovery.sweep()
    recovery.schedule_sweep()
    return report.as_dict()
