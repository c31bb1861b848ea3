"""E-09 for the general audit log: each production's events (and the global ones) are hash-chained,
the database refuses UPDATE and DELETE on the log (SQLite and PostgreSQL, whichever runs the
suite), `prodoffice audit verify` names the first broken link, and concurrent writers never fork
a chain (PostgreSQL)."""

from __future__ import annotations

import importlib
import itertools
import json
import threading
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, close_old_connections, connection, transaction

from prodoffice.audit import services as audit
from prodoffice.audit.chain import GENESIS, event_hash, verify_audit_chains
from prodoffice.audit.management.commands import flush as guarded_flush
from prodoffice.audit.models import AuditChainHead, AuditEvent
from prodoffice.core import context
from tests.support.factories import ProductionFactory, UserFactory

TABLE = AuditEvent._meta.db_table
DROP_UPDATE = {
    "sqlite": "DROP TRIGGER audit_event_no_update",
    "postgresql": f"DROP TRIGGER audit_event_no_change ON {TABLE}",
}
DROP_DELETE = {
    "sqlite": "DROP TRIGGER audit_event_no_delete",
    "postgresql": f"DROP TRIGGER audit_event_no_change ON {TABLE}",
}


def _raw(sql: str, params=()) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _events(world, n: int, production="default", actor="office") -> list[AuditEvent]:
    production = world.production if production == "default" else production
    target = world.engagement_a
    return [
        audit.record(
            actor=getattr(world, actor) if actor else None,
            action="engagement.update",
            target=target,
            production=production,
            changes={"role": [f"grip {i}", f"best boy {i}"], "start": ["2026-01-01", None]},
            message=f"edit {i}",
        )
        for i in range(n)
    ]


def _chain(production) -> list[AuditEvent]:
    pid = getattr(production, "pk", production)
    return list(AuditEvent.objects.filter(production_id=pid).order_by("seq"))


def _verify_json() -> tuple[int, dict]:
    out = StringIO()
    try:
        call_command("audit", "verify", "--json", stdout=out, stderr=StringIO())
        code = 0
    except CommandError as exc:
        code = exc.returncode
    return code, json.loads(out.getvalue())


@pytest.mark.django_db
def test_each_production_has_its_own_chain_and_global_events_one_more(world):
    _events(world, 3)
    _events(world, 2, production=world.other)
    _events(world, 2, production=None, actor=None)
    for production in (world.production, world.other, None):
        events = _chain(production)
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        assert events[0].prev_hash == GENESIS
        for before, after in itertools.pairwise(events):
            assert after.prev_hash == before.hash
        assert all(event_hash(e) == e.hash for e in events)
    assert {b for _, _, b in verify_audit_chains()} == {None}
    head = AuditChainHead.objects.get(chain=world.production.pk)
    assert (head.seq, head.hash) == (3, _chain(world.production)[-1].hash)


@pytest.mark.django_db
def test_an_event_from_a_request_hashes_its_normalised_address(world):
    with context.operation(src="web", ip="2001:DB8:0:0:0:0:0:1"):
        (event,) = _events(world, 1)
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.ip == "2001:db8::1" and event_hash(event) == event.hash


@pytest.mark.django_db
def test_raw_update_is_refused_by_the_database(world):
    (event,) = _events(world, 1)
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(f"UPDATE {TABLE} SET message = 'nothing happened' WHERE id = %s", [event.pk])  # noqa: S608
    assert AuditEvent.objects.get(pk=event.pk).message == "edit 0"


@pytest.mark.django_db
def test_raw_delete_is_refused_by_the_database(world):
    _events(world, 2)
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(f"DELETE FROM {TABLE} WHERE production_id = %s", [world.production.pk])  # noqa: S608
    assert len(_chain(world.production)) == 2


@pytest.mark.django_db
def test_the_orm_refuses_too(world):
    (event,) = _events(world, 1)
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(message="quietly")


@pytest.mark.django_db
def test_deleting_a_user_or_a_production_leaves_their_events_untouched(world):
    user = UserFactory()
    production = ProductionFactory()
    (event,) = _events(world, 1, production=production, actor=None)
    production_id, user_id = production.pk, user.pk
    event_by_user = audit.record(
        actor=user, action="person.update", target=world.person_a, production=world.production
    )
    user.delete()
    production.delete()
    assert AuditEvent.objects.get(pk=event.pk).production_id == production_id
    assert AuditEvent.objects.get(pk=event_by_user.pk).actor_id == user_id
    chains = {c.production_id: (c, b) for c, _, b in verify_audit_chains()}
    chain, broken = chains[production_id]
    assert broken is None and chain.production == f"#{production_id} (deleted)"


