"""Availability on the engagement: services, who may see and change it, the web section, the API."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from prodoffice.audit.models import AuditEvent
from prodoffice.productions.models import Unavailability
from prodoffice.productions.services.availability import unavailability_add, unavailability_remove

pytestmark = pytest.mark.django_db

D1, D2 = datetime.date(2027, 3, 1), datetime.date(2027, 3, 5)


def add(world, actor=None, **values):
    values = {"start_date": D1, "end_date": D2, "kind": "other_job", **values}
    return unavailability_add(actor=actor, engagement=world.engagement_a, **values)


# --- services ---------------------------------------------------------------------------------


def test_office_adds_a_range_and_it_is_audited_without_the_reason(world):
    item = add(world, world.office, reason="Shooting a commercial in Lisbon")
    assert (item.start_date, item.end_date, item.kind) == (D1, D2, "other_job")
    event = AuditEvent.objects.get(action="unavailability.add")
    assert event.target_id == str(world.engagement_a.pk)
    assert event.changes == {"unavailable": [None, "2027-03-01..2027-03-05"]}
    assert "Lisbon" not in (event.message + str(event.changes))


def test_the_person_adds_their_own_dates(world):
    item = add(world, world.crew_a, kind="personal")
    assert item.engagement == world.engagement_a


@pytest.mark.parametrize("who", ["head", "crew_b", "executive", "outsider"])
def test_others_may_not_change_someones_availability(world, who):
    with pytest.raises(PermissionDenied):
        add(world, getattr(world, who))
    assert not Unavailability.objects.exists()


def test_end_before_start_is_refused_naming_the_field(world):
    with pytest.raises(ValidationError) as exc:
        add(world, world.office, start_date=D2, end_date=D1)
    assert exc.value.message_dict == {"end_date": ["The end date is before the start date."]}
    assert not Unavailability.objects.exists()
    assert not AuditEvent.objects.filter(action="unavailability.add").exists()


def test_missing_dates_and_unknown_kind_are_refused_by_field(world):
    with pytest.raises(ValidationError) as exc:
        add(world, world.office, start_date=None, end_date="soon")
    assert set(exc.value.message_dict) == {"start_date", "end_date"}
    with pytest.raises(ValidationError) as exc:
        add(world, world.office, kind="holiday")
    assert "kind" in exc.value.message_dict


def test_one_day_range_covers_that_day_only(world):
    item = add(world, world.office, start_date=D1, end_date=D1)
    assert item.covers(D1) and not item.covers(D1 + datetime.timedelta(days=1))
    assert str(item) == "Other job 2027-03-01"


def test_remove_by_the_person_is_audited_and_by_a_head_refused(world):
    item = add(world, world.office)
    with pytest.raises(PermissionDenied):
        unavailability_remove(actor=world.head, unavailability=item)
    unavailability_remove(actor=world.crew_a, unavailability=item)
    assert not Unavailability.objects.exists()
    event = AuditEvent.objects.get(action="unavailability.remove")
    assert event.changes == {"unavailable": ["2027-03-01..2027-03-05", None]}


def test_database_refuses_end_before_start():
    from django.db import IntegrityError, transaction

    from tests.support.factories import EngagementFactory

    engagement = EngagementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Unavailability.objects.create(engagement=engagement, start_date=D2, end_date=D1)


# --- who reads --------------------------------------------------------------------------------


def test_readers_are_those_who_read_the_engagement(world):
    add(world)
    visible = {
        who: Unavailability.objects.for_user(getattr(world, who)).exists()
        for who in ("office", "head", "executive", "crew_a", "crew_b", "outsider", "other_office")
    }
    assert visible == {"office": True, "head": True, "executive": True, "crew_a": True,
                       "crew_b": False, "outsider": False, "other_office": False}  # fmt: skip
    changers = Unavailability.objects.for_user
    assert changers(world.crew_a, "change").exists() and changers(world.office, "change").exists()
    assert not changers(world.head, "change").exists()


# --- web --------------------------------------------------------------------------------------


def _page(world):
    return reverse("web:engagement", args=[world.production.code, world.engagement_a.public_id])


def _section(world):
    args = [world.production.code, world.engagement_a.public_id]
    return reverse("web:engagement_availability", args=args)


def test_engagement_page_shows_the_section_with_reasons_for_office_only(world, client_for):
    add(world, reason="Commercial in Lisbon")
    office = client_for(world.office).get(_page(world)).content.decode()
    assert 'id="section-availability"' in office and "Commercial in Lisbon" in office
    assert 'id="availability-form"' in office
    head = client_for(world.head).get(_page(world)).content.decode()
    assert "Other job" in head and "Commercial in Lisbon" not in head
    assert 'id="availability-form"' not in head


def test_the_person_adds_dates_through_htmx(world, client_for):
    client = client_for(world.crew_a)
    data = {"unavail-start_date": "2027-03-01", "unavail-end_date": "2027-03-02",
            "unavail-kind": "travel", "unavail-reason": "Flight"}  # fmt: skip
    response = client.post(_section(world), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Location"] == _page(world)
    item = Unavailability.objects.get()
    assert (item.kind, item.reason, item.end_date) == ("travel", "Flight", D1.replace(day=2))


def test_bad_dates_rerender_the_section_with_the_error_next_to_the_field(world, client_for):
    client = client_for(world.office)
    data = {"unavail-start_date": "2027-03-05", "unavail-end_date": "2027-03-01",
            "unavail-kind": "personal"}  # fmt: skip
    response = client.post(_section(world), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="card mt-3" id="section-availability"')
    assert "The end date is before the start date." in html
    assert not Unavailability.objects.exists()


def test_head_cannot_post_and_nothing_is_written(world, client_for):
    data = {"unavail-start_date": "2027-03-01", "unavail-end_date": "2027-03-02",
            "unavail-kind": "personal"}  # fmt: skip
    assert client_for(world.head).post(_section(world), data).status_code == 403
    assert not Unavailability.objects.exists()


def test_remove_button_removes_the_range(world, client_for):
    item = add(world)
    args = [world.production.code, world.engagement_a.public_id, item.pk]
    url = reverse("web:engagement_availability_remove", args=args)
    assert client_for(world.crew_b).post(url).status_code == 404
    assert client_for(world.crew_a).post(url).status_code == 302
    assert not Unavailability.objects.exists()


# --- API --------------------------------------------------------------------------------------


def _api(world):
    return f"/api/v1/engagements/{world.engagement_a.public_id}/unavailability/"


def test_api_lists_creates_and_deletes(world, api_for):
    client = api_for(world.crew_a)
    body = {"start_date": "2027-03-01", "end_date": "2027-03-03", "kind": "medical",
            "reason": "Surgery"}  # fmt: skip
    created = client.post(_api(world), body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["reason"] == "Surgery" and created.json()["kind"] == "medical"
    listed = api_for(world.head).get(_api(world)).json()
    assert [(r["start_date"], r["end_date"]) for r in listed] == [("2027-03-01", "2027-03-03")]
    assert "reason" not in listed[0]
    deleted = client.delete(f"{_api(world)}{created.json()['id']}/")
    assert deleted.status_code == 204 and not Unavailability.objects.exists()


def test_api_refuses_end_before_start_with_the_field_named(world, api_for):
    body = {"start_date": "2027-03-05", "end_date": "2027-03-01"}
    response = api_for(world.office).post(_api(world), body, format="json")
    assert response.status_code == 400
    assert "end_date" in response.json()["error"]["fields"]
    assert not Unavailability.objects.exists()
