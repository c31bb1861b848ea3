"""E-09: the contract event chain recomputes, a row altered by raw SQL is detected, and the
database refuses UPDATE and DELETE on the log (SQLite and PostgreSQL, whichever runs the suite)."""

from __future__ import annotations

import itertools
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from prodoffice.audit.management.commands import flush as guarded_flush
from prodoffice.contracts.chain import GENESIS, event_hash, verify_chains
from prodoffice.contracts.models import Contract, ContractEvent
from prodoffice.contracts.services import ending
from prodoffice.contracts.tests.helpers import draft, sent, sign_all

TABLE = ContractEvent._meta.db_table
DROP = {
    "sqlite": ["DROP TRIGGER contracts_event_no_update"],
    "postgresql": [f"DROP TRIGGER contracts_event_no_change ON {TABLE}"],
}


def _raw(sql: str, params=()) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_each_event_chains_from_the_previous_hash(world):
    contract = sign_all(world, sent(world))
    events = list(contract.events.order_by("seq"))
    assert events[0].prev_hash == GENESIS
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash and after.seq == before.seq + 1
    assert all(event_hash(e, contract.public_id) == e.hash for e in events)


@pytest.mark.django_db
def test_raw_update_is_refused_by_the_database(world):
    contract = draft(world)
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(f"UPDATE {TABLE} SET action = 'signed' WHERE contract_id = %s", [contract.pk])  # noqa: S608
    assert contract.events.get().action == "created"


@pytest.mark.django_db
def test_raw_delete_is_refused_by_the_database(world):
    contract = draft(world)
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(f"DELETE FROM {TABLE} WHERE contract_id = %s", [contract.pk])  # noqa: S608
    assert contract.events.count() == 1


@pytest.mark.django_db
def test_the_orm_refuses_too(world):
    event = draft(world).events.get()
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()


@pytest.mark.django_db
def test_a_row_altered_by_raw_sql_is_detected_by_audit_verify(world):
    contract = sign_all(world, sent(world))
    ending.contract_void(actor=world.office, contract=contract, reason="test")
    intact = draft(world)
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "2 contract chains" in out.getvalue() and out.getvalue().startswith("OK:")
    # An attacker with database access drops the trigger and rewrites a typed name.
    with connection.cursor() as cursor:
        for sql in DROP[connection.vendor]:
            cursor.execute(sql)
        cursor.execute(
            f"UPDATE {TABLE} SET data = %s WHERE contract_id = %s AND seq = 5",  # noqa: S608
            [json.dumps({"typed_name": "Somebody Else"}), contract.pk],
        )
    err = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify", stdout=StringIO(), stderr=err)
    assert exc.value.returncode == 1
    assert f"contract {contract.reference}" in err.getvalue() and "seq 5" in err.getvalue()
    assert intact.reference not in err.getvalue()
    broken = {c.pk: b for c, _, b in verify_chains()}
    assert broken[contract.pk].seq == 5 and broken[intact.pk] is None


@pytest.mark.django_db
def test_audit_verify_json(world):
    draft(world)
    out = StringIO()
    call_command("audit", "verify", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["ok"] is True and result["breaks"] == []
    assert result["chains"]["contract"] == {"chains": 1, "events": 1}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_flush_outside_a_test_environment_cannot_empty_the_log(world, monkeypatch):
    contract = draft(world)
    monkeypatch.setattr(guarded_flush, "in_test_environment", lambda: False)
    with pytest.raises(CommandError) as exc:
        call_command("flush", interactive=False, verbosity=0)
    assert "append-only" in str(exc.value.__cause__)
    assert Contract.objects.filter(pk=contract.pk).exists() and contract.events.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_transactional_tests_can_flush_a_database_with_contract_events(world):
    """The teardown flush of this test (and of the browser suite) must pass the triggers."""
    draft(world)
    assert ContractEvent.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_previous_flush_emptied_the_log():
    assert ContractEvent.objects.count() == 0
