"""Booking levels and cancel, room calendar links, task editing and dependencies, deliverable
status and files, ADR cues and VFX shots: on web, API and CLI through the same services."""

from __future__ import annotations

import base64
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from prodoffice.post.models import AdrCue, Booking, Deliverable, PostTask, RoomFeed
from prodoffice.post.services import conform, delivery, facilities, pipeline
from prodoffice.post.services.editorial import cut_import
from prodoffice.post.tests.edl import write_edl
from prodoffice.post.tests.factories import stage

pytestmark = pytest.mark.django_db

LOCK = datetime.date(2027, 6, 1)
NINE = datetime.datetime(2027, 3, 8, 9, tzinfo=datetime.UTC)


def url(name, code, *args):
    return reverse(f"web:{name}", args=[code, *args])


def book(world, room, level="pencil", hours=(0, 2), **extra):
    return facilities.booking_create(
        actor=world.office, production=world.production, room=room, level=level,
        start=NINE + datetime.timedelta(hours=hours[0]),
        end=NINE + datetime.timedelta(hours=hours[1]), **extra,
    )  # fmt: skip


def task(world, name, kind="dialogue_edit", start=LOCK, days=5):
    return pipeline.task_create(
        actor=world.office, production=world.production, kind=kind, name=name, start_date=start,
        end_date=start + datetime.timedelta(days=days - 1),
    )  # fmt: skip


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


# --- bookings: level and cancel ----------------------------------------------------------------


