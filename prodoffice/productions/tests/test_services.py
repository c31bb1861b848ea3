"""Services of productions, engagements, memberships: rules, audit, and refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prodoffice.audit.models import AuditEvent
from prodoffice.productions.models import Engagement, Meeting
from prodoffice.productions.services import engagements, productions
from tests.support.factories import PersonFactory, position

pytestmark = pytest.mark.django_db


def test_production_create_opens_kickoff_and_makes_creator_office(world):
    prod = productions.production_create(
        actor=world.office, title="Heron", code="heron", kind="feature"
    )
    assert prod.code == "HERON"
    assert Meeting.objects.filter(production=prod, kind="kickoff").count() == 1
    assert world.office.memberships.get(production=prod).role == "production_manager"
    assert AuditEvent.objects.filter(action="production.create", target_id=str(prod.pk)).exists()


def test_production_create_refused_to_crew(world):
    with pytest.raises(PermissionDenied):
        productions.production_create(actor=world.crew_a, title="X", code="XX", kind="short")


def test_duplicate_production_code_named_on_field(world):
    with pytest.raises(ValidationError) as exc:
        productions.production_create(
            actor=world.office, title="Again", code="nightjar", kind="feature"
        )
    assert "code" in exc.value.message_dict


def test_phase_follows_transition_table(world):
    prod = world.production
    productions.production_set_phase(actor=world.office, production=prod, phase="production")
    with pytest.raises(ValidationError) as exc:
        productions.production_set_phase(actor=world.office, production=prod, phase="delivered")
    assert "Cannot go from production to delivered" in str(exc.value)


def test_confirming_invites_department_to_kickoff(world):
    prod = productions.production_create(
        actor=world.office, title="Heron", code="HERON", kind="feature"
    )
    eng = engagements.engagement_create(
        actor=world.office,
        production=prod,
        person=PersonFactory(),
        position=position("Gaffer"),
        status="offered",
    )
    kickoff = prod.meetings.get(kind="kickoff")
    assert not kickoff.attendances.exists()
    engagements.engagement_set_status(actor=world.office, engagement=eng, status="confirmed")
    assert kickoff.attendances.filter(engagement=eng).exists()
    assert kickoff.invited_departments.filter(slug="lighting-grip").exists()


def test_production_assistant_reports_to_production_manager_by_default(world):
    upm = engagements.engagement_create(
        actor=world.office,
        production=world.production,
        person=PersonFactory(),
        position=position("Production Manager"),
    )
    pa = engagements.engagement_create(
        actor=world.office,
        production=world.production,
        person=PersonFactory(),
        position=position("Production Assistant"),
    )
    assert pa.reports_to == upm


def test_reporting_cycle_refused(world):
    a = engagements.engagement_create(
        actor=world.office,
        production=world.production,
        person=PersonFactory(),
        position=position("Gaffer"),
    )
    b = engagements.engagement_create(
        actor=world.office,
        production=world.production,
        person=PersonFactory(),
        position=position("Best Boy Electric"),
        reports_to=a,
    )
    with pytest.raises(ValidationError) as exc:
        engagements.engagement_update(actor=world.office, engagement=a, reports_to=b)
    assert "cycle" in exc.value.message_dict["reports_to"][0]
    a.refresh_from_db()
    assert a.reports_to is None


def test_key_position_under_experience_warns_and_audits(world):
    junior = PersonFactory(years_experience=1)
    eng = engagements.engagement_create(
        actor=world.office,
        production=world.production,
        person=junior,
        position=position("Director of Photography"),
    )
    assert "key position" in eng.experience_warning
    assert AuditEvent.objects.filter(
        action="engagement.experience_warning", target_id=str(eng.pk)
    ).exists()


def test_rate_without_currency_refused_and_nothing_written(world):
    before = Engagement.objects.count()
    with pytest.raises(ValidationError) as exc:
        engagements.engagement_create(
            actor=world.office,
            production=world.production,
            person=PersonFactory(),
            position=position("Grip"),
            rate=Decimal("450"),
            rate_unit="day",
        )
    assert "currency" in exc.value.message_dict
    assert Engagement.objects.count() == before


def test_end_before_start_refused(world):
    import datetime

    with pytest.raises(ValidationError) as exc:
        engagements.engagement_update(
            actor=world.office,
            engagement=world.engagement_b,
            start_date=datetime.date(2027, 3, 2),
            end_date=datetime.date(2027, 3, 1),
        )
    assert "end_date" in exc.value.message_dict


def test_department_head_cannot_set_rates(world):
    with pytest.raises(ValidationError) as exc:
        engagements.engagement_update(
            actor=world.head,
            engagement=world.engagement_b,
            rate=Decimal("1"),
            currency="USD",
            rate_unit="day",
        )
    assert "rate" in exc.value.message_dict


def test_department_head_cannot_edit_other_department(world):
    eng = engagements.engagement_create(
        actor=world.office,
        production=world.production,
        person=PersonFactory(),
        position=position("Boom Operator"),
    )
    with pytest.raises(PermissionDenied):
        engagements.engagement_update(actor=world.head, engagement=eng, notes="x")


def test_unknown_field_refused_by_name(world):
    with pytest.raises(ValidationError) as exc:
        engagements.engagement_update(
            actor=world.office, engagement=world.engagement_b, production=world.other
        )
    assert "production" in exc.value.message_dict


def test_duplicate_cast_number_refused(world):
    lead = position("Lead Actor")
    engagements.engagement_create(
        actor=world.office,
        production=world.production,
        person=PersonFactory(),
        position=lead,
        cast_number=1,
        character="Mara",
    )
    with pytest.raises(ValidationError):
        engagements.engagement_create(
            actor=world.office,
            production=world.production,
            person=PersonFactory(),
            position=lead,
            cast_number=1,
            character="Jon",
        )


def test_update_checks_in_the_database_only_what_changed(world):
    """A notes edit asks the database nothing about untouched fields (ADR 0023), while a
    changed field still meets every check it takes part in, by name, before any write."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lead = position("Lead Actor")
    engagements.engagement_create(
        actor=world.office,
        production=world.production,
        person=PersonFactory(),
        position=lead,
        cast_number=1,
    )
    other = engagements.engagement_create(
        actor=world.office, production=world.production, person=PersonFactory(), position=lead
    )
    with CaptureQueriesContext(connection) as ctx:
        engagements.engagement_update(actor=world.office, engagement=other, notes="call me")
    checks = [q["sql"] for q in ctx.captured_queries if 'SELECT 1 AS "' in q["sql"]]
    assert checks == []
    assert Engagement.objects.get(pk=other.pk).notes == "call me"
    # the unique cast number (a constraint with the untouched production) is still checked
    with pytest.raises(ValidationError) as exc:
        engagements.engagement_update(actor=world.office, engagement=other, cast_number=1)
    assert "unique_cast_number" in str(exc.value)
    # and a check constraint on a changed field (the rate) with untouched ones (currency, unit)
    with pytest.raises(ValidationError):
        engagements.engagement_update(
            actor=world.office, engagement=other, rate=Decimal("1"), currency="", rate_unit=""
        )
    other.refresh_from_db()
    assert other.cast_number is None and other.rate is None
