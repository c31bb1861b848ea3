"""Fixtures of the security suite: the world with meetings, a client and a token per role."""

from __future__ import annotations

import datetime
import functools
from decimal import Decimal

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from prodoffice.accounts.models import Membership
from prodoffice.audit.models import AuditEvent
from prodoffice.people import services as people
from prodoffice.productions.services.meetings import action_item_add, meeting_create
from prodoffice.scheduling.services import boards
from prodoffice.scheduling.services.feeds import feed_create
from tests.security.harness import ROLES, Objects
from tests.support.factories import CompanyFactory, MembershipFactory, UserFactory, department


def _side(production, engagement, meeting, member) -> Objects:
    conflicts = _conflicts_objects(production, engagement)
    action = action_item_add(
        actor=None, meeting=meeting, text="Rig the balloon light", assignee=engagement
    )
    person = engagement.person
    company = CompanyFactory(kind="agency")
    return Objects(
        production=production,
        engagement=engagement,
        person=person,
        meeting=meeting,
        membership=Membership.objects.get(production=production, user=member),
        company=company,
        action=action,
        credit=people.credit_add(
            actor=None, person=person, title="Heat", year=1995, position="Grip"
        ),
        language=people.language_add(
            actor=None, person=person, language="fr", proficiency="fluent"
        ),
        union=people.union_membership_add(actor=None, person=person, union="IATSE"),
        representation=people.representation_add(actor=None, person=person, agency=company),
        audit=AuditEvent.objects.filter(production=production).first(),
        **_contract_objects(production, engagement),
        **_scheduling(production),
        **_feed(production, person),
        **conflicts,
        builders=_lazy_builders(production, conflicts),
    )


def _lazy_builders(production, conflicts: dict) -> dict:
    """Field name -> the builder of its group, each group built once, on first read."""
    groups = {
        POST_LAZY: _post_objects,
        ("linguist", "language_work", "subtitle_track"): _languages_objects,
        ("room", "booking", "post_task", "cut_version", "cut_version_old"): _post_objects,
        (
            "linguist",
            "language_work",
            "subtitle_track",
            "production_language",
            "dubbing_line",
            "recording_session",
        ): _languages_objects,
        ("callsheet",): _callsheet_objects,
        (
            "document",
            "document_coi",
            "location_day",
            "rule",
            "location_photo",
            "candidate",
        ): functools.partial(_paper_objects, conflicts=conflicts),
    }
    out = {}
    for names, build in groups.items():
        once = functools.cache(functools.partial(build, production))
        out.update(dict.fromkeys(names, once))
    return out


def _scheduling(production) -> dict:
    """The breakdown desk's scene and element, then a board of that draft on a calendar."""
    targets = _breakdown(production)
    targets["board"] = _board(production)
    targets["optimization"] = _optimizer_run(targets["board"])
    return targets


def _contract(production, engagement):
    """A draft crew deal memo whose party is the engagement's person (crew_a on side "a")."""
    from prodoffice.contracts.services import drafting

    contract = drafting.contract_create(
        actor=None,
        production=production,
        contract_type="crew",
        title="Deal memo",
        engagement=engagement,
        rate=engagement.rate if engagement.rate is not None else Decimal("400.00"),
        rate_unit="day",
        currency="USD",
        start_date=datetime.date(2027, 3, 1),
        party_email="party@example.org",
    )
    return contract


# --- contracts desk ---
def _contract_objects(production, engagement) -> dict:
    """The draft deal memo, and a bulk send job over it, recorded but never run."""
    from prodoffice.contracts.models import BulkJob

    contract = _contract(production, engagement)
    job = BulkJob.objects.create(production=production, kind="send", total=1)
    job.contracts.set([contract])
    return {"contract": contract, "bulk_job": job}


# --- end contracts desk ---


