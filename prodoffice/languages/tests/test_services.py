"""The language desk's services: refusals name the field and change nothing; transitions follow
the table; uploads keep versions; glossary seeding; dubbing; contracts through the contract desk."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prodoffice.audit.models import AuditEvent
from prodoffice.languages import selectors
from prodoffice.languages.models import (
    GlossaryEntry,
    SubtitleFile,
    SubtitleVersion,
    VoiceRole,
)
from prodoffice.languages.services import deliveries, desk, dubbing, glossary, subtitles
from prodoffice.post.models import Booking
from prodoffice.post.services import delivery
from prodoffice.post.tests.factories import stage
from prodoffice.productions.models import Engagement
from tests.support.factories import PersonFactory, ProductionFactory, position

from .factories import (
    LinguistFactory,
    LinguistPairFactory,
    ProductionLanguageFactory,
    WorkItemFactory,
    crew,
    office,
)
from .helpers import srt

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture
def production():
    return ProductionFactory(code="LANG")


@pytest.fixture
def coord(production):
    return office(production)


def test_language_add_refuses_unknown_tag_and_duplicates(production, coord):
    desk.production_language_add(actor=coord, production=production, language="ko", role="original")
    with pytest.raises(ValidationError) as caught:
        desk.production_language_add(actor=coord, production=production, language="xx-nonsense-1")
    assert "language" in caught.value.message_dict
    with pytest.raises(ValidationError, match="already a language"):
        desk.production_language_add(actor=coord, production=production, language="ko")
    with pytest.raises(ValidationError) as caught:
        desk.production_language_add(
            actor=coord, production=production, language="fr", kinds=["subtitles", "mime"]
        )
    assert "kinds" in caught.value.message_dict
    assert production.languages.count() == 1


def test_crew_cannot_write(production):
    with pytest.raises(PermissionDenied):
        desk.production_language_add(actor=crew(production), production=production, language="fr")
    assert not production.languages.exists()


def test_staffing_proposes_the_most_experienced_translator_per_pair_first(production, coord):
    ProductionLanguageFactory(
        production=production, language="ko", role="original", kinds=[], territories=[]
    )
    ProductionLanguageFactory(production=production, language="en", territories=["US", "GB"])
    junior = LinguistPairFactory(
        linguist__production=production, source="ko", target="en", years_experience=3
    )
    senior = LinguistPairFactory(
        linguist__production=production, source="ko", target="en", years_experience=22
    )
    LinguistPairFactory(
        linguist__production=production, source="ko", target="fr", years_experience=40
    )
    LinguistPairFactory(
        linguist__production=ProductionFactory(), source="ko", target="en", years_experience=50
    )
    [row] = selectors.staffing(production, coord)
    assert (row.source, row.target) == ("ko", "en")
    assert row.pairs == [senior, junior]


def test_pair_refuses_same_language_and_bad_rate(production, coord):
    linguist = LinguistFactory(production=production)
    with pytest.raises(ValidationError, match="two different languages"):
        desk.linguist_pair_add(actor=coord, linguist=linguist, source="es", target="es")
    with pytest.raises(ValidationError) as caught:
        desk.linguist_pair_add(
            actor=coord, linguist=linguist, source="en", target="es", rate="lots"
        )
    assert caught.value.message_dict == {"rate": ["Enter a number."]}
    assert not linguist.pairs.exists()


def test_linguist_contract_goes_through_the_contract_desk(production, coord):
    linguist = desk.linguist_add(
        actor=coord, production=production, person=PersonFactory(), specialisms=["subtitling"]
    )
    contract = desk.linguist_contract_draft(actor=coord, linguist=linguist)
    assert contract.contract_type == "language" and contract.status == "draft"
    assert [p.role for p in contract.parties.all()] == ["translator"]
    linguist.refresh_from_db()
    assert linguist.contract == contract
    with pytest.raises(ValidationError, match="already has a contract"):
        desk.linguist_contract_draft(actor=coord, linguist=linguist)


def test_work_item_transitions_follow_the_table(production, coord):
    item = WorkItemFactory(production=production)
    desk.work_item_transition(actor=coord, item=item, status="in_progress")
    with pytest.raises(ValidationError, match="Cannot go from in_progress to approved"):
        desk.work_item_transition(actor=coord, item=item, status="approved")
    item.refresh_from_db()
    assert item.status == "in_progress"
    assert AuditEvent.objects.filter(action="work.status", target_id=str(item.pk)).count() == 1


def test_upload_keeps_versions_and_refuses_malformed_files_without_change(production, coord):
    data = srt((0, 2000, "¡Hola, señor!"), (2000, 4000, "x" * 50)).encode("cp1252")
    first = subtitles.subtitle_version_upload(
        actor=coord,
        production=production,
        language="es",
        name="Main",
        filename="main.srt",
        data=data,
        fps="25",
    )
    second = subtitles.subtitle_version_upload(
        actor=coord,
        production=production,
        language="es",
        name="Main",
        filename="main.srt",
        data=data,
    )
    assert (first.number, second.number) == (1, 2)
    assert first.encoding == "windows-1252" and first.fps_num == 25
    assert first.qc_counts["chars_per_line"] == 1 and first.qc_counts["gap"] == 1
    with pytest.raises(ValidationError) as caught:
        subtitles.subtitle_version_upload(
            actor=coord,
            production=production,
            language="es",
            name="Main",
            filename="x.vtt",
            data=b"no header",
        )
    assert "no WebVTT header" in caught.value.message_dict["file"][0]
    with pytest.raises(ValidationError) as caught:
        subtitles.subtitle_version_upload(
            actor=coord,
            production=production,
            language="zz-bogus-9",
            name="Other",
            filename="a.srt",
            data=data,
        )
    assert "language" in caught.value.message_dict
    assert SubtitleVersion.objects.count() == 2 and SubtitleFile.objects.count() == 1


def test_production_settings_override_the_profile(production, coord):
    ProductionLanguageFactory(
        production=production, language="es", max_chars_per_line=37, children=True
    )
    profile = selectors.profile_for(production, "es")
    assert (profile.max_chars_per_line, profile.max_cps) == (37, 13)


def test_glossary_seeded_from_cast_and_script_then_used_by_qc(production, coord):
    Engagement.objects.create(
        production=production,
        person=PersonFactory(),
        position=position("Grip"),
        character="MARGUERITE",
    )
    added = glossary.glossary_seed(actor=coord, production=production, language="es")
    assert added == 1
    entry = GlossaryEntry.objects.get(production=production, term="Marguerite")
    assert entry.category == "character" and entry.source == "cast"
    assert glossary.glossary_seed(actor=coord, production=production, language="es") == 0
    glossary.glossary_entry_update(
        actor=coord, entry=entry, rendering="Margarita", variants="Margherita\n"
    )
    data = srt((0, 3000, "Margarita, ven."), (4000, 7000, "Margherita, ven.")).encode()
    version = subtitles.subtitle_version_upload(
        actor=coord, production=production, language="es", name="M", filename="m.srt", data=data
    )
    report = selectors.version_report(version)
    assert [(v.event, v.rule) for v in report.violations if v.rule == "glossary"] == [
        (2, "glossary")
    ]


def test_sessions_are_post_bookings_of_the_room_and_the_voices_engagement(production, coord):
    engagement = Engagement.objects.create(
        production=production, person=PersonFactory(), position=position("Day Player")
    )
    role = dubbing.voice_role_cast(
        actor=coord, production=production, language="de", character="Anna", engagement=engagement
    )
    assert role.performer == engagement.person
    room = stage(production, "Dub 1", kind="mix_stage")
    start = datetime.datetime(2027, 3, 1, 9, tzinfo=UTC)
    hours = datetime.timedelta(hours=3)
    session = dubbing.recording_session_book(
        actor=coord, voice_role=role, room=room, starts_at=start, ends_at=start + hours
    )
    booking = session.booking
    assert (booking.room, booking.level, booking.start) == (room, "confirmed", start)
    assert list(booking.engagements.all()) == [engagement]
    # The second session overlaps at confirmed level: post refuses, naming the booking.
    with pytest.raises(ValidationError, match=f"booking #{booking.pk}"):
        dubbing.recording_session_book(
            actor=coord,
            voice_role=role,
            room=room,
            starts_at=start + hours / 2,
            ends_at=start + 2 * hours,
        )
    with pytest.raises(ValidationError, match="ends before it starts"):
        dubbing.recording_session_book(
            actor=coord, voice_role=role, room=room, starts_at=start, ends_at=start
        )
    with pytest.raises(ValidationError, match="post room"):
        dubbing.recording_session_book(
            actor=coord, voice_role=role, starts_at=start, ends_at=start + hours
        )
    assert role.sessions.count() == 1 and Booking.objects.count() == 1
    dubbing.recording_session_transition(actor=coord, session=session, status="cancelled")
    session.refresh_from_db()
    assert session.booking is None and not Booking.objects.exists()
    session = dubbing.recording_session_transition(actor=coord, session=session, status="booked")
    assert Booking.objects.get() == session.booking
    with pytest.raises(PermissionDenied):
        dubbing.recording_session_book(
            actor=crew(production), voice_role=role, room=room, starts_at=start, ends_at=start
        )


def test_the_voices_engagement_must_be_the_performers_and_of_this_production(production, coord):
    other = Engagement.objects.create(
        production=ProductionFactory(code="OTHER"),
        person=PersonFactory(),
        position=position("Day Player"),
    )
    with pytest.raises(ValidationError, match="another production"):
        dubbing.voice_role_cast(
            actor=coord, production=production, language="de", character="X", engagement=other
        )
    mine = Engagement.objects.create(
        production=production, person=PersonFactory(), position=position("Day Player")
    )
    with pytest.raises(ValidationError, match="not"):
        dubbing.voice_role_cast(
            actor=coord,
            production=production,
            language="de",
            character="X",
            engagement=mine,
            performer=PersonFactory(),
        )
    assert not VoiceRole.objects.exists()


def test_a_dubbing_language_adds_its_dubbed_version_to_its_territories_schedules(production, coord):
    due = datetime.date(2027, 9, 1)
    germany = delivery.schedule_create(
        actor=None, production=production, territory="Germany", due=due
    )
    delivery.schedule_create(actor=None, production=production, territory="FR", due=due)
    delivery.schedule_create(actor=None, production=production, territory="Japan", due=due)
    entry = desk.production_language_add(
        actor=coord, production=production, language="de", kinds=["dubbing"], territories=["DE"]
    )
    [item] = selectors.dubbed_deliverables(production, "de")
    assert (item.schedule, item.kind, item.due_date) == (germany, "dubbed_version", due)
    entry.territories = ["DE", "FR"]
    entry.save()
    links = deliveries.dubbed_versions_link(actor=coord, entry=entry)
    assert [(str(x.schedule), x.created) for x in links] == [("Germany", False), ("FR", True)]
    assert selectors.dubbed_deliverables(production, "de").count() == 2
    subtitled = desk.production_language_add(
        actor=coord, production=production, language="es", kinds=["subtitles"], territories=["ES"]
    )
    with pytest.raises(ValidationError, match="not delivered dubbed"):
        deliveries.dubbed_versions_link(actor=coord, entry=subtitled)
    with pytest.raises(PermissionDenied):
        deliveries.dubbed_versions_link(actor=crew(production), entry=entry)


def test_trade_groupings_take_the_dubbed_version_of_a_language_wanted_in_one_of_their_countries(
    production, coord
):
    due = datetime.date(2027, 9, 1)
    for territory in ("LATAM", "DACH", "UK & Ireland", "Benelux", "Middle Earth", "ZZ"):
        delivery.schedule_create(actor=None, production=production, territory=territory, due=due)
    desk.production_language_add(actor=coord, production=production, language="es",
                                 kinds=["dubbing"], territories=["MX", "AR"])  # fmt: skip
    desk.production_language_add(actor=coord, production=production, language="de",
                                 kinds=["dubbing"], territories=["AT"])  # fmt: skip
    desk.production_language_add(actor=coord, production=production, language="fr",
                                 kinds=["dubbing"], territories=["FR"])  # fmt: skip
    taken = {
        lang: sorted(str(item.schedule) for item in selectors.dubbed_deliverables(production, lang))
        for lang in ("es", "de", "fr")
    }
    assert taken == {"es": ["LATAM"], "de": ["DACH"], "fr": []}


@pytest.mark.parametrize(
    ("territory", "countries"),
    [
        ("latam", {"MX", "BR", "AR"}),
        ("Latin America", {"MX", "CL"}),
        ("UK/Eire", {"GB", "IE"}),
        ("UK and Ireland", {"GB", "IE"}),
        ("Nordics", {"DK", "NO", "SE", "FI", "IS"}),
        ("  germany ", {"DE"}),
        ("de", {"DE"}),
        ("Czechia", {"CZ"}),
    ],
)
def test_a_schedule_territory_covers_its_countries(territory, countries):
    from prodoffice.languages.territories import covered

    assert countries <= covered(territory)
    assert "US" not in covered(territory)


@pytest.mark.parametrize("territory", ["ZZ", "EU", "Middle Earth", "", "Worldwide-ish"])
def test_a_territory_that_is_no_country_or_grouping_covers_nothing(territory):
    from prodoffice.languages.territories import covered

    assert covered(territory) == frozenset()


def test_interpreter_booked_once_a_day_and_only_if_they_interpret(production, coord):
    day = datetime.date(2027, 4, 26)
    interpreter = LinguistFactory(production=production, specialisms=["interpreting"])
    dubbing.interpreter_book(
        actor=coord, linguist=interpreter, purpose="shoot_day", date=day, languages="en ↔ ko"
    )
    with pytest.raises(ValidationError, match="already booked"):
        dubbing.interpreter_book(
            actor=coord, linguist=interpreter, purpose="adr", date=day, languages="en ↔ ko"
        )
    with pytest.raises(ValidationError, match="does not interpret"):
        dubbing.interpreter_book(
            actor=coord,
            linguist=LinguistFactory(production=production),
            purpose="adr",
            date=day,
            languages="en",
        )
    assert interpreter.bookings.count() == 1
