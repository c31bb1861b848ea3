"""The lifecycle table: every move it refuses, with its message, and no way around the office."""

from __future__ import annotations

import pytest

from prodoffice.contracts.choices import CONTRACT_TRANSITIONS, ContractStatus
from prodoffice.contracts.errors import Conflict
from prodoffice.contracts.models import Contract
from prodoffice.contracts.services.common import move

S = ContractStatus
REFUSED = [
    (current, target)
    for current in S.values
    for target in S.values
    if target not in CONTRACT_TRANSITIONS[current]
]


@pytest.mark.parametrize(("current", "target"), REFUSED)
def test_every_refused_transition_is_a_conflict_naming_both_states(current, target):
    contract = Contract(status=current)
    with pytest.raises(Conflict) as exc:
        move(contract, target)
    text = " ".join(exc.value.messages)
    if current == target:
        assert text == f"Already {target}."
    else:
        allowed = ", ".join(sorted(CONTRACT_TRANSITIONS[current])) or "none"
        assert text == f"Cannot go from {current} to {target} (allowed: {allowed})."
    assert contract.status == current


def test_executed_is_reached_only_from_countersigned():
    sources = {s for s, targets in CONTRACT_TRANSITIONS.items() if S.EXECUTED in targets}
    assert sources == {S.COUNTERSIGNED}
    sources = {s for s, targets in CONTRACT_TRANSITIONS.items() if S.COUNTERSIGNED in targets}
    assert sources == {S.SIGNED}


def test_nothing_leaves_executed_or_voided():
    assert CONTRACT_TRANSITIONS[S.EXECUTED] == set() and CONTRACT_TRANSITIONS[S.VOIDED] == set()


def test_allowed_transitions_move_the_status():
    for current, targets in CONTRACT_TRANSITIONS.items():
        for target in targets:
            contract = Contract(status=current)
            assert move(contract, target) == current and contract.status == target
