"""The pipeline: transitions, dependencies without cycles, slips, templates, conform, delivery."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prodoffice.post.models import Deliverable, DeliverySchedule, PostTask
from prodoffice.post.services import conform, delivery, pipeline
from prodoffice.post.services.editorial import cut_import
from prodoffice.post.tests.edl import write_edl

pytestmark = pytest.mark.django_db

LOCK = datetime.date(2027, 6, 1)


def task(world, name="Dialogue edit", kind="dialogue_edit", start=LOCK, days=5, **values):
    end = start + datetime.timedelta(days=days - 1)
    return pipeline.task_create(
        actor=world.office,
        production=world.production,
        kind=kind,
        name=name,
        start_date=start,
        end_date=end,
        **values,
    )


def test_status_moves_follow_the_table(world):
    t = task(world)
    pipeline.task_set_status(actor=world.office, task=t, status="in_progress")
    with pytest.raises(ValidationError, match="Cannot go from in_progress to planned"):
        pipeline.task_set_status(actor=world.office, task=t, status="planned")
    t.refresh_from_db()
    assert t.status == "in_progress"


def test_dependencies_refuse_self_and_cycles(world):
    lock, mix = task(world, "Picture lock", "picture_lock"), task(world, "Mix", "mix")
    pipeline.task_add_dependency(actor=world.office, task=mix, depends_on=lock)
    with pytest.raises(ValidationError, match="cannot depend on itself"):
        pipeline.task_add_dependency(actor=world.office, task=mix, depends_on=mix)
    with pytest.raises(ValidationError, match="would be a cycle"):
        pipeline.task_add_dependency(actor=world.office, task=lock, depends_on=mix)
    assert list(lock.depends_on.all()) == []


def test_a_slip_pushes_the_dependants_and_shows(world):
    lock = task(world, "Picture lock", "picture_lock")
    mix = task(world, "Mix", "mix", start=LOCK + datetime.timedelta(days=5))
    master = task(world, "Master", "mastering", start=LOCK + datetime.timedelta(days=10))
    pipeline.task_add_dependency(actor=world.office, task=mix, depends_on=lock)
    pipeline.task_add_dependency(actor=world.office, task=master, depends_on=mix)
    moved = pipeline.task_reschedule(
        actor=world.office, task=lock, start_date=LOCK, end_date=LOCK + datetime.timedelta(days=7)
    )
    mix.refresh_from_db()
    master.refresh_from_db()
    assert moved == {mix.pk: 3, master.pk: 3}
    assert mix.start_date == LOCK + datetime.timedelta(days=8) and mix.slip_days == 3
    assert master.slip_days == 3


def test_templates_date_every_task_from_picture_lock(world):
    small = pipeline.pipeline_apply_template(
        actor=world.office, production=world.production, template="small", picture_lock=LOCK
    )
    assert [t.kind for t in small] == [
        "assembly",
        "directors_cut",
        "picture_lock",
        "mix",
        "delivery",
    ]
    mix = PostTask.objects.get(kind="mix")
    assert mix.start_date == LOCK + datetime.timedelta(days=1) and mix.max_nc == 25
    assert [t.kind for t in mix.depends_on.all()] == ["picture_lock"]
    with pytest.raises(ValidationError, match="already has post tasks"):
        pipeline.pipeline_apply_template(
            actor=world.office, production=world.production, template="large", picture_lock=LOCK
        )


def test_large_template_has_every_department_and_the_acoustics_one(world):
    tasks = pipeline.pipeline_apply_template(
        actor=world.office, production=world.production, template="large", picture_lock=LOCK
    )
    assert {t.department for t in tasks} >= {"Editorial", "Sound", "Music", "VFX", "Acoustics"}
    with pytest.raises(PermissionDenied):
        pipeline.task_create(
            actor=world.crew_a,
            production=world.production,
            kind="qc",
            name="QC",
            start_date=LOCK,
            end_date=LOCK,
        )


def test_a_new_cut_flags_downstream_tasks_and_opens_conform_tasks(world):
    fx = task(world, "Effects", "sound_effects")
    done = task(world, "Old VFX", "vfx")
    pipeline.task_set_status(actor=world.office, task=done, status="cancelled")
    old = cut_import(
        actor=world.office,
        production=world.production,
        filename="a.edl",
        data=write_edl([("A", 0, 48), ("B", 100, 124)]),
        name="Feature",
    )
    new = cut_import(
        actor=world.office,
        production=world.production,
        filename="a.edl",
        data=write_edl([("A", 0, 40), ("B", 100, 124)]),
        name="Feature",
    )
    result = conform.cut_send_to_conform(actor=world.office, old=old, new=new)
    assert result.ranges == [(0, 40)]
    fx.refresh_from_db()
    done.refresh_from_db()
    assert fx.needs_conform and "00:00:00:00–00:00:01:16" in fx.conform_note
    assert not done.needs_conform
    # Only the department with something flagged gets a conform task (VFX's task is cancelled).
    assert [t.department for t in result.created] == ["Sound"]
    assert conform.cut_send_to_conform(actor=world.office, old=new, new=new).created == []


def test_delivery_schedule_from_template_with_languages_and_statuses(world):
    master = task(world, "Mastering", "mastering")
    schedule = delivery.schedule_create(
        actor=world.office,
        production=world.production,
        territory="France",
        distributor="Le Pacte",
        due=LOCK,
        languages=["fr", "es-419"],
    )
    items = Deliverable.objects.filter(schedule=schedule)
    assert items.count() == 9 + 4
    assert set(items.filter(kind="subtitles").values_list("language", flat=True)) == {
        "fr",
        "es-419",
    }
    picture = items.get(kind="picture_master")
    assert picture.task == master and picture.status == "missing"
    eo = items.get(kind="eo_insurance")
    assert eo.due_date == LOCK - datetime.timedelta(days=30)
    picture = delivery.deliverable_attach(
        actor=world.office, deliverable=picture, data=b"MXF...", filename="master.mxf"
    )
    assert picture.status == "delivered" and len(picture.sha256) == 64
    with pytest.raises(ValidationError, match="Cannot go from delivered to missing"):
        delivery.deliverable_set_status(actor=world.office, deliverable=picture, status="missing")


def test_bad_language_refuses_the_whole_schedule(world):
    with pytest.raises(ValidationError) as exc:
        delivery.schedule_create(
            actor=world.office,
            production=world.production,
            territory="Nowhere",
            due=LOCK,
            languages=["xx-notalang"],
        )
    assert "languages" in exc.value.message_dict
    assert not DeliverySchedule.objects.exists()