def _board(production):
    """A stripboard "Main" of the current draft (ANN speaks in its scene) on a Monday-to-Friday
    calendar, with a day break and a meal banner before the scene."""
    from prodoffice.scheduling.services.boards import board_create
    from prodoffice.scheduling.services.calendar import calendar_set

    start = datetime.date(2027, 3, 1)
    calendar_set(actor=None, production=production, start_date=start, working_weekdays=range(5))
    board = board_create(actor=None, production=production, name="Main")
    boards.day_break_insert(actor=None, board=board, position=0)
    boards.banner_insert(actor=None, board=board, position=1, banner_kind="meal", text="Lunch")
    return board


def _breakdown(production) -> dict:
    """A draft with one scene and a prop in its breakdown (the breakdown desk's targets)."""
    from prodoffice.scheduling.models import BreakdownCategory, Scene
    from prodoffice.scheduling.services.breakdown import element_create, scene_element_add
    from prodoffice.scheduling.services.script import script_import

    text = b"INT. KITCHEN - NIGHT\n\nAnn lights a CANDLE in the rain.\n\nANN\nLate.\n"
    script_import(actor=None, production=production, filename="s.fountain", data=text)
    scene = Scene.objects.get(script__production=production, number="1")
    props = BreakdownCategory.objects.get(production=production, ucid=104)
    element = element_create(actor=None, production=production, category=props, name="Lantern")
    scene_element_add(actor=None, scene=scene, element=element)
    return {"scene": scene, "element": element}


def _feed(production, person) -> dict:
    """A person feed of the side's engagement and its secret (feeds helper)."""
    feed, secret = feed_create(actor=None, production=production, person=person)
    return {"feed": feed, "feed_secret": secret}


# --- conflicts ---
def _conflicts_objects(production, engagement) -> dict:
    """An unavailability of the side's engagement, a location and its unavailable dates."""
    import datetime

    from prodoffice.locations import services as locations
    from prodoffice.productions.services.availability import unavailability_add

    day = datetime.date(2027, 3, 1)
    location = locations.location_create(actor=None, production=production, name="Old Mill")
    return {
        "unavailability": unavailability_add(
            actor=None, engagement=engagement, start_date=day, end_date=day, kind="other_job"
        ),
        "location": location,
        "location_unavailability": locations.location_unavailability_add(
            actor=None, location=location, start_date=day, end_date=day, reason="Harvest"
        ),
    }


# --- call ---
def _callsheet_objects(production) -> dict:
    """A draft call sheet of the first shoot day of the side's board (2027-03-01)."""
    from prodoffice.callsheets.services.sheets import callsheet_draft
    from prodoffice.scheduling.models import Board

    board = Board.objects.get(production=production, name="Main")
    day = datetime.date(2027, 3, 1)
    return {"callsheet": callsheet_draft(actor=None, production=production, day=day, board=board)}


# --- end call ---
# --- paper ---
def _paper_objects(production, conflicts: dict) -> dict:
    """The conflicts' objects, plus a film permit of their location (department lighting &
    grip, so its head reads it) with a stored PDF, and a certificate of insurance."""
    from prodoffice.locations.services import paperwork, store
    from tests.support.factories import department

    location = conflicts["location"]
    permit = paperwork.document_create(
        actor=None,
        production=production,
        kind="film_permit",
        title="Street permit",
        location=location,
        department=department("lighting-grip"),
    )
    store.document_upload(actor=None, document=permit, filename="permit.pdf", data=b"%PDF-1.4\n")
    coi = paperwork.document_create(
        actor=None, production=production, kind="coi", title="COI", location=location
    )
    from prodoffice.locations.services.days import location_day_set

    prep = location_day_set(
        actor=None, location=location, date=datetime.date(2027, 2, 26), kind="prep"
    )
    rule = paperwork.rule_create(actor=None, production=production, name="Harbour film office")
    from prodoffice.locations.services.days import candidate_add

    photo = store.photo_add(
        actor=None, location=location, filename="yard.png", data=b"\x89PNG\r\n\x1a\n" + bytes(8)
    )
    candidate = candidate_add(
        actor=None,
        production=production,
        set_name="EXT. HARBOUR - DAY",
        location=location,
        price=Decimal("900"),
        currency="USD",
    )
    objects = {
        "document": permit,
        "document_coi": coi,
        "location_day": prep,
        "rule": rule,
        "location_photo": photo,
        "candidate": candidate,
    }
    return {**conflicts, **objects}


