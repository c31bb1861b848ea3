"""Locations: services and their refusals, who reads and changes, the web pages, the set mapping."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from prodoffice.audit.models import AuditEvent
from prodoffice.locations import services
from prodoffice.locations.models import Location, LocationUnavailability, SetLocation

pytestmark = pytest.mark.django_db

D1, D2 = datetime.date(2027, 3, 1), datetime.date(2027, 3, 3)


def mill(world, actor=None, **values):
    values = {"name": "Old Mill", **values}
    return services.location_create(actor=actor, production=world.production, **values)


# --- services ---------------------------------------------------------------------------------


def test_office_creates_a_full_record_with_backups(world):
    barn = mill(world, world.office, name="Red Barn")
    loc = mill(
        world,
        world.office,
        address="1 Mill Lane",
        latitude="51.5072",
        longitude="-0.1276",
        contact_name="Mrs Miller",
        restrictions="No noise after 22:00",
        power_water="Three-phase in the shed",
        fee="1500",
        deposit="500",
        currency="gbp",
        hospital_name="St Mary's",
        hospital_phone="+44 20 3312 6666",
        backups=[barn],
    )
    assert loc.currency == "GBP" and loc.fee == Decimal("1500")
    assert (loc.latitude, loc.longitude) == (Decimal("51.5072"), Decimal("-0.1276"))
    assert loc.coordinates.startswith("51.5072")
    assert list(loc.backups.all()) == [barn] and list(barn.backup_for.all()) == [loc]
    assert AuditEvent.objects.filter(action="location.create", target_id=str(loc.pk)).exists()


@pytest.mark.parametrize("who", ["head", "executive", "crew_a", "outsider", "other_office"])
def test_only_the_office_manages_locations(world, who):
    with pytest.raises(PermissionDenied):
        mill(world, getattr(world, who))
    assert not Location.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": "old mill"}, "name"),
        ({"latitude": "95", "longitude": "0"}, "latitude"),
        ({"latitude": "10"}, "longitude"),
        ({"fee": "100"}, "currency"),
        ({"fee": "-1", "currency": "USD"}, "fee"),
        ({"contact_email": "not-an-address"}, "contact_email"),
    ],
)
def test_bad_input_is_refused_naming_the_field(world, values, field):
    mill(world)
    with pytest.raises(ValidationError) as exc:
        mill(world, **{"name": "Barn", **values})
    assert field in exc.value.message_dict
    assert Location.objects.count() == 1


def test_update_records_changes_and_refuses_self_as_backup(world):
    loc = mill(world)
    services.location_update(actor=world.office, location=loc, parking="Field behind the mill")
    event = AuditEvent.objects.get(action="location.update")
    assert event.changes == {"parking": ["", "Field behind the mill"]}
    with pytest.raises(ValidationError) as exc:
        services.location_update(actor=world.office, location=loc, backups=[loc])
    assert "backups" in exc.value.message_dict


def test_backups_from_another_production_are_refused(world):
    other = services.location_create(actor=None, production=world.other, name="Elsewhere")
    with pytest.raises(ValidationError) as exc:
        mill(world, backups=[other])
    assert "backups" in exc.value.message_dict
    assert not Location.objects.filter(production=world.production).exists()


def test_unavailability_add_and_remove_are_audited(world):
    loc = mill(world)
    item = services.location_unavailability_add(
        actor=world.office, location=loc, start_date=D1, end_date=D2, reason="Harvest"
    )
    assert str(item) == "Old Mill unavailable 2027-03-01 to 2027-03-03"
    services.location_unavailability_remove(actor=world.office, unavailability=item)
    actions = list(
        AuditEvent.objects.filter(target_id=str(loc.pk)).values_list("action", flat=True)
    )
    assert "location.unavailability_add" in actions and "location.unavailability_remove" in actions
    assert not LocationUnavailability.objects.exists()


def test_location_unavailability_end_before_start_names_the_field(world):
    loc = mill(world)
    with pytest.raises(ValidationError) as exc:
        services.location_unavailability_add(actor=None, location=loc, start_date=D2, end_date=D1)
    assert exc.value.message_dict == {"end_date": ["The end date is before the start date."]}


def test_set_mapping_normalises_names_moves_and_clears(world):
    loc, barn = mill(world), mill(world, name="Barn")
    services.set_location_assign(
        actor=world.office, production=world.production, set_name=" kitchen  ", location=loc
    )
    assert SetLocation.objects.get().set_name == "KITCHEN"
    services.set_location_assign(
        actor=world.office, production=world.production, set_name="Kitchen", location=barn
    )
    assert SetLocation.objects.get().location == barn
    services.set_location_assign(
        actor=world.office, production=world.production, set_name="KITCHEN", location=barn
    )  # no change: no event
    services.set_location_assign(
        actor=world.office, production=world.production, set_name="KITCHEN", location=None
    )
    assert not SetLocation.objects.exists()
    changes = [
        e.changes for e in AuditEvent.objects.filter(action="location.set_assign").order_by("id")
    ]
    assert changes == [{"KITCHEN": [None, "Old Mill"]}, {"KITCHEN": ["Old Mill", "Barn"]},
                       {"KITCHEN": ["Barn", None]}]  # fmt: skip


def test_set_mapping_refuses_blank_sets_and_foreign_locations(world):
    other = services.location_create(actor=None, production=world.other, name="Elsewhere")
    with pytest.raises(ValidationError) as exc:
        services.set_location_assign(
            actor=None, production=world.production, set_name="KITCHEN", location=other
        )
    assert "location" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.set_location_assign(
            actor=None, production=world.production, set_name="  ", location=None
        )
    assert "set_name" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.set_location_assign(
            actor=world.head, production=world.production, set_name="KITCHEN", location=None
        )


def test_production_wide_roles_read_and_the_office_changes(world):
    mill(world)
    readers = {
        who: Location.objects.for_user(getattr(world, who)).exists()
        for who in ("office", "head", "executive", "crew_a", "outsider", "other_office")
    }
    assert readers == {"office": True, "head": True, "executive": True, "crew_a": False,
                       "outsider": False, "other_office": False}  # fmt: skip
    assert not Location.objects.for_user(world.head, "change").exists()


# --- web --------------------------------------------------------------------------------------


def url(world, name, *args):
    return reverse(f"web:{name}", args=[world.production.code, *args])


def test_list_and_detail_show_what_the_crew_needs_and_fees_to_the_office(world, client_for):
    loc = mill(world, address="1 Mill Lane", fee="1500", currency="USD", hospital_name="St Mary's")
    services.location_unavailability_add(
        actor=None, location=loc, start_date=D1, end_date=D2, reason="Harvest"
    )
    office = client_for(world.office)
    listing = office.get(url(world, "locations")).content.decode()
    assert "Old Mill" in listing and "1 Mill Lane" in listing
    detail = office.get(url(world, "location", loc.public_id)).content.decode()
    assert "St Mary" in detail and "Harvest" in detail and 'id="location-fee"' in detail
    head = client_for(world.head).get(url(world, "location", loc.public_id)).content.decode()
    assert "St Mary" in head and 'id="location-fee"' not in head and "1,500" not in head
    assert client_for(world.crew_a).get(url(world, "locations")).status_code == 403


def test_create_and_edit_through_the_forms(world, client_for):
    office = client_for(world.office)
    response = office.post(url(world, "location_new"), {"name": "Harbour", "currency": "USD"})
    loc = Location.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"{loc.public_id}/")
    response = office.post(
        url(world, "location_edit", loc.public_id),
        {"name": "Harbour", "currency": "USD", "truck_access": "Gate B"},
    )
    assert response.status_code == 302
    loc.refresh_from_db()
    assert loc.truck_access == "Gate B"


def test_duplicate_name_comes_back_next_to_the_field(world, client_for):
    mill(world)
    response = client_for(world.office).post(
        url(world, "location_new"), {"name": "OLD MILL", "currency": "USD"}
    )
    assert response.status_code == 200
    assert "There is already a location called OLD MILL" in response.content.decode()
    assert Location.objects.count() == 1


def test_availability_section_htmx_add_and_error(world, client_for):
    loc = mill(world)
    office = client_for(world.office)
    target = url(world, "location_availability", loc.public_id)
    bad = {"unavail-start_date": "2027-03-03", "unavail-end_date": "2027-03-01"}
    response = office.post(target, bad, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="card mb-3" id="location-availability"')
    assert "The end date is before the start date." in html
    good = {"unavail-start_date": "2027-03-01", "unavail-end_date": "2027-03-01"}
    response = office.post(target, good, HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and LocationUnavailability.objects.count() == 1
    item = LocationUnavailability.objects.get()
    remove = url(world, "location_availability_remove", loc.public_id, item.pk)
    assert client_for(world.head).post(remove).status_code == 404
    assert office.post(remove).status_code == 302 and not LocationUnavailability.objects.exists()


def test_set_mapping_page_lists_script_sets_and_saves(world, client_for):
    from prodoffice.scheduling.tests.test_dood_selector import make_scenes, make_script

    make_scenes(make_script(world.production), 2)  # sets "SET 1" and "SET 2"
    loc = mill(world)
    office = client_for(world.office)
    page = office.get(url(world, "location_sets")).content.decode()
    assert "SET 1" in page and "SET 2" in page
    response = office.post(url(world, "location_sets"), {"set_name": "set 2", "location": loc.pk})
    assert response.status_code == 302
    assert SetLocation.objects.get().set_name == "SET 2"
    head_page = client_for(world.head).get(url(world, "location_sets")).content.decode()
    assert "Old Mill" in head_page and "<select" not in head_page
    refused = client_for(world.head).post(
        url(world, "location_sets"), {"set_name": "SET 1", "location": loc.pk}
    )
    assert refused.status_code == 403 and SetLocation.objects.count() == 1
