"""The post API: rooms a production may book, bookings with 409 on a clash, change lists."""

from __future__ import annotations

import pytest

from prodoffice.post.models import Booking
from prodoffice.post.services.editorial import cut_import
from prodoffice.post.tests.edl import write_edl
from prodoffice.post.tests.factories import post_supervisor, stage

pytestmark = pytest.mark.django_db


def body(world, room, **extra):
    return {"room": room.pk, "start": "2027-03-08T09:00:00Z", "end": "2027-03-08T12:00:00Z",
            "level": "confirmed", "production": world.production.code, "task": None,
            "engagements": [str(world.engagement_b.public_id)], **extra}  # fmt: skip


def test_rooms_of_a_production_are_the_bookable_ones(world, api_for):
    room = stage(world.production, "Mix A")
    stage(world.production, "Closed", in_maintenance=True)
    response = api_for(world.office).get("/api/v1/rooms/", {"production": "NIGHTJAR"})
    assert response.status_code == 200
    assert response.json()["results"] == [
        {"id": room.pk, "name": "Mix A", "kind": "mix_stage", "nc_rating": 20}
    ]
    other = api_for(world.other_office).get("/api/v1/rooms/", {"production": "NIGHTJAR"})
    assert other.status_code == 400 or other.json()["results"] == []


def test_post_booking_answers_201_then_409_naming_the_booking(world, api_for):
    room = stage(world.production)
    client = api_for(post_supervisor(world.production))
    first = client.post("/api/v1/bookings/", body(world, room), format="json")
    assert first.status_code == 201, first.json()
    data = first.json()
    assert data["room"] == room.pk and data["level"] == "confirmed"
    assert data["engagements"] == [str(world.engagement_b.public_id)]
    clash = client.post("/api/v1/bookings/", body(world, room, start="2027-03-08T11:00:00Z"),
                        format="json")  # fmt: skip
    assert clash.status_code == 409
    error = clash.json()["error"]
    assert error["code"] == "conflict" and f"booking #{data['id']}" in error["message"]
    assert Booking.objects.count() == 1


def test_bad_booking_input_is_refused_by_field(world, api_for):
    room = stage(world.production)
    client = api_for(world.office)
    bad = client.post("/api/v1/bookings/", body(world, room, level="inked"), format="json")
    assert bad.status_code == 400 and "level" in bad.json()["error"]["fields"]
    late = client.post("/api/v1/bookings/", body(world, room, end="2027-03-08T23:30:00Z"),
                       format="json")  # fmt: skip
    assert late.status_code == 400 and "outside its hours" in str(late.json())
    crew = api_for(world.crew_a).post(
        "/api/v1/bookings/", body(world, room, engagements=[]), format="json"
    )
    assert crew.status_code == 403
    assert not Booking.objects.exists()


def test_change_list_of_two_versions_over_the_api(world, api_for):
    kw = {"actor": world.office, "production": world.production, "filename": "r.edl",
          "name": "Feature"}  # fmt: skip
    v1 = cut_import(data=write_edl([("A", 0, 48), ("B", 100, 124)]), **kw)
    v2 = cut_import(data=write_edl([("A", 0, 48)]), **kw)
    client = api_for(world.office)
    response = client.get(f"/api/v1/cut-versions/{v2.pk}/changes/", {"old": v1.pk})
    assert response.status_code == 200
    assert response.json() == {
        "added": [],
        "trimmed": [],
        "moved": [],
        "removed": [
            {
                "clip": "B",
                "old_record_in": 48,
                "old_record_out": 72,
                "new_record_in": None,
                "new_record_out": None,
            }
        ],
    }
    assert client.get(f"/api/v1/cut-versions/{v2.pk}/").json()["duration"] == "00:00:02:00"
    assert api_for(world.other_office).get(f"/api/v1/cut-versions/{v2.pk}/").status_code == 404