# --- end paper ---


def _optimizer_run(board):
    """--- opt --- a queued optimizer run of the side's board."""
    from prodoffice.scheduling.models import OptimizationRun

    return OptimizationRun.objects.create(board=board, time_limit=5, settings={})


# --- post ---
POST_LAZY = ("room", "booking", "post_task", "cut_version", "cut_version_old", "post_task_lock",
             "post_task_qc", "deliverable", "adr_cue", "vfx_shot", "room_feed_secret")  # fmt: skip


def _post_objects(production) -> dict:
    """A room with a pencil booking and a calendar link, post tasks (the mix waits for picture
    lock), two versions of a cut with an ADR cue and a VFX shot, a deliverable with a file."""
    import datetime

    from prodoffice.post.models import Deliverable
    from prodoffice.post.services import cues, delivery, editorial, facilities, pipeline
    from prodoffice.post.tests.edl import write_edl

    facility = facilities.facility_create(
        actor=None, production=production, name="House post", kind="in_house", time_zone="UTC"
    )
    room = facilities.room_create(
        actor=None, facility=facility, name="Mix A", kind="mix_stage", nc_rating=20
    )
    start = datetime.datetime(2027, 3, 8, 9, tzinfo=datetime.UTC)
    booking = facilities.booking_create(
        actor=None, production=production, room=room, start=start,
        end=start + datetime.timedelta(hours=2), level="pencil", title="Temp mix",
    )  # fmt: skip
    day = datetime.date(2027, 6, 1)
    task = pipeline.task_create(actor=None, production=production, kind="mix", name="Mix",
                                start_date=day, end_date=day)  # fmt: skip
    versions = [
        editorial.cut_import(
            actor=None,
            production=production,
            data=write_edl(shots),
            filename="reel.edl",
            name="Feature",
        )
        for shots in ([("A", 0, 48), ("B", 100, 124)], [("A", 0, 40)])
    ]
    lock = pipeline.task_create(actor=None, production=production, kind="picture_lock",
                                name="Lock", start_date=day, end_date=day)  # fmt: skip
    pipeline.task_add_dependency(actor=None, task=task, depends_on=lock)
    qc = pipeline.task_create(actor=None, production=production, kind="qc", name="QC",
                              start_date=day, end_date=day)  # fmt: skip
    delivery.schedule_create(actor=None, production=production, territory="France",
                             due=datetime.date(2027, 9, 1))  # fmt: skip
    item = Deliverable.objects.get(schedule__production=production, kind="qc_report")
    item = delivery.deliverable_attach(actor=None, deliverable=item, data=b"%PDF-1.4 qc",
                                       filename="qc.pdf")  # fmt: skip
    cue = cues.cue_create(actor=None, production=production, cut_version=versions[0], cue="1A",
                          character="Mara", record_in=0, record_out=24)  # fmt: skip
    shot = cues.shot_create(actor=None, production=production, cut_version=versions[0],
                            shot="VFX010", record_in=0, record_out=24)  # fmt: skip
    _feed, secret = facilities.room_feed_rotate(actor=None, room=room)
    return {"room": room, "booking": booking, "post_task": task,
            "cut_version_old": versions[0], "cut_version": versions[1], "post_task_lock": lock,
            "post_task_qc": qc, "deliverable": item, "adr_cue": cue, "vfx_shot": shot,
            "room_feed_secret": secret}  # fmt: skip


