"""Directory services: validation of contact data, duplicates, and who may edit whom."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prodoffice.audit.models import AuditEvent
from prodoffice.people import services
from prodoffice.people.models import Person

pytestmark = pytest.mark.django_db


def test_person_create_normalises_phone_to_e164_and_audits(world):
    p = services.person_create(
        actor=world.office,
        production=world.production,
        first_name="Ines",
        last_name="Moreau",
        email="ines@example.test",
        phone="+33 6 12 34 56 78",
    )
    assert p.phone == "+33612345678"
    assert p.home_production == world.production
    assert AuditEvent.objects.filter(action="person.create", target_id=str(p.pk)).exists()


def test_malformed_phone_is_named_on_its_field(world):
    with pytest.raises(ValidationError) as exc:
        services.person_create(
            actor=world.office,
            production=world.production,
            first_name="A",
            last_name="B",
            phone="+1 555",
        )
    assert "phone" in exc.value.message_dict
    assert not Person.objects.filter(first_name="A", last_name="B").exists()


def test_duplicate_email_refused_case_insensitively(world):
    with pytest.raises(ValidationError) as exc:
        services.person_create(
            actor=world.office,
            production=world.production,
            first_name="X",
            last_name="Y",
            email=world.person_a.email.upper(),
        )
    assert "already belongs" in exc.value.message_dict["email"][0]


def test_crew_edits_own_profile_but_not_anothers(world):
    services.person_update(actor=world.crew_a, person=world.person_a, pronouns="she/her")
    with pytest.raises(PermissionDenied):
        services.person_update(actor=world.crew_a, person=world.person_b, pronouns="x")
    world.person_b.refresh_from_db()
    assert world.person_b.pronouns == ""


def test_office_of_another_production_cannot_edit(world):
    with pytest.raises(PermissionDenied):
        services.person_update(actor=world.other_office, person=world.person_a, city="Nowhere")


def test_private_values_are_redacted_in_the_audit_log(world):
    services.person_update(actor=world.office, person=world.person_a, passport_number="P1234567")
    event = AuditEvent.objects.filter(action="person.update").latest("id")
    assert event.changes["passport_number"] == ["***", "***"]
    assert "P1234567" not in str(event.changes)


def test_unknown_country_and_language_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.person_update(actor=world.office, person=world.person_a, nationality="XX")
    assert "nationality" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.language_add(
            actor=world.office, person=world.person_a, language="zz-notalang", proficiency="native"
        )


def test_cards_languages_credits_and_agents(world):
    p = world.person_a
    services.union_membership_add(actor=world.office, person=p, union="IATSE", local="Local 80")
    services.language_add(actor=world.office, person=p, language="fr", proficiency="fluent")
    services.credit_add(
        actor=world.office, person=p, title="Harbor Lights", year=2019, position="Grip"
    )
    agency = services.company_create(
        actor=world.office, production=world.production, name="Meridian Talent", kind="agency"
    )
    services.representation_add(actor=world.office, person=p, agency=agency)
    assert p.union_memberships.count() == p.languages.count() == p.credits.count() == 1
    assert p.representations.get().agency == agency
    with pytest.raises(ValidationError):
        services.credit_add(
            actor=world.office, person=p, title="Too Old", year=1700, position="Grip"
        )


def test_person_cannot_represent_themself(world):
    with pytest.raises(ValidationError):
        services.representation_add(actor=world.office, person=world.person_a, agent=world.person_a)
