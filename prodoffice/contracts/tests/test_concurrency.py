"""F-07: two countersignatures at once, two signatures of one party at once: one winner each."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from prodoffice.contracts.models import Contract
from prodoffice.contracts.services import countersign as countersigning
from prodoffice.contracts.services import signing
from prodoffice.contracts.tests.helpers import login_access, otp_code, party_of, sent, sign_all

# Threads need committed rows and their own connections.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


#: The test suite's in-memory SQLite shares one cache whose table locks fail at once instead of
#: waiting (a file database waits, busy_timeout): there the loser is refused by the lock itself.
def in_memory() -> bool:
    """Whether the test database is in-memory SQLite (known only once it is set up)."""
    return connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"])


def _lost(result, message: str) -> bool:
    """The loser's refusal: the service's own message, or the shared-cache lock in memory."""
    text = _messages(result)
    return message in text or (in_memory() and "database table is locked" in text)


def _race(*calls) -> list:
    """Run the calls in parallel threads, started together; each result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # the loser's refusal is the point
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def _messages(result) -> str:
    return " ".join(getattr(result, "messages", [str(result)]))


def test_f07_two_parallel_countersigns_give_one_winner(world, office_seal):
    contract = sign_all(world, sent(world))
    code = otp_code(world.office)

    def countersign():
        return countersigning.contract_countersign(
            actor=world.office, contract=contract, otp_code=code
        )

    results = _race(countersign, countersign)
    winners = [r for r in results if isinstance(r, Contract)]
    losers = [r for r in results if not isinstance(r, Contract)]
    assert len(winners) == 1, results
    assert _lost(losers[0], "Already countersigned"), losers
    assert contract.events.filter(action="countersigned").count() == 1
    assert contract.documents.filter(kind="final").count() == 1


def test_f07_two_parallel_signatures_by_one_party_give_one_event(world):
    contract = sent(world)
    ada = party_of(contract, "ada@example.org")
    signing.party_consent(access=login_access(world.crew_a), party=ada)

    def sign():
        return signing.party_sign(
            access=login_access(world.crew_a), party=ada, typed_name="Ada Canary"
        )

    results = _race(sign, sign)
    assert sum(1 for r in results if not isinstance(r, Exception)) == 1, results
    loser = next(r for r in results if isinstance(r, Exception))
    assert _lost(loser, "Already signed"), loser
    assert contract.events.filter(action="signed").count() == 1
