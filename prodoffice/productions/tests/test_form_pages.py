"""Engagement, person, meeting and access forms: validation errors, success, audit, HTMX."""

from __future__ import annotations

import pytest
from django.urls import reverse

from prodoffice.audit.models import AuditEvent
from prodoffice.productions.models import Engagement
from tests.support.factories import PersonFactory, position

pytestmark = pytest.mark.django_db


def _engagement_data(person, **extra):
    data = {"person": person.pk, "position": position("Gaffer").pk, "currency": "USD"}
    data.update(extra)
    return data


def test_create_engagement_error_then_success(world, office, code):
    person = PersonFactory(home_production=world.production, first_name="Gia", last_name="Ffer")
    url = reverse("web:engagement_new", args=[code])
    bad = office.post(url, _engagement_data(person, start_date="2026-05-10", end_date="2026-05-01"))
    assert bad.status_code == 200
    html = bad.content.decode()
    assert "Please correct the highlighted fields" in html
    assert "The end date is before the start date." in html
    assert not Engagement.objects.filter(person=person).exists()

    good = office.post(url, _engagement_data(person, rate="650", rate_unit="day"))
    engagement = Engagement.objects.get(person=person)
    assert good.status_code == 302 and str(engagement.public_id) in good["Location"]
    assert engagement.rate == 650 and engagement.currency == "USD"
    assert AuditEvent.objects.filter(
        action="engagement.create", target_id=str(engagement.pk)
    ).exists()


def test_rate_without_unit_is_a_field_error(world, office, code):
    person = PersonFactory(home_production=world.production)
    response = office.post(
        reverse("web:engagement_new", args=[code]), _engagement_data(person, rate="100")
    )
    assert "A rate needs a unit" in response.content.decode()


def test_htmx_submit_success_answers_hx_location(world, office, code):
    person = PersonFactory(home_production=world.production)
    response = office.post(
        reverse("web:engagement_new", args=[code]),
        _engagement_data(person),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 204 and "/crew/" in response["HX-Location"]


def test_inline_validation_renders_fragment_and_saves_nothing(world, office, code):
    person = PersonFactory(home_production=world.production)
    response = office.post(
        reverse("web:engagement_validate", args=[code]),
        {"person": person.pk, "cast_number": "0"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("<form") and "<html" not in html
    assert "greater than or equal to 1" in html
    assert "This field is required" not in html  # untouched fields wait for submit
    assert not Engagement.objects.filter(person=person).exists()


def test_department_head_form_has_no_rate_fields(world, client_for, code):
    html = client_for(world.head).get(reverse("web:engagement_new", args=[code])).content
    assert b'name="rate"' not in html and b'name="position"' in html


def test_head_cannot_set_rate_by_posting_it(world, client_for, code):
    person = world.person_b  # already on the crew, so the head sees them
    response = client_for(world.head).post(
        reverse("web:engagement_new", args=[code]),
        {"person": person.pk, "position": position("Grip").pk, "rate": "999", "rate_unit": "day"},
    )
    assert response.status_code == 302
    assert Engagement.objects.get(person=person, position=position("Grip")).rate is None


def test_edit_engagement_changes_dates(world, office, code):
    url = reverse("web:engagement_edit", args=[code, world.engagement_b.public_id])
    data = {"position": world.engagement_b.position_id, "start_date": "2026-06-01"}
    assert office.post(url, data).status_code == 302
    world.engagement_b.refresh_from_db()
    assert str(world.engagement_b.start_date) == "2026-06-01"


def test_status_transition_buttons_follow_the_table(world, office, code):
    detail = reverse("web:engagement", args=[code, world.engagement_b.public_id])
    html = office.get(detail).content.decode()
    assert ">Wrap<" in html and ">Release<" in html and ">Offer<" not in html
    office.post(
        reverse("web:engagement_status", args=[code, world.engagement_b.public_id]),
        {"status": "wrapped"},
    )
    world.engagement_b.refresh_from_db()
    assert world.engagement_b.status == "wrapped"
    assert "engagement.status" in office.get(detail + "?tab=history").content.decode()


def test_crew_cannot_change_status(world, client_for, code):
    url = reverse("web:engagement_status", args=[code, world.engagement_b.public_id])
    assert client_for(world.crew_b).post(url, {"status": "wrapped"}).status_code == 404
    world.engagement_b.refresh_from_db()
    assert world.engagement_b.status == "confirmed"


def test_experience_warning_banner(world, office, code):
    junior = PersonFactory(home_production=world.production, years_experience=0)
    office.post(
        reverse("web:engagement_new", args=[code]),
        {"person": junior.pk, "position": position("Gaffer").pk},
    )
    engagement = Engagement.objects.get(person=junior)
    html = office.get(reverse("web:engagement", args=[code, engagement.public_id])).content
    assert b'id="experience-warning"' in html


def test_quick_add_person_returns_to_the_form_with_them(world, office, code):
    response = office.post(
        reverse("web:person_quick_add", args=[code]),
        {"quick-first_name": "Nia", "quick-last_name": "New", "quick-years_experience": "3"},
    )
    assert response.status_code == 302 and "?person=" in response["Location"]
    assert "Nia New" in office.get(response["Location"]).content.decode()


def test_person_edit_and_child_forms(world, office, code):
    person = world.person_b
    url = reverse("web:person_edit", args=[code, person.public_id])
    bad = office.post(url, {"first_name": "Bo", "last_name": "B", "phone": "not a phone"})
    assert bad.status_code == 200 and "is-invalid" in bad.content.decode()
    add = reverse("web:person_add", args=[code, person.public_id, "language"])
    office.post(add, {"language-language": "fr", "language-proficiency": "fluent"})
    assert person.languages.filter(language="fr").exists()


def test_crew_cannot_see_private_fields_of_others_edit_form(world, client_for, code):
    url = reverse("web:person_edit", args=[code, world.person_a.public_id])
    assert client_for(world.crew_b).get(url).status_code == 404


def test_membership_added_by_username(world, office, code):
    response = office.post(
        reverse("web:members", args=[code]), {"user": "outsider", "role": "crew"}
    )
    assert response.status_code == 302
    assert world.outsider.memberships.filter(production=world.production).exists()


def test_membership_head_needs_department(world, office, code):
    response = office.post(
        reverse("web:members", args=[code]), {"user": "outsider", "role": "department_head"}
    )
    assert "A department head needs a department." in response.content.decode()


def test_company_create_error_then_success(world, office, code):
    url = reverse("web:company_new", args=[code])
    assert "This field is required" in office.post(url, {"kind": "vendor"}).content.decode()
    response = office.post(url, {"name": "Grip Co", "kind": "vendor"})
    assert response.status_code == 302
    assert "Grip Co" in office.get(response["Location"]).content.decode()


def test_get_never_changes_state(world, office, code):
    before = AuditEvent.objects.count()
    url = reverse("web:engagement_status", args=[code, world.engagement_b.public_id])
    assert office.get(url + "?status=wrapped").status_code == 405
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("persona", ["crew_b", "executive"])
def test_inline_validation_refused_to_readers(world, client_for, code, persona):
    url = reverse("web:engagement_validate", args=[code])
    assert client_for(getattr(world, persona)).post(url, {}).status_code == 403


def test_quick_add_offered_to_the_office_only(world, office, client_for, code):
    url = reverse("web:engagement_new", args=[code])
    assert b'id="quick-add-form"' in office.get(url).content
    assert b'id="quick-add-form"' not in client_for(world.head).get(url).content
