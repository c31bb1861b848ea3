"""The post pages: what each role sees, forms, exports, the week grid's query budget."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prodoffice.post.models import Booking, CutVersion, DeliverySchedule, PostTask
from prodoffice.post.services.editorial import cut_import
from prodoffice.post.services.facilities import booking_create
from prodoffice.post.tests.edl import write_edl
from prodoffice.post.tests.factories import stage

pytestmark = pytest.mark.django_db


def url(name, code, *args):
    return reverse(f"web:{name}", args=[code, *args])


def two_versions(world):
    kw = {"actor": world.office, "production": world.production, "filename": "r.edl",
          "name": "Feature"}  # fmt: skip
    v1 = cut_import(data=write_edl([("A", 0, 48), ("B", 100, 124)]), **kw)
    v2 = cut_import(data=write_edl([("B", 100, 124), ("A", 0, 40)]), **kw)
    return v1, v2


def test_cuts_page_imports_a_file_and_shows_the_runtime_chart(world, office, code):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("reel1.edl", write_edl([("A", 0, 48)]))
    response = office.post(url("post_cuts", code), {"file": upload, "fps": "24", "name": "Reel 1"})
    assert response.status_code == 302
    page = office.get(url("post_cuts", code)).content.decode()
    assert "Reel 1" in page and "00:00:02:00" in page and "<polyline" in page


def test_a_refused_upload_shows_the_readers_reason_and_saves_nothing(world, office, code):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("bad.edl", b"\x00\x01binary")
    response = office.post(url("post_cuts", code), {"file": upload, "fps": "24"})
    assert response.status_code == 400 and "binary" in response.content.decode()
    assert not CutVersion.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_change_list_page_and_its_exports(world, office, code, fmt):
    v1, v2 = two_versions(world)
    query = {"old": v1.pk, "new": v2.pk}
    page = office.get(url("post_changes", code), query).content.decode()
    assert "trimmed" in page and "moved" in page
    response = office.get(url("post_changes", code), {**query, "format": fmt})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    head = {"csv": b"\xef\xbb\xbfChange,Track,Clip", "xlsx": b"PK", "pdf": b"%PDF"}[fmt]
    assert response.content.startswith(head)


def test_send_to_conform_from_the_page(world, office, code):
    v1, v2 = two_versions(world)
    day = datetime.date(2027, 6, 1)
    PostTask.objects.create(production=world.production, kind="music", name="Score",
                            start_date=day, end_date=day, planned_start=day,
                            planned_end=day)  # fmt: skip
    response = office.post(url("post_conform", code), {"old": v1.pk, "new": v2.pk})
    assert response.status_code == 302
    assert list(PostTask.objects.filter(kind="conform").values_list("department", flat=True)) == [
        "Music"
    ]


def test_booking_form_books_and_a_clash_is_refused_naming_the_booking(world, office, code):
    room = stage(world.production)
    body = {"room": room.pk, "start": "2027-03-08T10:00", "end": "2027-03-08T12:00",
            "level": "confirmed"}  # fmt: skip
    assert office.post(url("post_bookings", code), body).status_code == 302
    first = Booking.objects.get()
    response = office.post(url("post_bookings", code), body)
    assert f"booking #{first.pk}" in response.content.decode()
    assert Booking.objects.count() == 1


def test_booking_form_offers_only_rooms_quiet_enough_for_the_task(world, office, code):
    quiet, loud = stage(world.production, "Quiet"), stage(world.production, "Loud", nc_rating=40)
    day = datetime.date(2027, 3, 8)
    task = PostTask.objects.create(production=world.production, kind="adr", name="ADR",
                                   start_date=day, end_date=day, planned_start=day,
                                   planned_end=day, max_nc=25)  # fmt: skip
    form = office.get(url("post_bookings", code), {"task": task.pk}).context["form"]
    assert list(form.fields["room"].queryset) == [quiet]
    assert loud not in form.fields["room"].queryset


def test_week_view_costs_the_same_queries_for_more_bookings(world, office, code):
    rooms = [stage(world.production, f"Room {i}") for i in range(3)]

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = office.get(url("post_rooms", code), {"week": "2027-03-08"})
        assert response.status_code == 200
        return len(ctx.captured_queries)

    def fill(days):
        for i, room in enumerate(rooms):
            for day in days:
                booking_create(actor=world.office, production=world.production, room=room,
                               start=datetime.datetime(2027, 3, day, 9 + i, tzinfo=datetime.UTC),
                               end=datetime.datetime(2027, 3, day, 10 + i, tzinfo=datetime.UTC),
                               level="confirmed", engagements=[world.engagement_b])  # fmt: skip

    fill([8])
    before = count()
    fill(range(9, 13))
    assert count() == before


def test_room_ics_feed_lists_its_bookings(world, office, code):
    room = stage(world.production)
    booking_create(actor=world.office, production=world.production, room=room,
                   start=datetime.datetime(2027, 3, 8, 9, tzinfo=datetime.UTC),
                   end=datetime.datetime(2027, 3, 8, 11, tzinfo=datetime.UTC),
                   level="pencil", title="Temp mix")  # fmt: skip
    response = office.get(url("post_room_ics", code, room.pk))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in body and "Temp mix (Pencil)" in body and "TENTATIVE" in body


def test_pipeline_template_and_deliveries_pages(world, office, code):
    response = office.post(url("post_template", code),
                           {"template": "small", "picture_lock": "2027-06-01"})  # fmt: skip
    assert response.status_code == 302 and PostTask.objects.count() == 5
    page = office.get(url("post", code)).content.decode()
    assert "Picture lock" in page and "post-bar" in page
    response = office.post(
        url("post_deliveries", code),
        {"territory": "France", "due": "2020-01-01", "languages": "fr"},
    )
    assert response.status_code == 302 and DeliverySchedule.objects.count() == 1
    page = office.get(url("post_deliveries", code)).content.decode()
    assert "late" in page and "Subtitles" in page


def test_crew_see_their_own_work_only(world, client_for, code):
    crew = client_for(world.crew_a)
    assert crew.get(url("post", code)).status_code == 403
    assert crew.get(url("post_mine", code)).status_code == 200
    head = client_for(world.head)
    assert head.get(url("post_rooms", code)).status_code == 200
    assert head.post(url("post_template", code), {"template": "small"}).status_code == 403


def test_office_adds_a_room_at_a_new_vendor_facility(world, office, code):
    from prodoffice.post.models import Room

    body = {
        "new_facility": "Bayside Sound",
        "vendor": "on",
        "name": "ADR 1",
        "kind": "adr_stage",
        "nc_rating": "20",
        "monitoring": "5.1",
        "opens_at": "08:00",
        "closes_at": "20:00",
    }
    assert office.post(url("post_room_new", code), body).status_code == 302
    room = Room.objects.select_related("facility").get()
    assert (room.facility.kind, room.nc_label) == ("vendor", "NC-20")
    bad = office.post(url("post_room_new", code), {**body, "new_facility": "", "name": "X"})
    assert "Choose a facility" in bad.content.decode() and Room.objects.count() == 1
