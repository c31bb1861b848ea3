"""ADR cues and VFX shots: status, edit and delete; the room calendar link by API and CLI. All of
them through the same services as the web pages."""

from __future__ import annotations

import json

import pytest
from django.core.management.base import CommandError

from prodoffice.post.models import AdrCue, RoomFeed, VfxShot
from prodoffice.post.services import cues
from prodoffice.post.tests.factories import stage
from prodoffice.post.tests.test_manage import _versions, run, url

pytestmark = pytest.mark.django_db


def _cue(world, version, **values):
    values = {"cue": "1A", "character": "Mara", "record_in": 10, "record_out": 30, **values}
    return cues.cue_create(actor=world.office, production=world.production,
                           cut_version=version, **values)  # fmt: skip


def _shot(world, version, **values):
    values = {"shot": "VFX010", "record_in": 50, "record_out": 60, **values}
    return cues.shot_create(actor=world.office, production=world.production,
                            cut_version=version, **values)  # fmt: skip


def test_web_status_edit_and_delete_of_a_cue(world, office, code, client_for):
    old, new = _versions(world)
    cue = _cue(world, old)
    AdrCue.objects.filter(pk=cue.pk).update(needs_conform=True)
    listing = office.get(url("post_cues", code)).content.decode()
    assert f'id="status-{cue.pk}"' in listing and f'id="delete-{cue.pk}"' in listing
    office.post(url("post_cue_status", code, cue.pk), {"status": "done"})
    cue.refresh_from_db()
    assert cue.status == "done" and not cue.needs_conform
    # Editing: a range beyond the version is refused by field and nothing changes.
    body = {"cue": "1B", "character": "Mara", "cut_version": new.pk, "record_in": 5,
            "record_out": 9999, "status": "done"}  # fmt: skip
    refused = office.post(url("post_cue_edit", code, cue.pk), body)
    assert refused.status_code == 200
    assert "record_out" in refused.context["form"].errors
    cue.refresh_from_db()
    assert (cue.cue, cue.record_in) == ("1A", 10)
    body["record_out"] = 20
    assert office.post(url("post_cue_edit", code, cue.pk), body).status_code == 302
    cue.refresh_from_db()
    assert (cue.cue, cue.cut_version_id, cue.record_in, cue.record_out) == ("1B", new.pk, 5, 20)
    # Readers cannot change or delete.
    crew = client_for(world.crew_a)
    assert crew.post(url("post_cue_delete", code, cue.pk)).status_code in (403, 404)
    assert office.post(url("post_cue_delete", code, cue.pk)).status_code == 302
    assert not AdrCue.objects.exists()


def test_web_shot_edit_page_and_status(world, office, code):
    old, _new = _versions(world)
    shot = _shot(world, old)
    page = office.get(url("post_shot_edit", code, shot.pk))
    assert page.status_code == 200 and 'id="cue-form"' in page.content.decode()
    office.post(url("post_shot_status", code, shot.pk), {"status": "in_progress"})
    shot.refresh_from_db()
    assert shot.status == "in_progress"


def test_api_patch_status_and_delete_of_a_shot(world, api_for):
    old, _new = _versions(world)
    shot = _shot(world, old)
    api = api_for(world.office)
    patched = api.patch(f"/api/v1/vfx-shots/{shot.pk}/", {"vendor": "Lumen", "record_out": 70},
                        format="json")  # fmt: skip
    assert patched.status_code == 200, patched.json()
    assert patched.json()["vendor"] == "Lumen" and patched.json()["record_out"] == 70
    refused = api.patch(f"/api/v1/vfx-shots/{shot.pk}/", {"record_in": 80}, format="json")
    assert refused.status_code == 400 and "record_out" in json.dumps(refused.json())
    moved = api.post(f"/api/v1/vfx-shots/{shot.pk}/status/", {"status": "done"}, format="json")
    assert moved.status_code == 200 and moved.json()["status"] == "done"
    again = api.post(f"/api/v1/vfx-shots/{shot.pk}/status/", {"status": "done"}, format="json")
    assert again.status_code == 400 and "status" in json.dumps(again.json())
    reader = api_for(world.crew_a).delete(f"/api/v1/vfx-shots/{shot.pk}/")
    assert reader.status_code in (403, 404)
    assert api.delete(f"/api/v1/vfx-shots/{shot.pk}/").status_code == 204
    assert not VfxShot.objects.exists()


