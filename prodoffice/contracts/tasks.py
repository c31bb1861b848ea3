"""Background tasks of the contracts app (django-tasks; `prodoffice worker` runs them, ADR 0009).

Each takes ids, not objects, and is idempotent: delivered twice, or after its work was done
(by an earlier delivery or by the sweep), it changes nothing and sends nothing again.
"""

from __future__ import annotations

from django_tasks import task

from prodoffice.core.context import operation


class SealFailed(Exception):
    """The seal could not be applied; the contract stays countersigned, the sweep retries."""


class SendFailed(Exception):
    """The document could not be rendered; the contract is back in draft with the reason."""


@task()
def send_contract(contract_id: int) -> str:
    """Render and freeze a contract's document (`sending` to `sent`), then queue its links."""
    from prodoffice.contracts.services import contract_freeze

    with operation(src="system"):
        contract = contract_freeze(contract_id=contract_id)
    if contract.send_error and contract.status == "draft":
        raise SendFailed(contract.send_error)  # the task's result says failed; the row says why
    return contract.status


@task()
def seal_contract(contract_id: int) -> str:
    """Seal a countersigned contract (completion page, PAdES seal, final file): executed."""
    from prodoffice.contracts.signing import contract_seal

    with operation(src="system"):
        contract = contract_seal(contract_id=contract_id)
    if contract.seal_error and contract.status == "countersigned":
        raise SealFailed(contract.seal_error)  # the task's result says failed; the row says why
    return contract.status


@task()
def mail_links(contract_id: int) -> int:
    """Mail a fresh signing link and access code to each party whose link is due."""
    from prodoffice.contracts.services import contract_mail_links

    with operation(src="system"):
        return contract_mail_links(contract_id=contract_id)


@task()
def mail_copies(contract_id: int) -> int:
    """Mail each party of an executed contract its sealed copy as an attachment, once."""
    from prodoffice.contracts.copies import contract_mail_copies

    with operation(src="system"):
        return contract_mail_copies(contract_id=contract_id)


@task()
def sweep_contracts() -> dict:
    """The recovery sweep, every few minutes while a worker runs: it queues the next one."""
    from prodoffice.contracts.recovery import schedule_sweep, sweep

    with operation(src="system"):
        report = sweep()
    schedule_sweep()
    return report.as_dict()
