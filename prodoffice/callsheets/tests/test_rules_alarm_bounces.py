"""The production's rules on the web and in the API, cast names hidden on the full sheet, the
alarm mail from the worker's sweep, bounces (by hand, by address, from a DSN file)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader
from rest_framework.test import APIClient

from prodoffice.callsheets.choices import DeliveryState
from prodoffice.callsheets.models import CallSettings, Recipient
from prodoffice.callsheets.services import alarm, distribution, sheets
from prodoffice.callsheets.services.settings import settings_update
from prodoffice.callsheets.tasks import next_hour
from prodoffice.callsheets.tests.factories import DAY1, call_day
from tests.support.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

#: 06:00 in Los Angeles on day 1, the alarm's window (12 h before a 07:00 general call).
NEAR_CALL = datetime.datetime(2027, 3, 1, 14, 0, tzinfo=datetime.UTC)


@pytest.fixture
def manager(world):
    user = UserFactory(username="upm")
    MembershipFactory(user=user, production=world.production, role="production_manager")
    return user


@pytest.fixture
def published(world, manager):
    board = call_day(world)
    sheet = sheets.callsheet_draft(
        actor=world.office, production=world.production, day=DAY1, board=board
    )
    return sheets.callsheet_publish(actor=manager, sheet=sheet, override_reason="Filing.")


def office_client(world) -> Client:
    client = Client()
    client.force_login(world.office)
    return client


# --- rules ------------------------------------------------------------------------------------


def test_the_office_sets_the_rules_on_the_web_and_bad_lines_are_named(world):
    url = reverse("web:callsheet_settings", args=["NIGHTJAR"])
    client = office_client(world)
    form = {
        "cutoff_time": "19:30",
        "alarm_hours": "10",
        "rest_hours": "11",
        "minutes_per_page": "150",
        "hmu_minutes": "90",
        "wardrobe_minutes": "15",
        "pickup_minutes": "30",
        "hide_cast_names": "on",
        "offsets_text": "camera=-45\nsound=0",
        "unions_text": "IATSE=10",
        "confirm_to": [str(world.engagement_a.pk)],
    }
    assert client.post(url, form).status_code == 302
    rules = CallSettings.objects.get(production=world.production)
    assert (rules.cutoff_time, rules.alarm_hours, rules.rest_hours) == (
        datetime.time(19, 30),
        10,
        11,
    )
    assert rules.union_rest_hours == {"IATSE": 10} and rules.hide_cast_names
    assert rules.department_offsets == {"camera": -45, "sound": 0}
    assert list(rules.confirm_to.all()) == [world.engagement_a]
    bad = client.post(url, {**form, "unions_text": "IATSE=10\nDGA=ten"})
    assert bad.status_code == 200 and "Line 2" in bad.content.decode()
    assert CallSettings.objects.get(production=world.production).union_rest_hours == {"IATSE": 10}


def test_crew_cannot_read_the_rules_page(world):
    client = Client()
    client.force_login(world.crew_a)
    assert client.get(reverse("web:callsheet_settings", args=["NIGHTJAR"])).status_code == 403


def test_the_api_reads_and_changes_the_same_rules(world):
    api = APIClient()
    api.force_authenticate(world.office)
    url = "/api/v1/callsheet-settings/NIGHTJAR/"
    first = api.get(url).json()
    assert first["cutoff_time"] == "20:00" and first["rest_hours"] == 12  # the defaults
    changed = api.patch(
        url,
        {"cutoff_time": "21:15", "union_rest_hours": {"SAG-AFTRA": 12, "IATSE": 10}},
        format="json",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["cutoff_time"] == "21:15"
    rules = CallSettings.objects.get(production=world.production)
    assert rules.union_rest_hours == {"SAG-AFTRA": 12, "IATSE": 10}
    refused = api.patch(url, {"union_rest_hours": {"IATSE": 99}}, format="json")
    assert refused.status_code == 400
    assert "union_rest_hours.IATSE" in refused.json()["error"]["fields"]
    crew = APIClient()
    crew.force_authenticate(world.crew_a)
    assert crew.get(url).status_code == 403


# --- names hidden on the full sheet -----------------------------------------------------------


def test_hidden_cast_names_leave_the_full_sheet_page_pdf_and_api(world, published):
    settings_update(
        actor=world.office, production=world.production, values={"hide_cast_names": True}
    )
    client = office_client(world)
    page = client.get(reverse("web:callsheet", args=["NIGHTJAR", published.public_id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ann Lead" not in html and "Ben Second" not in html and "ANN" in html
    pdf = client.get(reverse("web:callsheet_pdf", args=["NIGHTJAR", published.public_id]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Ann Lead" not in text and "ANN" in text.upper()
    api = APIClient()
    api.force_authenticate(world.office)
    content = api.get(f"/api/v1/callsheets/{published.public_id}/").json()["content"]
    assert {row["performer"] for row in content["cast"]} == {""}
    assert not any("Ann Lead" in w or "Ben Second" in w for w in content["warnings"])
    assert published.snapshot["cast"][0]["performer"] == "Ann Lead"  # the snapshot is kept


# --- the alarm --------------------------------------------------------------------------------


def test_the_alarm_is_mailed_once_per_day_and_version_to_the_named_people(
    world, django_capture_on_commit_callbacks
):
    call_day(world)
    settings_update(
        actor=world.office,
        production=world.production,
        values={},
        confirm_to=[world.engagement_a],
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert alarm.callsheet_alarms_due(now=NEAR_CALL) == 1
    assert [m.to for m in mail.outbox] == [[world.engagement_a.person.email]]
    assert "not published" in mail.outbox[0].subject and "no call sheet" in mail.outbox[0].body
    assert alarm.callsheet_alarms_due(now=NEAR_CALL) == 0  # the sweep ran again: nothing new
    sheets.callsheet_draft(actor=world.office, production=world.production, day=DAY1)
    with django_capture_on_commit_callbacks(execute=True):
        assert alarm.callsheet_alarms_due(now=NEAR_CALL) == 1  # version 1 drafted: rings again
    assert len(mail.outbox) == 2 and "version 1 is a draft" in mail.outbox[1].body


def test_no_alarm_when_published_or_far_from_general_call(world, published):
    assert alarm.callsheet_alarms_due(now=NEAR_CALL) == 0
    assert alarm.callsheet_alarms_due(now=NEAR_CALL - datetime.timedelta(days=2)) == 0
    assert not mail.outbox


def test_the_sweep_runs_every_full_hour():
    now = datetime.datetime(2027, 3, 1, 14, 59, 30, tzinfo=datetime.UTC)
    assert next_hour(now) == datetime.datetime(2027, 3, 1, 15, 0, tzinfo=datetime.UTC)
    assert next_hour(next_hour(now)) == datetime.datetime(2027, 3, 1, 16, tzinfo=datetime.UTC)


# --- bounces ----------------------------------------------------------------------------------


def test_a_bounce_recorded_on_the_board_shows_there(world, published):
    distribution.callsheet_send(actor=world.office, sheet=published)
    bo = Recipient.objects.get(engagement=world.engagement_b)
    url = reverse("web:callsheet_board", args=["NIGHTJAR", published.public_id])
    client = office_client(world)
    client.post(url, {"action": "bounce", "recipient": bo.pk, "reason": "5.1.1 no such user"})
    bo.refresh_from_db()
    assert bo.state == DeliveryState.BOUNCED and bo.bounced_at and "5.1.1" in bo.error
    board = client.get(url).content.decode()
    assert 'data-state="bounced"' in board and "5.1.1 no such user" in board
    distribution.recipient_resend(actor=world.office, recipient=bo)  # and a resend fixes it
    bo.refresh_from_db()
    assert bo.state == DeliveryState.SENT


def _dsn(address: str, message_id: str) -> bytes:
    return (
        "From: MAILER-DAEMON@mx.example\r\n"
        "To: office@example.com\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example\r\n\r\n"
        f"Final-Recipient: rfc822; {address}\r\n"
        "Action: failed\r\n"
        "Status: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n"
        "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {message_id}\r\nSubject: call sheet\r\n\r\n"
        "--B--\r\n"
    ).encode()


def test_a_dsn_file_marks_the_mail_it_returns_as_bounced(world, published, tmp_path):
    distribution.callsheet_send(actor=world.office, sheet=published)
    bo = world.engagement_b.person
    sent = next(m for m in mail.outbox if m.to == [bo.email])
    message_id = sent.extra_headers["Message-ID"]
    assert Recipient.objects.get(engagement=world.engagement_b).message_id == message_id
    path = tmp_path / "bounce.eml"
    path.write_bytes(_dsn("someone-else@example.com", message_id))  # forwarded: by Message-ID
    out = io.StringIO()
    call_command("callsheet", "bounce", "--production", "NIGHTJAR", "--dsn", str(path), stdout=out)
    recipient = Recipient.objects.get(engagement=world.engagement_b)
    assert recipient.state == DeliveryState.BOUNCED
    assert recipient.error == "5.1.1 550 5.1.1 User unknown" and "Bounced:" in out.getvalue()
    ann = Recipient.objects.get(engagement__character="Ann")
    assert ann.state == DeliveryState.SENT


def test_bounces_by_address_in_the_api_and_unknown_ones_are_refused(world, published):
    distribution.callsheet_send(actor=world.office, sheet=published)
    api = APIClient()
    api.force_authenticate(world.office)
    url = f"/api/v1/callsheets/{published.public_id}/bounce/"
    email = world.engagement_b.person.email
    answer = api.post(url, {"email": email.upper(), "reason": "mailbox full"}, format="json")
    assert answer.status_code == 200, answer.content
    assert answer.json()[0]["state"] == "bounced" and answer.json()[0]["error"] == "mailbox full"
    unknown = api.post(url, {"email": "nobody@example.com"}, format="json")
    assert unknown.status_code == 400 and "nobody@example.com" in unknown.content.decode()
    assert api.post(url, {}, format="json").status_code == 400
    with pytest.raises(CommandError, match="Give --email"):
        call_command("callsheet", "bounce", "--production", "NIGHTJAR")
    crew = APIClient()
    crew.force_authenticate(world.crew_a)
    assert crew.post(url, {"email": email}, format="json").status_code in (403, 404)