def test_api_patch_of_a_cue_keeps_the_unsent_fields(world, api_for):
    old, _new = _versions(world)
    cue = _cue(world, old, line="Where were you?")
    answer = api_for(world.office).patch(f"/api/v1/adr-cues/{cue.pk}/", {"character": "Jon"},
                                         format="json")  # fmt: skip
    assert answer.status_code == 200, answer.json()
    got = answer.json()
    assert (got["character"], got["line"], got["record_in"]) == ("Jon", "Where were you?", 10)


def test_cli_cue_status_edit_delete_and_refusals(world):
    old, _new = _versions(world)
    cue, shot = _cue(world, old), _shot(world, old)
    listed = json.loads(run("post", "cues", "--production", "NIGHTJAR", "--json"))
    assert [c["cue"] for c in listed] == ["1A"]
    done = json.loads(run("post", "cue-status", "--production", "NIGHTJAR", str(cue.pk), "done",
                          "--json"))  # fmt: skip
    assert done["status"] == "done"
    edited = json.loads(run("post", "shot-edit", "--production", "NIGHTJAR", str(shot.pk),
                            "--vendor", "Lumen", "--in", "40", "--json"))  # fmt: skip
    assert (edited["vendor"], edited["record_in"]) == ("Lumen", 40)
    with pytest.raises(CommandError, match="record_out") as refused:
        run("post", "cue-edit", "--production", "NIGHTJAR", str(cue.pk), "--out", "5000")
    assert refused.value.returncode == 1
    with pytest.raises(CommandError, match="no cut version") as bad:
        run("post", "cue-edit", "--production", "NIGHTJAR", str(cue.pk), "--version", "999")
    assert bad.value.returncode == 2
    run("post", "shot-delete", "--production", "NIGHTJAR", str(shot.pk))
    assert not VfxShot.objects.exists() and AdrCue.objects.get().record_out == 30


def test_room_link_by_api_and_cli_is_shown_once_and_revoked(world, api_for, client):
    room = stage(world.production)
    api = api_for(world.office)
    made = api.post(f"/api/v1/rooms/{room.pk}/link/")
    assert made.status_code == 201
    first = made.json()["url"].split("testserver", 1)[1]
    assert client.get(first).status_code == 200
    assert "url" not in api.get(f"/api/v1/rooms/{room.pk}/").json()
    assert api_for(world.crew_a).post(f"/api/v1/rooms/{room.pk}/link/").status_code in (403, 404)
    # A replay would have to store the address: an Idempotency-Key is refused, nothing changes.
    keyed = api.post(f"/api/v1/rooms/{room.pk}/link/", HTTP_IDEMPOTENCY_KEY="k1")
    assert keyed.status_code == 400 and "Idempotency-Key" in json.dumps(keyed.json())
    assert client.get(first).status_code == 200
    out = json.loads(run("post", "room-link", "--production", "NIGHTJAR", "--room", str(room.pk),
                         "--base-url", "https://office.example", "--json"))  # fmt: skip
    assert out["url"].startswith("https://office.example/post/room-links/")
    assert client.get(first).status_code == 404
    second = out["url"].removeprefix("https://office.example")
    assert client.get(second).status_code == 200
    assert RoomFeed.objects.active().count() == 1
    assert api.post(f"/api/v1/rooms/{room.pk}/unlink/").status_code == 204
    assert client.get(second).status_code == 404
    again = api.post(f"/api/v1/rooms/{room.pk}/unlink/")
    assert again.status_code == 400 and "feed" in json.dumps(again.json())
    with pytest.raises(CommandError, match="no active calendar link") as refused:
        run("post", "room-unlink", "--production", "NIGHTJAR", "--room", str(room.pk))
    assert refused.value.returncode == 1