# --- end post ---


@pytest.fixture
def objects(world) -> dict[str, Objects]:
    """The objects of production A (side "a") and of the other production (side "other")."""
    grip = department("lighting-grip").pk
    meeting_a = meeting_create(
        actor=None, production=world.production, title="Lighting prep", department_ids=[grip]
    )
    meeting_o = meeting_create(actor=None, production=world.other, title="Other prep")
    # The other production's office may countersign there (the matrix's "office" relation).
    Membership.objects.filter(user=world.other_office).update(can_countersign=True)
    # The membership the matrix changes and removes on the other production: a crew member's,
    # since other_office is its last office member and may not remove or demote themself (S-03).
    other_crew = MembershipFactory(
        user=UserFactory(username="other_crew"), production=world.other, role="crew"
    ).user
    return {
        "a": _side(world.production, world.engagement_a, meeting_a, world.crew_b),
        "other": _side(world.other, world.other_engagement, meeting_o, other_crew),
    }


@pytest.fixture
def users(world) -> dict[str, object]:
    """Every persona by role name, anonymous as None."""
    return {**world.users(), "other_office": world.other_office, "anonymous": None}


@pytest.fixture
def web(users) -> dict[str, Client]:
    """A logged-in web client per role (anonymous: a fresh one)."""
    clients = {}
    for role in ROLES:
        clients[role] = Client(raise_request_exception=False)
        if users[role] is not None:
            clients[role].force_login(users[role])
    return clients


@pytest.fixture
def api(users) -> dict[str, Client]:
    """An API client per role with a real bearer token (anonymous: no credentials)."""
    clients = {}
    for role in ROLES:
        user = users[role]
        headers = {}
        if user is not None:
            headers["Authorization"] = f"Bearer {Token.objects.create(user=user).key}"
        clients[role] = Client(headers=headers, raise_request_exception=False)
    return clients


# --- lang ---
def _languages_objects(production) -> dict:
    """A translator with a pair and rate, an open work item, a subtitle track with a version."""
    from prodoffice.languages.services import desk, subtitles
    from tests.support.factories import PersonFactory

    pair = {"source": "en", "target": "es", "years_experience": 9, "rate": "45.00"}
    linguist = desk.linguist_add(
        actor=None, production=production, person=PersonFactory(), pairs=[pair]
    )
    version = subtitles.subtitle_version_upload(
        actor=None,
        production=production,
        language="es",
        name="Main",
        filename="main.srt",
        data=b"1\n00:00:01,000 --> 00:00:03,000\nHola.\n",
        fps="24",
    )
    work = desk.work_item_create(actor=None, production=production, language="es", kind="subtitles")
    return {
        "linguist": linguist,
        "language_work": work,
        "subtitle_track": version.subtitle_file,
        **_dubbing_objects(production),
    }


def _dubbing_objects(production) -> dict:
    """German dubbing: the language, a script line, a session held by a pencil room booking."""
    import datetime

    from prodoffice.languages.services import desk, dubbing, script
    from prodoffice.post.services import facilities

    german = desk.production_language_add(
        actor=None, production=production, language="de", kinds=["dubbing"], territories=["DE"]
    )
    line = script.dubbing_line_add(
        actor=None, production=production, language="de", character="NORA", original="Hello?"
    )
    facility = facilities.facility_create(
        actor=None, production=production, name="Dub House", kind="vendor", time_zone="UTC"
    )
    room = facilities.room_create(actor=None, facility=facility, name="Dub 1", kind="mix_stage")
    role = dubbing.voice_role_cast(
        actor=None, production=production, language="de", character="Nora"
    )
    start = datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC)
    session = dubbing.recording_session_book(
        actor=None,
        voice_role=role,
        room=room,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        level="pencil",
    )
    return {"production_language": german, "dubbing_line": line, "recording_session": session}


# --- end lang ---
