"""The Access page's "can countersign" switch: an audited service, office members only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from prodoffice.accounts.models import Membership
from prodoffice.audit.models import AuditEvent
from prodoffice.productions.services import memberships

pytestmark = pytest.mark.django_db


def _membership(world, user) -> Membership:
    return Membership.objects.get(production=world.production, user=user)


def test_the_office_grants_and_takes_the_right_and_each_change_is_audited(world):
    target = _membership(world, world.office)
    memberships.membership_countersign_set(actor=world.office, membership=target, allowed=False)
    target.refresh_from_db()
    assert not target.can_countersign
    memberships.membership_countersign_set(actor=world.office, membership=target, allowed=True)
    target.refresh_from_db()
    assert target.can_countersign
    events = AuditEvent.objects.filter(action="membership.countersign", target_id=str(target.pk))
    assert events.count() == 2 and events.filter(actor=world.office).count() == 2


def test_crew_cannot_countersign_and_crew_cannot_grant(world):
    crew = _membership(world, world.crew_a)
    with pytest.raises(ValidationError) as exc:
        memberships.membership_countersign_set(actor=world.office, membership=crew, allowed=True)
    assert "Only office staff can countersign" in " ".join(exc.value.messages)
    office = _membership(world, world.office)
    with pytest.raises(PermissionDenied):
        memberships.membership_countersign_set(actor=world.crew_a, membership=office, allowed=False)
    office.refresh_from_db()
    assert office.can_countersign and not crew.can_countersign


def test_setting_a_role_again_keeps_the_right(world):
    office = _membership(world, world.office)
    assert office.can_countersign
    memberships.membership_set(
        actor=world.office, production=world.production, user=world.office, role="coordinator"
    )
    office.refresh_from_db()
    assert office.can_countersign


def test_the_access_page_has_the_switch_and_it_works(world, office, code):
    url = reverse("web:members", args=[code])
    mine = _membership(world, world.office)
    page = office.get(url).content.decode()
    assert "Can countersign" in page and f'id="countersign-{mine.pk}"' in page
    assert 'aria-checked="true"' in page
    crew = _membership(world, world.crew_a)
    assert f'id="countersign-{crew.pk}"' not in page  # crew rows have no switch
    answer = office.post(url, {"action": "countersign", "membership": mine.pk, "allowed": "0"})
    assert answer.status_code == 302
    mine.refresh_from_db()
    assert not mine.can_countersign
    refused = office.post(url, {"action": "countersign", "membership": crew.pk, "allowed": "1"})
    assert refused.status_code == 302
    crew.refresh_from_db()
    assert not crew.can_countersign
    assert "Only office staff can countersign" in office.get(url).content.decode()
