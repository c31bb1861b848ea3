"""The audit log: append-only, correlated by request id and source, scoped to the office."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from prodoffice.audit.models import AuditEvent
from prodoffice.core import context
from prodoffice.productions.services import engagements

pytestmark = pytest.mark.django_db


def test_event_carries_actor_source_request_id_and_changes(world):
    with context.operation(src="cli", rid="req-12345678"):
        engagements.engagement_update(
            actor=world.office, engagement=world.engagement_b, notes="Own van"
        )
    event = AuditEvent.objects.get(action="engagement.update")
    assert (event.actor, event.source, event.request_id) == (world.office, "cli", "req-12345678")
    assert event.changes == {"notes": ["", "Own van"]}
    assert event.production == world.production


def test_events_cannot_be_changed_or_deleted(world):
    engagements.engagement_update(actor=world.office, engagement=world.engagement_b, notes="x")
    event = AuditEvent.objects.latest("id")
    event.message = "rewritten"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_failed_service_leaves_no_event(world):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        engagements.engagement_update(
            actor=world.office, engagement=world.engagement_b, reports_to=world.other_engagement
        )
    assert AuditEvent.objects.count() == before


def test_only_office_reads_the_log(world):
    engagements.engagement_update(actor=world.office, engagement=world.engagement_b, notes="y")
    assert AuditEvent.objects.for_user(world.office).exists()
    for user in (world.crew_a, world.head, world.executive, world.other_office, world.outsider):
        assert not AuditEvent.objects.for_user(user).filter(production=world.production).exists()


def test_web_request_gets_a_request_id_header(client):
    response = client.get("/healthz")
    assert len(response["X-Request-ID"]) >= 8


def test_office_reads_person_history_recorded_without_production(world):
    from prodoffice.people import services as people_services

    people_services.person_update(actor=world.office, person=world.person_b, pronouns="he/him")
    history = AuditEvent.objects.for_user(world.office).for_object(world.person_b)
    assert history.filter(action="person.update").exists()
    assert not AuditEvent.objects.for_user(world.other_office).for_object(world.person_b).exists()
    assert not AuditEvent.objects.for_user(world.crew_a).for_object(world.person_b).exists()


def test_every_private_person_field_is_redacted():
    from prodoffice.audit.services import redacted_fields
    from prodoffice.people.models import PRIVATE_PERSON_FIELDS, Person

    assert set(PRIVATE_PERSON_FIELDS) <= redacted_fields(Person())