@pytest.mark.django_db
def test_a_row_altered_by_raw_sql_is_named_by_audit_verify(world):
    _events(world, 4)
    intact = _events(world, 2, production=world.other)
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert out.getvalue().startswith("OK:") and "audit chains" in out.getvalue()
    # An attacker with database access drops the trigger and rewrites what was changed.
    third = _chain(world.production)[2]
    with connection.cursor() as cursor:
        cursor.execute(DROP_UPDATE[connection.vendor])
        cursor.execute(
            f"UPDATE {TABLE} SET changes = %s WHERE id = %s",  # noqa: S608
            [json.dumps({"role": ["grip", "grip"]}), third.pk],
        )
    err = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify", stdout=StringIO(), stderr=err)
    assert exc.value.returncode == 1
    text = err.getvalue()
    assert f"audit chain {world.production.code}: seq 3 (event {third.pk})" in text
    assert "altered" in text and world.other.code not in text
    code, result = _verify_json()
    assert code == 1 and result["ok"] is False
    assert result["breaks"] == [
        {
            "chain": "audit",
            "production": world.production.code,
            "production_id": world.production.pk,
            "seq": 3,
            "event_id": third.pk,
            "reason": "hash does not match the row (altered)",
        }
    ]
    assert result["chains"]["audit"]["events"] >= 6 and intact


@pytest.mark.django_db
def test_rows_removed_in_the_middle_or_at_the_end_are_named(world):
    events = _events(world, 5)
    with connection.cursor() as cursor:
        cursor.execute(DROP_DELETE[connection.vendor])
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [events[1].pk])  # noqa: S608
    broken = {c.production_id: b for c, _, b in verify_audit_chains()}[world.production.pk]
    assert (broken.seq, broken.event_id) == (3, events[2].pk) and "gap" in broken.reason
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE id IN (%s, %s, %s)",  # noqa: S608
            [events[2].pk, events[3].pk, events[4].pk],
        )
    broken = {c.production_id: b for c, _, b in verify_audit_chains()}[world.production.pk]
    assert (broken.seq, broken.event_id) == (2, None) and "head records seq 5" in broken.reason


@pytest.mark.django_db
def test_the_migration_chains_events_recorded_before_the_chains_in_insert_order(world):
    _events(world, 3)
    _events(world, 2, production=None, actor=None)
    with connection.cursor() as cursor:
        cursor.execute(DROP_UPDATE[connection.vendor])
        cursor.execute(f"UPDATE {TABLE} SET seq = seq + 1000, prev_hash = '', hash = ''")  # noqa: S608
    AuditChainHead.objects.all().delete()
    migration = importlib.import_module("prodoffice.audit.migrations.0004_hash_existing_events")
    migration.forwards(django_apps, None)
    chain = _chain(world.production)
    assert [e.pk for e in chain] == sorted(e.pk for e in chain)
    assert [e.seq for e in chain] == [1, 2, 3]
    assert {b for _, _, b in verify_audit_chains()} == {None}
    assert AuditChainHead.objects.get(chain=world.production.pk).seq == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_writers_never_fork_a_chain(world):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers (IMMEDIATE transactions); the race is PostgreSQL's")
    writers, each = 6, 15
    errors: list[BaseException] = []
    start = threading.Barrier(writers)

    def write(n: int) -> None:
        try:
            start.wait()
            for _ in range(each):
                with transaction.atomic():
                    _events(world, 1, production=world.production if n % 2 else None, actor=None)
        except BaseException as exc:
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for production in (world.production, None):
        assert [e.seq for e in _chain(production)] == list(range(1, writers // 2 * each + 1))
    assert {b for _, _, b in verify_audit_chains()} == {None}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_flush_outside_a_test_environment_cannot_empty_the_audit_log(world, monkeypatch):
    _events(world, 2)
    monkeypatch.setattr(guarded_flush, "in_test_environment", lambda: False)
    with pytest.raises(CommandError) as exc:
        call_command("flush", interactive=False, verbosity=0)
    assert "append-only" in str(exc.value.__cause__)
    assert len(_chain(world.production)) == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_transactional_tests_can_flush_a_database_with_audit_events(world):
    """The teardown flush of this test (and of the browser suite) must pass the triggers."""
    _events(world, 2)
    assert len(_chain(world.production)) == 2
