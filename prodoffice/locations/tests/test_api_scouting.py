"""Scouting over the API and the CLI: photos (base64 upload with the documents' content checks,
attachment download, delete) and candidate venues (CRUD and the per-set comparison), with the
web's permissions and prices for the office only."""

from __future__ import annotations

import base64
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from prodoffice.audit.models import AuditEvent
from prodoffice.locations import selectors
from prodoffice.locations.models import CandidateVenue, LocationPhoto
from prodoffice.locations.tests.conftest import PDF, PNG
from prodoffice.locations.tests.factories import LocationFactory

pytestmark = pytest.mark.django_db
PHOTOS = "/api/v1/location-photos/"
CANDIDATES = "/api/v1/location-candidates/"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_photo_api_uploads_serves_and_deletes_with_the_web_permissions(world, mill, api_for):
    office, head, crew = api_for(world.office), api_for(world.head), api_for(world.crew_a)
    body = {"location": str(mill.public_id), "filename": "yard.png", "content_base64": _b64(PNG)}
    refused = head.post(PHOTOS, {**body, "caption": "Yard"}, format="json")
    assert refused.status_code == 400 and "location" in refused.data["error"]["fields"]
    made = office.post(PHOTOS, {**body, "caption": "Yard"}, format="json")
    assert made.status_code == 201, made.content
    assert (made.data["caption"], made.data["content_type"]) == ("Yard", "image/png")
    assert made.data["location"] == mill.public_id
    pk = made.data["id"]
    listed = head.get(f"{PHOTOS}?location={mill.public_id}")
    assert [row["id"] for row in listed.data["results"]] == [pk]
    assert crew.get(f"{PHOTOS}{pk}/").status_code == 404
    served = head.get(f"{PHOTOS}{pk}/file/")
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content) == PNG
    # The documents' content checks: a PDF is no photo, bad base64 named, nothing kept.
    for filename, content, field, words in (
        ("plan.pdf", _b64(PDF), "file", "a photo is a PNG or JPEG"),
        ("x.png", "not base64!", "content_base64", "Not valid base64"),
        ("x.png", _b64(PDF), "file", ""),
    ):
        bad = office.post(
            PHOTOS,
            {**body, "filename": filename, "content_base64": content},
            format="json",
        )
        assert bad.status_code == 400, (filename, bad.content)
        assert field in bad.data["error"]["fields"]
        assert words in json.dumps(bad.data)
    assert LocationPhoto.objects.count() == 1
    assert head.delete(f"{PHOTOS}{pk}/").status_code == 403
    assert office.delete(f"{PHOTOS}{pk}/").status_code == 204
    assert not LocationPhoto.objects.exists()
    assert AuditEvent.objects.filter(action="location.photo_remove").count() == 1


def test_candidate_api_and_comparison_hide_prices_from_non_office(
    world, mill, api_for, monkeypatch
):
    office, head = api_for(world.office), api_for(world.head)
    barn = LocationFactory(production=world.production, name="Barn", facilities=["power"])
    code = world.production.code
    for location, price, basis in ((mill, "500", "per_day"), (barn, "1800", "flat")):
        made = office.post(
            CANDIDATES,
            {
                "production": code,
                "set_name": "int. mill - yard",
                "location": str(location.public_id),
                "price": price,
                "basis": basis,
                "currency": "usd",
            },
            format="json",
        )
        assert made.status_code == 201, made.content
    assert made.data["set_name"] == "INT. MILL - YARD" and made.data["currency"] == "USD"
    again = office.post(
        CANDIDATES,
        {"production": code, "set_name": "INT. MILL - YARD", "location": str(mill.public_id)},
        format="json",
    )
    assert again.status_code == 400 and "already a candidate" in json.dumps(again.data)
    no_currency = office.post(
        CANDIDATES,
        {"production": code, "set_name": "EXT. ROAD", "location": str(mill.public_id), "price": 5},
        format="json",
    )
    assert no_currency.status_code == 400 and "currency" in json.dumps(no_currency.data)
    assert CandidateVenue.objects.count() == 2

    monkeypatch.setattr(selectors, "set_shoot_days", lambda production: {"INT. MILL - YARD": 3})
    [row] = office.get(f"{CANDIDATES}comparison/{code}/").json()
    assert (row["set_name"], row["shoot_days"]) == ("INT. MILL - YARD", 3)
    assert [(v["location_name"], v["total"]) for v in row["venues"]] == [
        ("Old Mill", "1500.00"),
        ("Barn", "1800.00"),
    ]
    [seen] = head.get(f"{CANDIDATES}comparison/{code}/?set=int. mill - yard").json()
    assert {(v["price"], v["total"], v["currency"]) for v in seen["venues"]} == {(None,) * 3}
    assert head.get(f"{CANDIDATES}comparison/{code}/?set=nothing").json() == []
    assert api_for(world.crew_a).get(f"{CANDIDATES}comparison/{code}/").status_code == 403

    mill_candidate = CandidateVenue.objects.get(location=mill)
    one = f"{CANDIDATES}{mill_candidate.pk}/"
    assert head.get(one).json()["price"] is None
    assert head.patch(one, {"price": "1"}, format="json").status_code == 403
    changed = office.patch(one, {"price": "700"}, format="json")
    assert changed.status_code == 200 and changed.data["price"] == "700.00"
    listed = head.get(f"{CANDIDATES}?production={code}&set=INT. MILL - YARD")
    assert sorted(r["location_name"] for r in listed.data["results"]) == ["Barn", "Old Mill"]
    assert head.delete(one).status_code == 403
    assert office.delete(one).status_code == 204
    assert list(CandidateVenue.objects.values_list("location__name", flat=True)) == ["Barn"]
    assert AuditEvent.objects.filter(action="location.candidate_update").count() == 1


def test_cli_candidates_prints_the_comparison(world, mill, monkeypatch):
    CandidateVenue.objects.create(
        production=world.production,
        set_name="INT. MILL - YARD",
        location=mill,
        price=400,
        basis="per_day",
        currency="USD",
    )
    monkeypatch.setattr(selectors, "set_shoot_days", lambda production: {"INT. MILL - YARD": 2})
    out = io.StringIO()
    code = world.production.code
    call_command("locations", "candidates", "--production", code, "--json", stdout=out)
    [row] = json.loads(out.getvalue())
    assert row["shoot_days"] == 2 and row["venues"][0]["total"] == "800.00"
    text = io.StringIO()
    call_command("locations", "candidates", "--production", code, "--set", "ext. x", stdout=text)
    assert "No candidate venues" in text.getvalue()
    with pytest.raises(CommandError, match="NOPE"):
        call_command("locations", "candidates", "--production", "NOPE", "--json")