def test_upgrading_to_confirmed_rechecks_and_names_the_clash_on_web_and_api(
    world, office, code, api_for
):
    room = stage(world.production)
    confirmed = book(world, room, "confirmed")
    pencil = book(world, room, "pencil", hours=(1, 3))
    page = office.post(url("post_booking_level", code, pencil.pk), {"level": "confirmed"},
                       follow=True).content.decode()  # fmt: skip
    assert f"booking #{confirmed.pk}" in page
    pencil.refresh_from_db()
    assert pencil.level == "pencil"
    answer = api_for(world.office).post(
        f"/api/v1/bookings/{pencil.pk}/level/", {"level": "confirmed"}, format="json"
    )
    assert answer.status_code == 409
    assert f"booking #{confirmed.pk}" in answer.json()["error"]["message"]
    # Back down, then up once the way is clear.
    ok = api_for(world.office).post(
        f"/api/v1/bookings/{confirmed.pk}/level/", {"level": "preliminary"}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["level"] == "preliminary"
    office.post(url("post_booking_level", code, pencil.pk), {"level": "confirmed"})
    pencil.refresh_from_db()
    assert pencil.level == "confirmed"


def test_cancel_on_web_and_api_and_readers_cannot(world, office, code, api_for, client_for):
    room = stage(world.production)
    first, second = book(world, room), book(world, room, hours=(3, 4))
    assert client_for(world.crew_a).post(
        url("post_booking_cancel", code, first.pk)
    ).status_code in (
        403,
        404,
    )
    assert office.post(url("post_booking_cancel", code, first.pk)).status_code == 302
    answer = api_for(world.office).post(f"/api/v1/bookings/{second.pk}/cancel/")
    assert answer.status_code == 204
    assert not Booking.objects.exists()


# --- room calendar links -----------------------------------------------------------------------


def test_room_link_is_shown_once_serves_ics_without_sign_in_and_rotates(world, office, code,
                                                                        client):  # fmt: skip
    room = stage(world.production)
    book(world, room, title="Temp mix")
    office.post(url("post_room_feed_rotate", code, room.pk))
    page = office.get(url("post_room_week", code, room.pk))
    link = page.context["new_link"]["url"]
    assert link in page.content.decode()
    assert office.get(url("post_room_week", code, room.pk)).context["new_link"] is None
    path = link.split("testserver", 1)[1]
    answer = client.get(path)
    assert answer.status_code == 200 and b"Temp mix (Pencil)" in answer.content
    assert RoomFeed.objects.get().last_used_at is not None
    office.post(url("post_room_feed_rotate", code, room.pk))
    assert client.get(path).status_code == 404
    assert RoomFeed.objects.active().count() == 1
    office.post(url("post_room_feed_rotate", code, room.pk), {"action": "revoke"})
    assert not RoomFeed.objects.active().exists()
    assert client.get("/post/room-links/not-a-secret.ics").status_code == 404


# --- tasks and dependencies --------------------------------------------------------------------


def test_cycles_are_refused_naming_the_cycle_and_adding_a_wait_slips(world):
    lock, edit, mix = task(world, "Lock", "picture_lock"), task(world, "Edit"), task(world, "Mix")
    pipeline.task_add_dependency(actor=world.office, task=edit, depends_on=lock)
    added = pipeline.task_add_dependency(actor=world.office, task=mix, depends_on=edit)
    assert added.slipped  # the mix started with the edit: it moves after it
    with pytest.raises(Exception, match="Lock → Mix → Edit → Lock"):
        pipeline.task_add_dependency(actor=world.office, task=lock, depends_on=mix)
    assert not lock.depends_on.exists()


def test_task_web_create_edit_slips_dependants_and_delete(world, office, code):
    form = {"kind": "picture_lock", "name": "Lock", "start_date": "2027-06-01",
            "end_date": "2027-06-01", "department": "Editorial"}  # fmt: skip
    assert office.post(url("post_task_new", code), form).status_code == 302
    lock = PostTask.objects.get(name="Lock")
    mix = task(world, "Mix", "mix", start=datetime.date(2027, 6, 2))
    response = office.post(url("post_task_depend", code, mix.pk), {"depends_on": lock.pk})
    assert response.status_code == 302
    page = office.post(url("post_task_edit", code, lock.pk), {**form, "end_date": "2027-06-04"},
                       follow=True).content.decode()  # fmt: skip
    assert "1 dependent task(s) slipped" in page
    mix.refresh_from_db()
    assert mix.start_date == datetime.date(2027, 6, 5) and mix.slip_days == 3
    office.post(url("post_task_depend", code, mix.pk), {"depends_on": lock.pk, "remove": "1"})
    assert not mix.depends_on.exists()
    assert office.post(url("post_task_delete", code, lock.pk)).status_code == 302
    assert not PostTask.objects.filter(name="Lock").exists()


def test_task_api_create_patch_depend_delete(world, api_for):
    client = api_for(world.office)
    made = client.post("/api/v1/post-tasks/", {"production": "NIGHTJAR", "kind": "mix",
                       "name": "Mix", "start_date": "2027-06-10", "end_date": "2027-06-12"},
                       format="json")  # fmt: skip
    assert made.status_code == 201, made.json()
    lock = task(world, "Lock", "picture_lock")
    mix_id = made.json()["id"]
    waits = client.post(f"/api/v1/post-tasks/{mix_id}/depend/", {"depends_on": lock.pk},
                        format="json")  # fmt: skip
    assert waits.status_code == 200 and waits.json()["depends_on"] == [lock.pk]
    cycle = client.post(f"/api/v1/post-tasks/{lock.pk}/depend/", {"depends_on": mix_id},
                        format="json")  # fmt: skip
    assert cycle.status_code == 400 and "cycle" in json.dumps(cycle.json())
    moved = client.patch(f"/api/v1/post-tasks/{lock.pk}/", {"end_date": "2027-06-15"},
                         format="json")  # fmt: skip
    assert moved.status_code == 200
    assert client.get(f"/api/v1/post-tasks/{mix_id}/").json()["slip_days"] == 6
    assert client.delete(f"/api/v1/post-tasks/{mix_id}/").status_code == 204
    crew = api_for(world.crew_a).delete(f"/api/v1/post-tasks/{lock.pk}/")
    assert crew.status_code in (403, 404) and PostTask.objects.filter(pk=lock.pk).exists()


def test_task_cli_add_depend_and_cycle_exit_code(world):
    out = json.loads(run("post", "task-add", "--production", "NIGHTJAR", "--kind", "mix",
                         "--name", "Mix", "--start", "2027-06-01", "--end", "2027-06-03",
                         "--json"))  # fmt: skip
    lock = task(world, "Lock", "picture_lock", days=3)
    after = json.loads(run("post", "depend", "--production", "NIGHTJAR", str(out["id"]),
                           "--on", str(lock.pk), "--json"))  # fmt: skip
    assert after["depends_on"] == [lock.pk] and after["slip_days"] == 3
    with pytest.raises(CommandError, match="cycle") as refused:
        run("post", "depend", "--production", "NIGHTJAR", str(lock.pk), "--on", str(out["id"]))
    assert refused.value.returncode == 1


# --- CLI rooms, bookings, deliveries -----------------------------------------------------------


def test_cli_rooms_book_bookings_cancel_and_a_clash(world):
    room = stage(world.production, "Mix A")
    rooms = json.loads(run("post", "rooms", "--production", "NIGHTJAR", "--json"))
    assert [r["name"] for r in rooms] == ["Mix A"] and rooms[0]["nc_rating"] == 20
    args = (
        "post",
        "book",
        "--production",
        "NIGHTJAR",
        "--room",
        str(room.pk),
        "--level",
        "confirmed",
        "--start",
        "2027-03-08T09:00+00:00",
        "--end",
        "2027-03-08T11:00+00:00",
    )
    made = json.loads(run(*args, "--json"))
    assert made["level"] == "confirmed"
    with pytest.raises(CommandError, match=f"booking #{made['id']}") as clash:
        run(*args)
    assert clash.value.returncode == 1
    listed = json.loads(run("post", "bookings", "--production", "NIGHTJAR", "--json"))
    assert [b["id"] for b in listed] == [made["id"]]
    run("post", "cancel", "--production", "NIGHTJAR", str(made["id"]))
    assert not Booking.objects.exists()


def test_cli_deliveries_lists_late_and_missing(world):
    delivery.schedule_create(actor=world.office, production=world.production, territory="Spain",
                             due=datetime.date(2020, 1, 1))  # fmt: skip
    rows = json.loads(run("post", "deliveries", "--production", "NIGHTJAR", "--json"))
    assert rows[0]["territory"] == "Spain" and rows[0]["late"] == len(rows[0]["items"]) > 0


# --- deliverables ------------------------------------------------------------------------------


def _item(world):
    delivery.schedule_create(actor=world.office, production=world.production, territory="France",
                             due=datetime.date(2027, 9, 1))  # fmt: skip
    return Deliverable.objects.get(kind="qc_report")


def test_deliverable_status_and_file_on_web(world, office, code):
    item = _item(world)
    office.post(url("post_deliverable_status", code, item.pk), {"status": "in_progress"})
    item.refresh_from_db()
    assert item.status == "in_progress"
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("qc.pdf", b"<html><script>x</script>")
    page = office.post(url("post_deliverable_upload", code, item.pk), {"file": bad},
                       follow=True).content.decode()  # fmt: skip
    assert "HTML markup" in page
    good = SimpleUploadedFile("qc.pdf", b"%PDF-1.4 report")
    office.post(url("post_deliverable_upload", code, item.pk), {"file": good})
    item.refresh_from_db()
    assert item.status == "delivered" and item.file_name == "qc.pdf"
    got = office.get(url("post_deliverable_file", code, item.pk))
    assert b"".join(got.streaming_content) == b"%PDF-1.4 report"
    assert got["X-Content-Type-Options"] == "nosniff" and "attachment" in got["Content-Disposition"]


def test_deliverable_status_and_file_on_api(world, api_for):
    item = _item(world)
    client = api_for(world.office)
    bad = client.post(f"/api/v1/deliverables/{item.pk}/status/", {"status": "accepted"},
                      format="json")  # fmt: skip
    assert bad.status_code == 400
    content = base64.b64encode(b"cue sheet").decode()
    body = {"filename": "cues.txt", "content_base64": content}
    sent = client.post(f"/api/v1/deliverables/{item.pk}/file/", body, format="json")
    assert sent.status_code == 200 and sent.json()["status"] == "delivered"
    got = client.get(f"/api/v1/deliverables/{item.pk}/file/").json()
    assert base64.b64decode(got["content_base64"]) == b"cue sheet"
    ok = client.post(f"/api/v1/deliverables/{item.pk}/status/", {"status": "accepted"},
                     format="json")  # fmt: skip
    assert ok.json()["status"] == "accepted"


def test_a_large_delivered_file_goes_as_multipart_beyond_the_json_body_cap(
    world, api_for, settings
):
    """JSON bodies are capped (PRODOFFICE_UPLOAD_MAX_BYTES); a delivered file goes as multipart
    and is kept byte for byte; the same bytes as base64 JSON are refused by the cap."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    item = _item(world)
    client = api_for(world.office)
    data = b"%PDF-1.4\n" + bytes(range(256)) * 1024  # 256 KB, four times the JSON cap
    body = {"filename": "qc.pdf", "content_base64": base64.b64encode(data).decode()}
    too_big = client.post(f"/api/v1/deliverables/{item.pk}/file/", body, format="json")
    assert too_big.status_code in (400, 413)
    item.refresh_from_db()
    assert not item.file
    upload = {"file": SimpleUploadedFile("qc.pdf", data)}
    sent = client.post(f"/api/v1/deliverables/{item.pk}/file/", upload, format="multipart")
    assert sent.status_code == 200, sent.content
    got = client.get(f"/api/v1/deliverables/{item.pk}/file/").json()
    assert (got["filename"], base64.b64decode(got["content_base64"])) == ("qc.pdf", data)


# --- ADR cues, VFX shots, range-based conform --------------------------------------------------


def _versions(world):
    kw = {"actor": world.office, "production": world.production, "filename": "r.edl",
          "name": "Feature"}  # fmt: skip
    old = cut_import(data=write_edl([("A", 0, 48), ("B", 100, 124), ("C", 200, 248)]), **kw)
    new = cut_import(data=write_edl([("A", 0, 48), ("B", 100, 124), ("C", 200, 240)]), **kw)
    return old, new


def test_conform_flags_only_the_cues_and_shots_a_change_covers(world, office, code, api_for):
    old, new = _versions(world)
    # Old record frames: A 0-48, B 48-72, C 72-120 (C is trimmed at its tail).
    office.post(url("post_cues", code), {"cue": "1A", "character": "Mara", "cut_version": old.pk,
                "record_in": 10, "record_out": 30, "status": "open"})  # fmt: skip
    hit = api_for(world.office).post("/api/v1/adr-cues/", {"production": "NIGHTJAR",
                                     "cut_version": old.pk, "cue": "2B", "character": "Jon",
                                     "record_in": 80, "record_out": 90}, format="json")  # fmt: skip
    assert hit.status_code == 201, hit.json()
    office.post(url("post_shots", code), {"shot": "VFX010", "cut_version": old.pk,
                "record_in": 50, "record_out": 60, "status": "open"})  # fmt: skip
    adr, vfx = task(world, "ADR", "adr"), task(world, "Comp", "vfx")
    result = conform.cut_send_to_conform(actor=world.office, old=old, new=new)
    flagged = set(AdrCue.objects.filter(needs_conform=True).values_list("cue", flat=True))
    assert flagged == {"2B"} and not result.shots
    adr.refresh_from_db()
    vfx.refresh_from_db()
    assert adr.needs_conform and not vfx.needs_conform
    assert [t.department for t in result.created] == ["Sound"]
    listed = api_for(world.office).get("/api/v1/adr-cues/", {"needs_conform": "true"}).json()
    assert [c["cue"] for c in listed["results"]] == ["2B"]


def test_re_spotting_a_flagged_cue_on_the_newest_version_clears_its_flag(world, api_for):
    old, new = _versions(world)
    client = api_for(world.office)
    body = {"production": "NIGHTJAR", "cut_version": old.pk, "cue": "2B", "character": "Jon",
            "record_in": 80, "record_out": 90}  # fmt: skip
    cue_id = client.post("/api/v1/adr-cues/", body, format="json").json()["id"]
    conform.cut_send_to_conform(actor=world.office, old=old, new=new)
    assert AdrCue.objects.get(pk=cue_id).needs_conform
    # A new range on the old version: the conform still stands.
    moved = client.patch(f"/api/v1/adr-cues/{cue_id}/", {"record_in": 81}, format="json")
    assert moved.status_code == 200 and moved.json()["needs_conform"] is True
    # Spotted again on the new version: done.
    body = {"cut_version": new.pk, "record_in": 78, "record_out": 88}
    spotted = client.patch(f"/api/v1/adr-cues/{cue_id}/", body, format="json")
    assert spotted.status_code == 200, spotted.json()
    assert spotted.json()["needs_conform"] is False and spotted.json()["conform_note"] == ""
    # Moving it back to an older version never raises or clears a flag by itself.
    back = client.patch(f"/api/v1/adr-cues/{cue_id}/", {"cut_version": old.pk}, format="json")
    assert back.json()["needs_conform"] is False


def test_a_cue_outside_the_cut_is_refused_by_field(world, api_for):
    old, _new = _versions(world)
    body = {"production": "NIGHTJAR", "cut_version": old.pk, "cue": "9", "character": "X",
            "record_in": 100, "record_out": 500}  # fmt: skip
    answer = api_for(world.office).post("/api/v1/adr-cues/", body, format="json")
    assert answer.status_code == 400 and "record_out" in json.dumps(answer.json())
    assert not AdrCue.objects.exists()
