"""Element events (travel, fitting, rehearsal days): one service for web, API and CLI."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from prodoffice.audit.models import AuditEvent
from prodoffice.scheduling.models import BreakdownCategory, Element, ElementEvent
from prodoffice.scheduling.services.breakdown import (
    element_event_add,
    element_event_remove,
    element_events_set,
)

pytestmark = pytest.mark.django_db

D1, D2 = datetime.date(2027, 3, 1), datetime.date(2027, 3, 2)


@pytest.fixture
def ann(world) -> Element:
    cast = BreakdownCategory.objects.get_or_create(
        production=world.production, ucid=100, defaults={"name": "Cast Members"}
    )[0]
    return Element.objects.create(production=world.production, category=cast, name="ANN",
                                  board_id="1")  # fmt: skip


def events(element) -> list[tuple[datetime.date, str]]:
    return list(ElementEvent.objects.filter(element=element).values_list("date", "kind"))


def test_set_replaces_the_events_and_is_audited(world, ann):
    element_events_set(actor=world.office, element=ann, events=[(D1, "travel"), (D2, "FT")])
    assert events(ann) == [(D1, "TR"), (D2, "FT")]
    element_events_set(actor=world.office, element=ann, events=[(D2, "rehearsal")])
    assert events(ann) == [(D2, "R")]
    audit = AuditEvent.objects.filter(action="breakdown.element_events").latest("pk")
    assert audit.changes["events"] == [["2027-03-01 TR", "2027-03-02 FT"], ["2027-03-02 R"]]


def test_add_and_remove_one_day(world, ann):
    element_event_add(actor=world.office, element=ann, date=D1, kind="TR")
    element_event_add(actor=world.office, element=ann, date=D1, kind="fitting")  # retyped
    assert events(ann) == [(D1, "FT")]
    element_event_remove(actor=world.office, element=ann, date=D1)
    assert events(ann) == []
    with pytest.raises(ValidationError) as caught:
        element_event_remove(actor=world.office, element=ann, date=D1)
    assert "no event on 2027-03-01" in str(caught.value)


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        ([(D1, "lunch")], "kind", "Unknown event “lunch”"),
        ([(D1, "TR"), (D1, "R")], "date", "Two events on 2027-03-01"),
        ([("2027-03-01", "TR")], "date", "is not a date"),
    ],
)
def test_bad_events_are_refused_naming_the_field(world, ann, given, field, message):
    with pytest.raises(ValidationError) as caught:
        element_events_set(actor=world.office, element=ann, events=given)
    assert message in " ".join(caught.value.message_dict[field])
    assert events(ann) == []


@pytest.mark.parametrize("persona", ["head", "crew_a", "outsider"])
def test_only_the_office_enters_events(world, ann, persona):
    with pytest.raises(PermissionDenied):
        element_events_set(actor=getattr(world, persona), element=ann, events=[(D1, "TR")])
    assert events(ann) == []


def test_web_element_page_adds_and_removes_events(world, ann, client_for):
    office = client_for(world.office)
    url = reverse("web:element_edit", args=[world.production.code, ann.public_id])
    added = office.post(url, {"event": "add", "event-date": "2027-03-01", "event-kind": "FT"})
    assert added.status_code == 302 and events(ann) == [(D1, "FT")]
    page = office.get(url).content.decode()
    assert 'id="element-events"' in page and "Fitting" in page and "Mon 1 Mar" in page
    bad = office.post(url, {"event": "add", "event-date": "2027-13-01", "event-kind": "FT"})
    assert bad.status_code == 200 and "Enter a valid date" in bad.content.decode()
    removed = office.post(url, {"event": "remove", "event-date": "2027-03-01"})
    assert removed.status_code == 302 and events(ann) == []


def test_api_patch_sets_events_and_reads_them_back(world, ann, api_for):
    api = api_for(world.office)
    url = f"/api/v1/elements/{ann.public_id}/"
    response = api.patch(url, {"events": [{"date": "2027-03-01", "kind": "TR"}]}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["events"] == [{"date": "2027-03-01", "kind": "TR"}]
    bad = api.patch(url, {"events": [{"date": "2027-03-01", "kind": "XX"}]}, format="json")
    assert bad.status_code == 400 and events(ann) == [(D1, "TR")]


def test_cli_adds_lists_and_removes_events(world, ann):
    def run(*args):
        out = io.StringIO()
        call_command("element_events", "--production", "nightjar", "--element", *args, stdout=out)
        return out.getvalue()

    run("1", "--add", "2027-03-01:travel", "--add", "2027-03-02:R")  # by board ID
    assert events(ann) == [(D1, "TR"), (D2, "R")]
    data = json.loads(run("ANN", "--remove", "2027-03-01", "--json"))
    assert data == {"element": "ANN", "events": [{"date": "2027-03-02", "kind": "R"}]}
    with pytest.raises(CommandError, match="Unknown event"):
        run("ANN", "--add", "2027-03-05:lunch")
    with pytest.raises(CommandError, match="No element"):
        run("ZED", "--add", "2027-03-05:TR")
    assert AuditEvent.objects.filter(action="breakdown.element_events").first().source == "cli"
