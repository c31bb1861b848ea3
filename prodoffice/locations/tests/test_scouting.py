"""The scout's pages: the coordinate map (no tiles), location photos and candidate venues."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prodoffice.audit.models import AuditEvent
from prodoffice.locations import selectors
from prodoffice.locations.models import CandidateVenue, LocationPhoto
from prodoffice.locations.services import store
from prodoffice.locations.tests.conftest import PDF, PNG
from prodoffice.locations.tests.factories import LocationFactory

pytestmark = pytest.mark.django_db


def url(world, name, *args):
    return reverse(f"web:{name}", args=[world.production.code, *args])


def test_the_form_draws_the_map_from_the_productions_own_coordinates(world, mill, client_for):
    LocationFactory(production=world.production, name="Pier", latitude=51.5, longitude=-0.12)
    LocationFactory(production=world.other, name="Elsewhere", latitude=1, longitude=2)
    page = client_for(world.office).get(url(world, "location_edit", mill.public_id))
    html = page.content.decode()
    assert 'data-lat-input="id_latitude"' in html and "locations/map.js" in html
    start = html.index(">", html.index('id="location-map-points"')) + 1
    points = json.loads(html[start : html.index("</script>", start)])
    assert points == [{"name": "Pier", "lat": 51.5, "lon": -0.12}]
    assert "http://" not in html.split("location-map")[1].split("</script>")[0]
    listing = client_for(world.head).get(url(world, "locations")).content.decode()
    assert "location-map-points" in listing and "data-lat-input" not in listing


def test_typed_coordinates_still_save(world, mill, client_for):
    page = client_for(world.office).get(url(world, "location_edit", mill.public_id))
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "backups"}
    data |= {"name": "Old Mill", "latitude": "48.856600", "longitude": "2.352200"}
    data["facilities"] = []
    response = client_for(world.office).post(url(world, "location_edit", mill.public_id), data)
    assert response.status_code == 302
    mill.refresh_from_db()
    assert (mill.latitude, mill.longitude) == (Decimal("48.856600"), Decimal("2.352200"))


def test_photos_upload_show_serve_and_delete_by_permission(world, mill, client_for):
    target = url(world, "location_photos", mill.public_id)
    office = client_for(world.office)
    sent = office.post(target, {"file": SimpleUploadedFile("yard.png", PNG), "caption": "Yard"})
    assert sent.status_code == 302
    photo = LocationPhoto.objects.get(location=mill)
    assert photo.file.name.startswith("paperwork/") and "yard" not in photo.file.name
    gallery = client_for(world.head).get(target)
    assert gallery.status_code == 200 and b"Yard" in gallery.content
    assert b"Delete" not in gallery.content  # a head reads, the office changes
    served = client_for(world.head).get(url(world, "location_photo", mill.public_id, photo.pk))
    assert b"".join(served.streaming_content) == PNG
    assert served["X-Content-Type-Options"] == "nosniff" and served["Content-Type"] == "image/png"
    assert client_for(world.crew_a).get(target).status_code == 404
    assert (
        client_for(world.crew_a)
        .get(url(world, "location_photo", mill.public_id, photo.pk))
        .status_code
        == 404
    )
    remove = url(world, "location_photo_remove", mill.public_id, photo.pk)
    assert client_for(world.head).post(remove).status_code == 404
    with_commit = office.post(remove)
    assert with_commit.status_code == 302 and not LocationPhoto.objects.exists()
    assert AuditEvent.objects.filter(action="location.photo_remove").count() == 1


def test_photo_checks_refuse_with_the_reason_and_keep_nothing(world, mill, client_for):
    target = url(world, "location_photos", mill.public_id)
    office = client_for(world.office)
    for name, data, reason in (
        ("plan.pdf", PDF, b"a photo is a PNG or JPEG"),
        ("yard.png", b"GIF89a....", b"content does not match"),
    ):
        page = office.post(target, {"file": SimpleUploadedFile(name, data)})
        assert page.status_code == 422 and reason in page.content, name
    assert not LocationPhoto.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_photo_remove_deletes_the_stored_file_after_commit(world, mill):
    photo = store.photo_add(actor=world.office, location=mill, filename="a.png", data=PNG)
    storage, name = photo.file.storage, photo.file.name
    assert storage.exists(name)
    with pytest.raises(PermissionDenied):
        store.photo_remove(actor=world.head, photo=photo)
    assert storage.exists(name)
    store.photo_remove(actor=world.office, photo=photo)
    assert not storage.exists(name)


def test_candidates_added_changed_removed_and_compared(world, mill, client_for, monkeypatch):
    barn = LocationFactory(
        production=world.production, name="Barn", scouting_status="scouted", facilities=["power"]
    )
    office = client_for(world.office)
    new = url(world, "location_candidate_new")
    for location, price, basis in ((mill, "500", "per_day"), (barn, "1800", "flat")):
        sent = office.post(
            new,
            {
                "set_name": "int. mill - yard",
                "location": location.pk,
                "price": price,
                "basis": basis,
                "currency": "usd",
            },
        )
        assert sent.status_code == 302, sent.content
    again = office.post(
        new,
        {"set_name": "INT. MILL - YARD", "location": mill.pk, "basis": "flat", "currency": "USD"},
    )
    assert again.status_code == 200 and b"already a candidate" in again.content
    missing_currency = office.post(
        new, {"set_name": "EXT. ROAD", "location": mill.pk, "price": "10", "basis": "flat"}
    )
    assert missing_currency.status_code == 200 and b"needs a currency" in missing_currency.content

    monkeypatch.setattr(selectors, "set_shoot_days", lambda production: {"INT. MILL - YARD": 3})
    [row] = selectors.candidate_comparison(user=world.office, production=world.production)
    assert (row.set_name, row.shoot_days) == ("INT. MILL - YARD", 3)
    assert [(v.location.name, v.total) for v in row.venues] == [
        ("Old Mill", Decimal("1500.00")),
        ("Barn", Decimal("1800.00")),
    ]
    mill_candidate = CandidateVenue.objects.get(location=mill)
    edit = url(world, "location_candidate_edit", mill_candidate.pk)
    changed = office.post(edit, {"price": "700", "basis": "per_day", "currency": "USD"})
    assert changed.status_code == 302
    [row] = selectors.candidate_comparison(user=world.office, production=world.production)
    assert [v.location.name for v in row.venues] == ["Barn", "Old Mill"]
    page = client_for(world.head).get(url(world, "location_candidates"))
    assert b"Barn" in page.content and b"1,800" not in page.content  # prices: the office's
    office_page = office.get(url(world, "location_candidates")).content.decode()
    assert "Scouted" in office_page and "power" in office_page
    assert client_for(world.head).post(edit, {"price": "1"}).status_code == 404
    remove = url(world, "location_candidate_remove", mill_candidate.pk)
    assert office.post(remove).status_code == 302
    assert list(CandidateVenue.objects.values_list("location__name", flat=True)) == ["Barn"]
    assert AuditEvent.objects.filter(action="location.candidate_update").count() == 1


def test_candidates_in_other_currencies_are_ranked_apart_and_hidden_prices_give_no_order(
    world, mill, monkeypatch
):
    """900 EUR is not cheaper or dearer than 1,500 USD here: the production's currency is
    ranked first, each currency on its own; a reader without prices gets the venues by name."""
    from prodoffice.locations.services.days import candidate_add

    world.production.currency = "USD"
    world.production.save(update_fields=["currency"])
    venues = {
        "Mill": mill,
        "Abbey": LocationFactory(production=world.production, name="Abbey"),
        "Castle": LocationFactory(production=world.production, name="Castle"),
        "Dock": LocationFactory(production=world.production, name="Dock"),
    }
    prices = {"Mill": ("1500", "USD"), "Abbey": ("900", "EUR"), "Castle": ("400", "USD"),
              "Dock": (None, "")}  # fmt: skip
    for name, (price, currency) in prices.items():
        candidate_add(actor=world.office, production=world.production, set_name="EXT. YARD",
                      location=venues[name], price=price and Decimal(price), basis="flat",
                      currency=currency)  # fmt: skip
    monkeypatch.setattr(selectors, "set_shoot_days", lambda production: {"EXT. YARD": 2})
    [row] = selectors.candidate_comparison(user=world.office, production=world.production)
    assert [v.location.name for v in row.venues] == ["Castle", "Old Mill", "Abbey", "Dock"]
    assert row.currencies == ("USD", "EUR") and row.mixed_currencies
    [hidden] = selectors.candidate_comparison(user=world.head, production=world.production)
    assert [v.location.name for v in hidden.venues] == ["Abbey", "Castle", "Dock", "Old Mill"]
