"""F-11: a hypothesis state machine over the contract lifecycle keeps the invariants after every
step.

Each run of the machine drafts a fresh contract inside a rolled-back transaction and applies
rules chosen by hypothesis (one rule per operation), among them faults of the background work
(ADR 0009): a render that fails on send, a seal that fails (a full disk), a seal task delivered
twice, a task that crashes then the recovery sweep, a lost link e-mail. Refusals are expected,
but whatever happens, after every step: the chain verifies; status, events and documents agree
(sent and later = the frozen original; countersigned = one countersignature and no final file
yet; executed = one countersignature, one seal and the final file whose SHA-256 matches);
nothing is signed twice; every party still waiting holds a working link.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.test import TestCase
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from prodoffice.contracts import faults, recovery, tasks
from prodoffice.contracts.chain import verify_chains
from prodoffice.contracts.models import Contract
from prodoffice.contracts.services import countersign, drafting, ending, reminders, sending, signing
from prodoffice.contracts.tests.helpers import (
    draft,
    link_access,
    links_from_mail,
    login_access,
    otp_code,
    party_of,
)

OPERATIONS = [
    "send",
    "ada",
    "lou",
    "lou_declines",
    "countersign",
    "void",
    "new_version",
    "expire",
    # faults
    "send_render_fails",
    "countersign_disk_full",
    "countersign_task_crashes",
    "seal_delivered_twice",
    "sweep",
    "remind_mail_lost",
]


class _Rollback(Exception):
    pass


#: Final statuses the examples reached (the explicit examples reach executed).
reached: set[str] = set()


def _apply(world, contract: Contract, op: str, links: dict) -> None:
    ada = party_of(contract, "ada@example.org")
    if op == "send":
        with TestCase.captureOnCommitCallbacks(execute=True):
            sending.contract_send(actor=world.office, contract=contract)
        links.update(links_from_mail())
    elif op == "send_render_fails":
        with faults.inject("send:after-store", OSError(5, "Input/output error")):
            sending.contract_send(actor=world.office, contract=contract)
    elif op == "ada":
        for step in (signing.party_consent, signing.party_view):
            step(access=login_access(world.crew_a), party=ada)
        signing.party_sign(access=login_access(world.crew_a), party=ada, typed_name="Ada")
    elif op in ("lou", "lou_declines"):
        access = link_access(*links.get("lou@example.org", ("none", "00000000")))
        if op == "lou_declines":
            signing.party_decline(access=access, reason="No")
            return
        signing.party_consent(access=access)
        signing.party_sign(access=access, typed_name="Lou")
    elif op == "countersign":
        countersign.contract_countersign(
            actor=world.office, contract=contract, otp_code=otp_code(world.office)
        )
    elif op in ("countersign_disk_full", "countersign_task_crashes"):
        point, exc = (
            ("seal:after-file", OSError(28, "No space left on device"))
            if op == "countersign_disk_full"
            else ("seal:after-event", RuntimeError("worker killed"))
        )
        with faults.inject(point, exc):
            countersign.contract_countersign(
                actor=world.office, contract=contract, otp_code=otp_code(world.office)
            )
    elif op == "seal_delivered_twice":
        for _ in range(2):
            with contextlib.suppress(tasks.SealFailed):
                tasks.seal_contract.call(contract.pk)
    elif op == "sweep":
        recovery.sweep(grace=datetime.timedelta(0))
        links.update(links_from_mail())
    elif op == "remind_mail_lost":
        with faults.inject("mail:link-issued", RuntimeError("mail task lost")):
            reminders.contract_remind(actor=world.office, contract=contract)
    elif op == "void":
        ending.contract_void(actor=world.office, contract=contract, reason="fuzz")
    elif op == "new_version":
        drafting.contract_new_version(actor=world.office, contract=contract)
    elif op == "expire":
        past = timezone.now() - datetime.timedelta(seconds=1)
        Contract.objects.filter(pk=contract.pk, status__in=("sent", "partly_signed")).update(
            expires_at=past
        )
        ending.contracts_expire()


def _check(contract: Contract) -> None:
    contract.refresh_from_db()
    assert all(b is None for _, _, b in verify_chains(Contract.objects.filter(pk=contract.pk)))
    parties = list(contract.parties.all())
    if contract.status in ("signed", "countersigned", "executed"):
        assert all(p.status == "signed" for p in parties)
    executed = contract.status == "executed"
    countersigned = contract.status in ("countersigned", "executed")
    assert countersigned == bool(contract.countersigned_at)
    # Inline tasks always finish a send: sent with the frozen original, or back in draft.
    assert contract.status != "sending"
    originals = contract.documents.filter(kind="original", version=contract.version)
    if contract.status == "draft":
        assert not originals.exists()
    elif contract.status != "voided":  # voided: sent before, or not
        assert originals.count() == 1
    events = contract.events
    assert events.filter(action="countersigned").count() == (1 if countersigned else 0)
    assert events.filter(action="sealed").count() == (1 if executed else 0)
    finals = contract.documents.filter(kind="final")
    assert finals.count() == (1 if executed else 0)
    if executed:
        final = finals.get()
        assert hashlib.sha256(final.file.read()).hexdigest() == final.sha256
        assert not contract.seal_error
    for p in parties:
        signed = contract.events.filter(action="signed", party_ref=p.public_id)
        assert signed.count() <= contract.version
    if contract.status in ("sent", "partly_signed"):
        # Whatever was lost, every party still waiting holds a working (mailed) link.
        for p in parties:
            if p.status in ("pending", "viewed"):
                assert p.links.filter(used_at__isnull=True, revoked_at__isnull=True).exists()


def _run(world, contract: Contract, op: str, links: dict) -> None:
    """One operation in its own savepoint; a refusal is an answer, not a failure."""
    try:
        with transaction.atomic():
            _apply(world, contract, op, links)
    except (ValidationError, PermissionDenied):
        pass  # a refusal: the invariants must still hold


def _machine(world):
    """The lifecycle as a state machine: a rule per operation, the invariants after each."""

    class Lifecycle(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            self.contract = draft(world)
            self.links: dict = {}

        def teardown(self):
            reached.add(self.contract.status)
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)

        @invariant()
        def status_events_documents_and_chain_agree(self):
            _check(self.contract)

    for op in OPERATIONS:

        def step(self, op=op):
            _run(world, self.contract, op, self.links)

        step.__name__ = op
        setattr(Lifecycle, op, rule()(step))
    return Lifecycle


@pytest.mark.slow
@pytest.mark.django_db
def test_f11_state_machine_over_the_lifecycle_with_faults(world, office_seal):
    run_state_machine_as_test(
        _machine(world),
        settings=settings(
            max_examples=25,
            stateful_step_count=8,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize(
    "ops",
    [
        ["send", "ada", "lou", "countersign", "countersign", "ada", "void"],
        ["send", "ada", "new_version", "send", "lou", "ada", "countersign"],
        ["send", "ada", "lou", "countersign_disk_full", "seal_delivered_twice", "void"],
        ["send", "ada", "remind_mail_lost", "lou", "countersign_task_crashes", "sweep"],
        ["send_render_fails", "send", "ada", "lou", "countersign"],
    ],
)
def test_f11_known_lifecycles_keep_the_invariants(world, office_seal, ops):
    """Sequences that reach the countersignature and its faults every time."""
    try:
        with transaction.atomic():
            contract = draft(world)
            links: dict = {}
            for op in ops:
                _run(world, contract, op, links)
                _check(contract)
            reached.add(contract.status)
            raise _Rollback
    except _Rollback:
        pass


@pytest.mark.slow
def test_f11_the_examples_reached_executed():
    """Runs after the machine and the known sequences (same module): the countersignature was
    exercised."""
    if not reached:
        pytest.skip("run together with the F-11 tests above")
    assert "executed" in reached, reached
