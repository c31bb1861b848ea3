"""The demo production's post: rooms with acoustic data, the large pipeline, two cut versions,
bookings in the ADR and mix weeks, and two delivery schedules.

Called by `prodoffice demo` through `PostConfig.demo_extend`, as the system, through the
services. Idempotent: each part is skipped when the production already has it.
"""

from __future__ import annotations

import datetime
import zoneinfo
from pathlib import Path

from prodoffice.post.models import (
    AdrCue,
    Booking,
    Cut,
    CutVersion,
    DeliverySchedule,
    Facility,
    PostTask,
)
from prodoffice.post.services import cues, delivery, editorial, facilities, pipeline
from prodoffice.productions.models import Engagement

DATA = Path(__file__).resolve().parent / "demo_data"
PICTURE_LOCK = datetime.date(2027, 9, 1)
#: facility, kind, rooms: (name, kind, NC, isolation STC, treated, monitoring, equipment)
ROOMS = [
    ("Harbor Post", "in_house", [
        ("Edit 1", "edit_suite", 35, 45, True, "stereo", "Avid Media Composer, 2 x 27\" displays"),
        ("Edit 2", "edit_suite", 35, 45, True, "stereo", "Avid Media Composer"),
        ("Screening Room", "screening_room", 25, 55, True, "7.1", "4K DCI projector, 24 seats"),
    ]),
    ("Bayside Sound", "vendor", [
        ("Mix Stage A", "mix_stage", 15, 65, True, "atmos", "Avid S6, Dolby Atmos RMU"),
        ("ADR Stage", "adr_stage", 20, 60, True, "5.1", "Neumann U87, Schoeps CMC6, streamer"),
        ("Foley Stage", "foley_stage", 20, 60, True, "5.1", "Pits: gravel, sand, water; props"),
        ("Machine Room", "machine_room", None, None, False, "none", "Pro Tools HDX servers"),
    ]),
]  # fmt: skip
SCHEDULES = [
    ("United States", "Harbor Lights Distribution", datetime.date(2027, 11, 26), ["es-419"]),
    ("France", "Le Pacte", datetime.date(2027, 12, 10), ["fr"]),
]


def demo_post(production) -> None:
    """Every part of the demo's post, each only once."""
    rooms = _rooms(production)
    _pipeline(production)
    _cuts(production)
    _cues(production)
    _bookings(production, rooms)
    _deliveries(production)


def _rooms(production) -> dict:
    if not Facility.objects.filter(production=production).exists():
        for name, kind, rooms in ROOMS:
            facility = facilities.facility_create(
                actor=None, production=production, name=name, kind=kind
            )
            for room, room_kind, nc, stc, treated, monitoring, equipment in rooms:
                facilities.room_create(
                    actor=None, facility=facility, name=room, kind=room_kind, nc_rating=nc,
                    isolation_db=stc, treated=treated, monitoring=monitoring, equipment=equipment,
                )  # fmt: skip
    return {
        r.name: r for f in Facility.objects.filter(production=production) for r in f.rooms.all()
    }


def _pipeline(production) -> None:
    if PostTask.objects.filter(production=production).exists():
        return
    tasks = pipeline.pipeline_apply_template(
        actor=None, production=production, template="large", picture_lock=PICTURE_LOCK
    )
    editor = Engagement.objects.filter(production=production, position__title="Editor").first()
    for task in tasks:
        if editor and task.department == "Editorial":
            pipeline.task_update(actor=None, task=task, assignee=editor)
        if task.end_date < PICTURE_LOCK - datetime.timedelta(days=30):
            pipeline.task_set_status(actor=None, task=task, status="in_progress")
            pipeline.task_set_status(actor=None, task=task, status="done")


def _cuts(production) -> None:
    if Cut.objects.filter(production=production).exists():
        return
    for name in ("harbor_lights_v1.edl", "harbor_lights_v2.edl"):
        editorial.cut_import(
            actor=None, production=production, data=(DATA / name).read_bytes(), filename=name,
            fps=24, name="Harbor Lights reel 1",
        )  # fmt: skip


#: ADR cues and VFX shots spotted on version 1, as (id, character or vendor, in, out) in frames.
ADR_CUES = [("101", "Nora Vance", 0, 96), ("102", "Nora Vance", 200, 260)]
VFX_SHOTS = [("HL_010", "Harbor Pixels", 48, 120)]


def _cues(production) -> None:
    if AdrCue.objects.filter(production=production).exists():
        return
    first = CutVersion.objects.filter(cut__production=production, number=1).first()
    if first is None:
        return
    for cue, character, start, end in ADR_CUES:
        if end <= first.duration_frames:
            cues.cue_create(actor=None, production=production, cut_version=first, cue=cue,
                            character=character, record_in=start, record_out=end)  # fmt: skip
    for shot, vendor, start, end in VFX_SHOTS:
        if end <= first.duration_frames:
            cues.shot_create(actor=None, production=production, cut_version=first, shot=shot,
                             vendor=vendor, record_in=start, record_out=end)  # fmt: skip


def _local(production, day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour), zoneinfo.ZoneInfo(production.time_zone)
    )


def _bookings(production, rooms: dict) -> None:
    if Booking.objects.filter(production=production).exists():
        return
    adr = PostTask.objects.filter(production=production, kind="adr").first()
    mix = PostTask.objects.filter(production=production, kind="mix").first()
    mixer = Engagement.objects.filter(
        production=production, position__title="Re-recording Mixer"
    ).first()
    people = [mixer] if mixer else []
    plan = [
        (rooms["ADR Stage"], adr, adr.start_date, 10, 13, "confirmed", "ADR: Nora Vance"),
        (rooms["ADR Stage"], adr, adr.start_date, 14, 17, "pencil", "ADR: group loop"),
        (rooms["Mix Stage A"], mix, mix.start_date, 9, 18, "confirmed", "Final mix day 1"),
        (rooms["Mix Stage A"], mix, mix.start_date + datetime.timedelta(days=1), 9, 18,
         "preliminary", "Final mix day 2"),
        (rooms["Screening Room"], None, PICTURE_LOCK, 10, 12, "confirmed", "Lock screening"),
    ]  # fmt: skip
    for room, task, day, start, end, level, title in plan:
        facilities.booking_create(
            actor=None, production=production, room=room, task=task, level=level, title=title,
            start=_local(production, day, start), end=_local(production, day, end),
            engagements=people if room.kind == "mix_stage" else [],
        )  # fmt: skip


def _deliveries(production) -> None:
    if DeliverySchedule.objects.filter(production=production).exists():
        return
    for territory, distributor, due, languages in SCHEDULES:
        delivery.schedule_create(
            actor=None, production=production, territory=territory, distributor=distributor,
            due=due, languages=languages,
        )  # fmt: skip
