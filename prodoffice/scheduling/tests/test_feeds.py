"""Calendar feeds: the .ics parsed back with icalendar, secrets, revocation, whose days."""

from __future__ import annotations

import datetime
import io
import json

import icalendar
import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from prodoffice.audit.models import AuditEvent
from prodoffice.scheduling.models import Element, FeedToken
from prodoffice.scheduling.selectors.feeds import hash_secret
from prodoffice.scheduling.services.feeds import feed_create, feed_revoke
from prodoffice.scheduling.tests.test_dood_selector import build_schedule, day

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule(world):
    """Nightjar's working board: Mon (sc 1, 2), Tue (sc 3), Wed holiday, Thu (sc 4).
    ANN (cast 1) is crew_a's engagement: SW Mon, H Tue, / Wed, WF Thu."""
    board = build_schedule(world.production)
    Element.objects.filter(production=world.production, name="ANN").update(
        engagement=world.engagement_a
    )
    return board


def fetch(secret: str, client: Client | None = None):
    return (client or Client()).get(reverse("web:feed", args=[secret]))


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events(cal: icalendar.Calendar) -> list[icalendar.Event]:
    return [c for c in cal.walk("VEVENT")]


def test_production_feed_has_one_all_day_event_per_shoot_day(world, schedule):
    _, secret = feed_create(actor=world.office, production=world.production)
    cal = parse(fetch(secret))
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"]).startswith("-//prodoffice")
    assert str(cal["CALSCALE"]) == "GREGORIAN" and str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "Nightjar shoot days"
    assert len(list(cal.walk("VTIMEZONE"))) == 1
    vevents = events(cal)
    assert [e.decoded("DTSTART") for e in vevents] == [day(0), day(1), day(3)]
    assert all(e.decoded("DTEND") - e.decoded("DTSTART") == datetime.timedelta(1) for e in vevents)
    assert all(not isinstance(e.decoded("DTSTART"), datetime.datetime) for e in vevents)
    for event in vevents:  # RFC 5545 3.6.1: UID and DTSTAMP are required, DTSTAMP in UTC
        assert event["UID"] and event.decoded("DTSTAMP").tzinfo is not None
    assert [str(e["SUMMARY"]) for e in vevents] == [
        "Day 1 - Nightjar", "Day 2 - Nightjar", "Day 3 - Nightjar"]  # fmt: skip
    first = str(vevents[0]["DESCRIPTION"]).splitlines()
    assert first[0] == "Sc. 1  SET 1  D  4/8 pg  cast 1" and first[1].startswith("Sc. 2")
    assert "cast 1, 2" in first[1] and first[-1] == "Total: 1 pages"
    assert str(vevents[0]["LOCATION"]) == "SET 1; SET 2"


def test_uids_are_unique_and_stable_between_fetches(world, schedule):
    _, secret = feed_create(actor=world.office, production=world.production)
    uids = [str(e["UID"]) for e in events(parse(fetch(secret)))]
    assert len(set(uids)) == 3
    assert [str(e["UID"]) for e in events(parse(fetch(secret)))] == uids


def test_person_feed_lists_only_their_work_days_with_dood_codes(world, schedule):
    _, secret = feed_create(actor=world.crew_a, production=world.production, person=world.person_a)
    vevents = events(parse(fetch(secret)))
    # Tuesday is a hold (an event without scenes) and Wednesday a holiday (no event).
    assert [e.decoded("DTSTART") for e in vevents] == [day(0), day(1), day(3)]
    assert [str(e["SUMMARY"]) for e in vevents] == [
        "SW - NIGHTJAR day 1", "H - NIGHTJAR day 2 (hold)", "WF - NIGHTJAR day 3"]  # fmt: skip
    # Only ANN's scenes of the day: 1 and 2 on day 1, none on the hold, 4 on day 3.
    assert "Sc. 3" not in str(vevents[0]["DESCRIPTION"])
    assert (
        str(vevents[1]["DESCRIPTION"]).startswith("Hold: on call") and "LOCATION" not in vevents[1]
    )
    assert str(vevents[2]["DESCRIPTION"]).startswith("Sc. 4")


def test_crew_person_feed_has_every_shoot_day(world, schedule):
    _, secret = feed_create(actor=world.crew_b, production=world.production, person=world.person_b)
    assert len(events(parse(fetch(secret)))) == 3


def test_person_feed_uids_differ_from_production_feed(world, schedule):
    _, production_secret = feed_create(actor=world.office, production=world.production)
    _, person_secret = feed_create(
        actor=world.crew_a, production=world.production, person=world.person_a
    )
    a = {str(e["UID"]) for e in events(parse(fetch(production_secret)))}
    b = {str(e["UID"]) for e in events(parse(fetch(person_secret)))}
    assert not a & b


def test_feed_without_board_is_a_valid_empty_calendar(world):
    _, secret = feed_create(actor=world.office, production=world.production)
    cal = parse(fetch(secret))
    assert events(cal) == [] and len(list(cal.walk("VTIMEZONE"))) == 1


def test_unknown_and_revoked_secrets_answer_404(world, schedule):
    feed, secret = feed_create(actor=world.office, production=world.production)
    assert fetch(secret).status_code == 200
    assert fetch(secret[:-1] + ("A" if secret[-1] != "A" else "B")).status_code == 404
    assert fetch("x" * 300).status_code == 404
    feed_revoke(actor=world.office, feed=feed)
    assert fetch(secret).status_code == 404


