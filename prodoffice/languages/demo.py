"""The demo production's language desk: English original, Spanish subtitles with a translator,
German dubbing with a voice cast, a Spanish subtitle file with a few QC findings, a glossary.

Called by `prodoffice demo` through `LanguagesConfig.demo_extend`, after the script and cast
exist. Written through the services as the system; idempotent: a production that already has
languages is left alone.
"""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal

from django.utils import timezone

from prodoffice.languages.models import ProductionLanguage
from prodoffice.languages.services import deliveries, desk, dubbing, glossary, script, subtitles
from prodoffice.people.models import Person
from prodoffice.people.services import person_create
from prodoffice.post.models import DeliverySchedule, Room
from prodoffice.post.services import delivery
from prodoffice.productions.models import Engagement

# Event 2 has a 44-character line, event 3 is too short to read, event 5 starts before 4 ends.
DEMO_SRT = """1
00:00:01,000 --> 00:00:03,500
El faro lleva diez años apagado.

2
00:00:04,000 --> 00:00:07,000
Nadie en el puerto quiere hablar del naufragio.

3
00:00:07,200 --> 00:00:07,700
¿Quién?

4
00:00:08,000 --> 00:00:11,000
Tu padre lo sabía,
y tu madre también.

5
00:00:10,500 --> 00:00:13,000
Esta noche se encienden las luces.
"""
TRANSLATOR = {"first_name": "Lucía", "last_name": "Ferrer", "email": "lucia.ferrer@example.org"}
VOICE_ACTORS = [("Jonas", "Keller"), ("Marlene", "Vogt")]


def demo_languages(production) -> bool:
    """Languages, a translator, subtitles with findings, a glossary and a German voice cast."""
    if ProductionLanguage.objects.filter(production=production).exists():
        return False
    desk.production_language_add(actor=None, production=production, language="en", role="original")
    desk.production_language_add(
        actor=None,
        production=production,
        language="es",
        kinds=["subtitles", "sdh"],
        territories=["ES", "MX", "AR"],
    )
    desk.production_language_add(
        actor=None,
        production=production,
        language="de",
        kinds=["dubbing"],
        territories=["DE", "AT", "CH"],
    )
    translator = _translator(production)
    version = subtitles.subtitle_version_upload(
        actor=None,
        production=production,
        language="es",
        name="HARBOR ES",
        filename="harbor.es.srt",
        data=DEMO_SRT.encode("cp1252"),
        fps="24000/1001",
    )
    desk.work_item_create(
        actor=None,
        production=production,
        language="es",
        kind="subtitles",
        assignee=translator,
        subtitle_file=version.subtitle_file,
        due_date=timezone.localdate() + datetime.timedelta(days=21),
    )
    if glossary.seed_candidates(production):
        glossary.glossary_seed(actor=None, production=production, language="es")
    _voice_cast(production)
    return True


def _translator(production):
    person = Person.objects.filter(email=TRANSLATOR["email"]).first()
    person = person or person_create(actor=None, production=production, **TRANSLATOR)
    pairs = [
        {
            "source": "en",
            "target": "es",
            "years_experience": 14,
            "rate": Decimal("9.50"),
            "currency": "EUR",
            "rate_unit": "runtime_minute",
            "proficiency": "native",
        }
    ]
    return desk.linguist_add(
        actor=None,
        production=production,
        person=person,
        specialisms=["subtitling", "translation"],
        pairs=pairs,
    )


DUBBING_SCRIPT = [
    ("1", "Hello? Is anyone here?", "Hallo? Ist hier jemand?"),
    ("1", "The lights go on tonight.", "Heute Abend gehen die Lichter an."),
    ("2", "Not if I find the switch first.", "Nicht, wenn ich den Schalter zuerst finde."),
]


def _voice_cast(production) -> None:
    characters = list(
        Engagement.objects.filter(production=production)
        .exclude(character="")
        .order_by("cast_number")
        .values_list("character", flat=True)[: len(VOICE_ACTORS)]
    )
    room = _dubbing_room(production)
    for day, (character, (first, last)) in enumerate(
        zip(characters, VOICE_ACTORS, strict=False), start=30
    ):
        email = f"{first.lower()}.{last.lower()}@example.org"
        performer = Person.objects.filter(email=email).first()
        performer = performer or person_create(
            actor=None, production=production, first_name=first, last_name=last, email=email
        )
        role = dubbing.voice_role_cast(
            actor=None,
            production=production,
            language="de",
            character=character,
            performer=performer,
        )
        if room is not None:
            start = _local_nine(room, production, day)
            dubbing.recording_session_book(
                actor=None,
                voice_role=role,
                room=room,
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=3),
                level="pencil",
            )
    for scene, (number, original, adapted) in enumerate(DUBBING_SCRIPT, start=1):
        script.dubbing_line_add(
            actor=None,
            production=production,
            language="de",
            scene=number,
            character=characters[(scene - 1) % len(characters)] if characters else "NARRATOR",
            original=original,
            adapted=adapted,
        )
    _german_delivery(production)


def _dubbing_room(production):
    """The production's ADR stage (post's demo makes one); any open room otherwise."""
    rooms = Room.objects.filter(facility__production=production, in_maintenance=False)
    return rooms.filter(kind="adr_stage").first() or rooms.first()


def _local_nine(room, production, days: int) -> datetime.datetime:
    zone = zoneinfo.ZoneInfo(room.facility.time_zone or production.time_zone)
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(max(9, room.opens_at.hour)), tzinfo=zone)


def _german_delivery(production) -> None:
    """A delivery schedule for Germany, and the German dubbed version linked into it."""
    if not DeliverySchedule.objects.filter(production=production, territory="Germany").exists():
        delivery.schedule_create(
            actor=None,
            production=production,
            territory="Germany",
            due=timezone.localdate() + datetime.timedelta(days=120),
        )
    entry = ProductionLanguage.objects.get(production=production, language="de")
    deliveries.dubbed_versions_link(actor=None, entry=entry)
