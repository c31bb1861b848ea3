"""S-03: the last office member who can manage memberships cannot remove or demote themself
(web, API, service; CLI callers go through the same service), so a production never loses its
office. Another office member can still be removed while one remains."""

from __future__ import annotations

import threading
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.test import Client
from rest_framework.authtoken.models import Token

from prodoffice.accounts import permissions as perms
from prodoffice.accounts.choices import OFFICE_ROLES
from prodoffice.accounts.models import Membership
from prodoffice.productions.services import memberships
from tests.support.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _bearer(user) -> Client:
    token = Token.objects.create(user=user)
    return Client(headers={"Authorization": f"Bearer {token.key}"}, raise_request_exception=False)


def _office_membership(world) -> Membership:
    return Membership.objects.get(production=world.production, user=world.office)


def test_s03_last_office_member_cannot_remove_themself_on_the_api(world):
    m = _office_membership(world)
    response = _bearer(world.office).delete(f"/api/v1/memberships/{m.pk}/")
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "last_office_member"
    assert "last office member" in error["fields"]["non_field_errors"][0]
    assert Membership.objects.filter(pk=m.pk, role="coordinator").exists()


def test_s03_last_office_member_cannot_demote_themself_on_the_api(world):
    m = _office_membership(world)
    response = _bearer(world.office).patch(
        f"/api/v1/memberships/{m.pk}/", data={"role": "crew"}, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "last_office_member"
    assert "last office member" in error["fields"]["role"][0]
    assert Membership.objects.get(pk=m.pk).role == "coordinator"


def test_s03_last_office_member_cannot_remove_or_demote_themself_on_the_web(world, office):
    m, code = _office_membership(world), world.production.code
    response = office.post(f"/p/{code}/access/{m.pk}/remove/", follow=True)
    assert Membership.objects.filter(pk=m.pk).exists()
    assert "last office member" in response.content.decode()
    response = office.post(
        f"/p/{code}/access/", {"user": "office", "role": "crew", "department": ""}
    )
    assert Membership.objects.get(pk=m.pk).role == "coordinator"
    assert response.status_code == 422
    assert "last office member" in response.content.decode()


def test_s03_last_office_member_refused_by_the_service_for_every_caller(world):
    """actor=None is how the CLI and the system call services: the rule holds for them too."""
    m = _office_membership(world)
    with pytest.raises(ValidationError) as exc:
        memberships.membership_remove(actor=None, membership=m)
    assert "last office member" in str(exc.value)
    with pytest.raises(ValidationError):
        memberships.membership_set(
            actor=None, production=world.production, user=world.office, role="crew"
        )
    assert Membership.objects.get(pk=m.pk).role == "coordinator"


def test_s03_office_members_removing_each_other_leave_one(world):
    """Two office members remove each other in turn: the first removal goes, the second is
    refused (select_for_update serialises concurrent attempts the same way)."""
    producer = UserFactory(username="producer2")
    second = MembershipFactory(user=producer, production=world.production, role="producer")
    first = _office_membership(world)
    memberships.membership_remove(actor=producer, membership=first)
    assert not Membership.objects.filter(pk=first.pk).exists()
    with pytest.raises(ValidationError):
        memberships.membership_remove(actor=producer, membership=second)
    assert Membership.objects.filter(pk=second.pk, role="producer").exists()


def test_s03_an_inactive_office_member_does_not_count(world):
    """A deactivated user cannot manage anything: they do not keep the production staffed."""
    idle = UserFactory(username="idle", is_active=False)
    MembershipFactory(user=idle, production=world.production, role="producer")
    with pytest.raises(ValidationError):
        memberships.membership_remove(actor=world.office, membership=_office_membership(world))


def test_s03_demoting_another_office_member_is_allowed_while_one_remains(world):
    other = UserFactory(username="pm2")
    MembershipFactory(user=other, production=world.production, role="production_manager")
    m = memberships.membership_set(
        actor=world.office, production=world.production, user=other, role="crew"
    )
    assert m.role == "crew"


def test_s03_the_right_to_manage_is_decided_again_under_the_lock(world):
    """An office member removed by someone else after their memberships were read (a request
    that began before the removal) is refused once the memberships are locked: the cached
    check alone would let them remove the last office member left."""
    producer = UserFactory(username="producer2")
    mine = MembershipFactory(user=producer, production=world.production, role="producer")

    assert perms.can_manage_production(producer, world.production)  # cached on the user now
    mine.delete()  # another session removes them
    first = _office_membership(world)
    with pytest.raises(PermissionDenied):
        memberships.membership_remove(actor=producer, membership=first)
    with pytest.raises(PermissionDenied):
        memberships.membership_set(
            actor=producer, production=world.production, user=world.office, role="crew"
        )
    assert Membership.objects.get(pk=first.pk).role == "coordinator"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_s03_office_members_removing_each_other_at_once_leave_one(world):
    """Concurrently, on PostgreSQL (SQLite serialises writers with BEGIN IMMEDIATE already): the
    memberships are locked first, so the second removal waits, sees the first and is refused:
    either as the last office member left (it waited on the lock) or because its actor is no
    longer a member at all (the first removal had committed before it began). Never both
    removed."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL matter; SQLite runs one writer at a time")
    producer = UserFactory(username="producer2")
    second = MembershipFactory(user=producer, production=world.production, role="producer")
    first = _office_membership(world)
    barrier, outcomes = threading.Barrier(2), []

    def remove(actor, membership):
        try:
            barrier.wait(timeout=10)
            memberships.membership_remove(actor=actor, membership=membership)
            outcomes.append("removed")
        except (ValidationError, PermissionDenied):
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=remove, args=(world.office, second)),
        threading.Thread(target=remove, args=(producer, first)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["refused", "removed"]
    office = Membership.objects.filter(production=world.production, role__in=OFFICE_ROLES)
    assert office.count() == 1


def test_s03_the_cli_refuses_to_remove_or_demote_the_last_office_member(world):
    with pytest.raises(CommandError) as exc:
        call_command("access", "remove", "office", "--production", "NIGHTJAR")
    assert "last office member" in str(exc.value)
    with pytest.raises(CommandError):
        call_command("access", "set", "office", "crew", "--production", "NIGHTJAR")
    assert _office_membership(world).role == "coordinator"
    out = StringIO()
    call_command("access", "remove", "crew_b", "--production", "NIGHTJAR", "--json", stdout=out)
    assert "crew_b" not in out.getvalue() and '"office"' in out.getvalue()