def test_person_feed_dies_with_the_engagement(world, schedule):
    _, secret = feed_create(actor=world.crew_b, production=world.production, person=world.person_b)
    world.engagement_b.delete()
    assert fetch(secret).status_code == 404


def test_only_the_hash_is_stored_and_the_secret_never_reaches_the_audit_log(world, schedule):
    feed, secret = feed_create(actor=world.office, production=world.production)
    assert len(secret) >= 40 and feed.secret_hash == hash_secret(secret) != secret
    feed_revoke(actor=world.office, feed=feed)
    rows = AuditEvent.objects.filter(target_type="scheduling.feedtoken")
    assert sorted(rows.values_list("action", flat=True)) == ["feed.create", "feed.revoke"]
    for row in rows:
        assert secret not in str(row.changes) + row.message + row.target_label
        assert feed.secret_hash not in str(row.changes)


def test_fetch_records_last_use(world, schedule):
    feed, secret = feed_create(actor=world.office, production=world.production)
    fetch(secret)
    feed.refresh_from_db()
    assert feed.last_used_at is not None


@pytest.mark.parametrize("role", ["crew_a", "head", "executive", "outsider"])
def test_only_the_office_makes_production_feeds(world, role):
    with pytest.raises(PermissionDenied):
        feed_create(actor=getattr(world, role), production=world.production)
    assert not FeedToken.objects.exists()


def test_nobody_makes_a_feed_of_someone_elses_days(world):
    for actor in (world.crew_b, world.office, world.outsider):
        with pytest.raises(PermissionDenied):
            feed_create(actor=actor, production=world.production, person=world.person_a)
    assert not FeedToken.objects.exists()


def test_crew_revoke_only_their_own_feed_and_the_office_any(world, schedule):
    mine, _ = feed_create(actor=world.crew_a, production=world.production, person=world.person_a)
    theirs, _ = feed_create(actor=world.crew_b, production=world.production, person=world.person_b)
    with pytest.raises(PermissionDenied):
        feed_revoke(actor=world.crew_a, feed=theirs)
    feed_revoke(actor=world.crew_a, feed=mine)
    feed_revoke(actor=world.office, feed=theirs)
    assert FeedToken.objects.filter(revoked_at__isnull=True).count() == 0


# --- CLI ---------------------------------------------------------------------------------------


def run_cli(*args: str) -> str:
    out = io.StringIO()
    call_command("feed_url", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_cli_prints_a_working_production_feed_url(world, schedule):
    url = run_cli("--production", "nightjar", "--base-url", "https://office.example/").strip()
    assert url.startswith("https://office.example/feeds/") and url.endswith(".ics")
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert len(events(parse(fetch(secret)))) == 3


def test_cli_person_feed_as_json(world, schedule):
    world.person_a.email = "ada@example.org"
    world.person_a.save()
    data = json.loads(run_cli("--production", "NIGHTJAR", "--person", "ADA@example.org", "--json"))
    assert data["kind"] == "person"
    secret = data["url"].rsplit("/", 1)[1].removesuffix(".ics")
    summaries = [str(e["SUMMARY"]) for e in events(parse(fetch(secret)))]
    assert summaries == ["SW - NIGHTJAR day 1", "H - NIGHTJAR day 2 (hold)", "WF - NIGHTJAR day 3"]


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (("--production", "NOPE"), 2, "Unknown production"),
        (("--production", "NIGHTJAR", "--person", "nobody@example.org"), 2, "No person"),
        (("--production", "OTHER", "--person", "bo@example.org"), 1, "no engagement"),
    ],
)
def test_cli_errors_exit_non_zero(world, args, code, text):
    world.person_b.email = "bo@example.org"
    world.person_b.save()
    with pytest.raises(CommandError) as caught:
        run_cli(*args)
    assert caught.value.returncode == code and text in str(caught.value)
    assert not FeedToken.objects.exists()


# --- query budget --------------------------------------------------------------------------------


def _queries(secret: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert fetch(secret).status_code == 200
    return len(captured)


def test_feed_queries_do_not_grow_with_the_schedule(world, schedule):
    from prodoffice.scheduling.models import Scene, SceneElement, Strip, scene_sort_key
    from prodoffice.scheduling.services.boards import day_break_insert

    _, production_secret = feed_create(actor=world.office, production=world.production)
    _, person_secret = feed_create(
        actor=world.crew_a, production=world.production, person=world.person_a
    )
    small = (_queries(production_secret), _queries(person_secret))
    script = Scene.objects.filter(script__production=world.production).first().script
    ann = Element.objects.get(production=world.production, name="ANN")
    for n in range(5, 25):  # twenty more scenes with ANN, two a day
        scene = Scene.objects.create(script=script, number=str(n), sort_key=scene_sort_key(str(n)),
                                     position=n, eighths=3, set_name=f"SET {n}")  # fmt: skip
        SceneElement.objects.create(scene=scene, element=ann)
        position = Strip.objects.filter(board=schedule).count()
        if n % 2:
            day_break_insert(actor=None, board=schedule, position=position)
            position += 1
        Strip.objects.create(board=schedule, position=position, kind="scene", scene=scene)
    assert len(events(parse(fetch(production_secret)))) > 10
    assert (_queries(production_secret), _queries(person_secret)) == small
