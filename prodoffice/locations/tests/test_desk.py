"""The desk's pages, exports, CLI and the readiness selector on a real board: who sees what,
the approval from the web, the download headers, the due list and the readiness contract."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from prodoffice.locations.models import DocumentReminder
from prodoffice.locations.readiness import readiness_for_board, readiness_for_day
from prodoffice.locations.services import reminders, store
from prodoffice.locations.tests.conftest import PDF
from prodoffice.locations.tests.factories import DocumentFactory, LocationDayFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
SOON = TODAY + datetime.timedelta(days=10)


def paperwork_for(world, mill, **permit):
    """An approved agreement, COI and filming permit (depending on the COI) for the mill."""
    agreement = DocumentFactory(production=world.production, location=mill, title="Agreement")
    coi = DocumentFactory(production=world.production, location=mill, kind="coi", title="COI")
    values = {"activities": ["filming"], "title": "Permit", **permit}
    permit = DocumentFactory(
        production=world.production, location=mill, kind="film_permit", **values
    )
    permit.depends_on.add(coi)
    return agreement, coi, permit


def test_readiness_of_recorded_days_turns_green_when_the_permit_is_approved(world, mill):
    LocationDayFactory(
        location=mill, date=SOON, start_time=datetime.time(7), end_time=datetime.time(19)
    )
    _, _, permit = paperwork_for(world, mill, status="applied")
    [row] = readiness_for_day(production=world.production, day=SOON)
    assert (row.location, row.status) == (mill, "at_risk")
    permit.status = "approved"
    permit.save()
    [row] = readiness_for_board(production=world.production)
    assert (row.date, row.status, row.missing) == (SOON, "ready", [])


def test_readiness_queries_do_not_grow_with_days_and_documents(world, mill):
    LocationDayFactory(location=mill, date=SOON)
    paperwork_for(world, mill)
    with CaptureQueriesContext(connection) as small:
        readiness_for_board(production=world.production)
    for n in range(1, 15):
        LocationDayFactory(location=mill, date=SOON + datetime.timedelta(days=n))
        paperwork_for(world, mill)
    with CaptureQueriesContext(connection) as large:
        rows = readiness_for_board(production=world.production)
    assert len(rows) == 15
    assert len(large.captured_queries) == len(small.captured_queries) <= 10


def test_the_cli_prints_the_readiness_contract(world, mill):
    LocationDayFactory(location=mill, date=SOON)
    out = io.StringIO()
    call_command("readiness", "--production", world.production.code, "--json", stdout=out)
    [row] = json.loads(out.getvalue())
    assert set(row) == {"date", "location", "status", "missing"}
    assert (row["date"], row["location"], row["status"]) == (
        SOON.isoformat(),
        "Old Mill",
        "not_ready",
    )
    assert any("location agreement" in m for m in row["missing"])


def test_the_cli_prints_what_is_due(world, mill):
    DocumentFactory(production=world.production, location=mill, title="Agreement", expiry_date=SOON)
    out = io.StringIO()
    call_command(
        "paperwork",
        "due",
        "--production",
        world.production.code,
        "--days",
        "30",
        "--json",
        stdout=out,
    )
    items = json.loads(out.getvalue())
    assert items == [
        {
            "document": "Agreement",
            "kind": "location_agreement",
            "status": "approved",
            "date": SOON.isoformat(),
            "why": "expires",
            "location": "Old Mill",
        }
    ]


def test_reminders_are_sent_once_per_threshold_to_the_production_manager(
    world, mill, manager, django_capture_on_commit_callbacks
):
    manager.email = "pm@example.com"
    manager.save()
    doc = DocumentFactory(
        production=world.production, location=mill, expiry_date=TODAY + datetime.timedelta(days=20)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.paperwork_remind_due(today=TODAY) == 1
        assert reminders.paperwork_remind_due(today=TODAY) == 0
    assert list(DocumentReminder.objects.values_list("days_before", flat=True)) == [30]
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.paperwork_remind_due(today=doc.expiry_date - datetime.timedelta(7)) == 1
    assert [m.to for m in mail.outbox] == [["pm@example.com"]] * 2
    assert "expires in 30 days" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.paperwork_digest_send(production=world.production, today=TODAY)
    assert not reminders.paperwork_digest_send(production=world.production, today=TODAY)
    assert "Paperwork due" in mail.outbox[-1].subject and len(mail.outbox) == 3


# --- pages -----------------------------------------------------------------------------------


def url(world, name, *args):
    return reverse(f"web:{name}", args=[world.production.code, *args])


def test_office_pages_render_and_the_board_shows_each_status(world, mill, client_for):
    LocationDayFactory(location=mill, date=SOON)
    paperwork_for(world, mill)
    office = client_for(world.office)
    for name in ("paperwork", "paperwork_due", "readiness", "document_new"):
        assert office.get(url(world, name)).status_code == 200, name
    board = office.get(url(world, "readiness")).content.decode()
    assert 'data-status="ready"' in board and "Old Mill" in board


def test_the_production_manager_approves_from_the_web_and_an_assistant_cannot(
    world, mill, client_for, manager
):
    permit = DocumentFactory(
        production=world.production, location=mill, kind="film_permit", status="applied"
    )
    target = url(world, "document_status", permit.public_id)
    assert client_for(world.office).post(target, {"status": "approved"}).status_code == 403
    permit.refresh_from_db()
    assert permit.status == "applied"
    assert client_for(manager).post(target, {"status": "approved"}).status_code == 302
    permit.refresh_from_db()
    assert (permit.status, permit.approved_by) == ("approved", manager)


def test_files_download_as_attachments_with_nosniff_and_only_to_readers(world, client_for):
    doc = DocumentFactory(production=world.production, kind="release", person=world.person_a)
    store.document_upload(actor=world.office, document=doc, filename="release.pdf", data=PDF)
    target = url(world, "document_file", doc.public_id, 1)
    response = client_for(world.crew_a).get(target)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client_for(world.crew_b).get(target).status_code == 404
    assert client_for(world.head).get(target).status_code == 404


def test_register_exports_and_the_binder(world, mill, client_for):
    _, coi, _ = paperwork_for(world, mill)
    store.document_upload(actor=world.office, document=coi, filename="coi.pdf", data=_real_pdf())
    office = client_for(world.office)
    csv = office.get(url(world, "paperwork") + "?export=csv").content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Kind,Title,Status") and "COI" in csv
    xlsx = office.get(url(world, "paperwork") + "?export=xlsx")
    assert xlsx.content[:2] == b"PK"
    binder = office.get(url(world, "paperwork_binder"))
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(binder.content)).pages
    assert len(pages) >= 3  # cover, index, the COI's page
    owner = office.get(url(world, "location_owners_copy", mill.public_id))
    assert owner["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(owner.content)).pages)
    assert "Old Mill" in text and "COI" in text and "Permit" not in text


def _real_pdf() -> bytes:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=200, height=200)
    writer.write(out)
    return out.getvalue()


def test_the_office_records_a_prep_day_that_then_needs_its_paperwork(world, mill, client_for):
    office = client_for(world.office)
    body = {"day-date": SOON.isoformat(), "day-kind": "prep", "day-activities": ["parking"]}
    assert office.post(url(world, "location_day_add", mill.public_id), body).status_code == 302
    [row] = readiness_for_board(production=world.production)
    assert (row.kind, row.status) == ("prep", "not_ready")
    assert any("covering parking" in m for m in row.missing)
    bad = {"day-date": SOON.isoformat(), "day-kind": "prep", "day-start_time": "18:00"}
    bad["day-end_time"] = "08:00"
    response = office.post(url(world, "location_day_add", mill.public_id), bad)
    assert response.status_code == 422 and b"end time is before the start" in response.content
    assert (
        client_for(world.head)
        .post(url(world, "location_day_add", mill.public_id), body)
        .status_code
        == 404
    )


def test_the_office_adds_its_own_permit_office_and_refuses_bad_holidays(world, client_for):
    office = client_for(world.office)
    body = {"name": "Port film office", "lead_business_days": 5, "max_days_ahead": 40}
    response = office.post(url(world, "paperwork_rule_new"), {**body, "holidays": "2027-13-01"})
    assert b"is not a date" in response.content
    ok = office.post(url(world, "paperwork_rule_new"), {**body, "holidays": "2027-07-05"})
    assert ok.status_code == 302
    from prodoffice.locations.models import JurisdictionRule

    rule = JurisdictionRule.objects.get(name="Port film office")
    assert (rule.production, rule.holidays) == (world.production, ["2027-07-05"])
    shared = JurisdictionRule.objects.filter(production__isnull=True).first()
    assert office.get(url(world, "paperwork_rule_edit", shared.pk)).status_code == 404
    assert b"Port film office" in client_for(world.head).get(url(world, "paperwork_rules")).content


def test_strips_of_a_scene_at_a_location_without_paperwork_carry_a_flag(world, mill, client_for):
    from prodoffice.locations.services import set_location_assign
    from prodoffice.scheduling.tests.test_conflicts import conflict_schedule

    board = conflict_schedule(world.production)["board"]
    set_location_assign(actor=None, production=world.production, set_name="SET 3", location=mill)
    rows = readiness_for_board(production=world.production, board=board)
    assert [(r.date.isoformat(), r.status) for r in rows] == [("2027-03-02", "not_ready")]
    page = client_for(world.office).get(url(world, "board", board.public_id)).content.decode()
    assert page.count("readiness-flag readiness-not_ready") == 1
    assert "No location agreement for Old Mill on Tue 2 Mar 2027" in page


def test_an_oversized_upload_is_refused_before_it_is_read(world, client_for, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.PRODOFFICE_UPLOAD_MAX_BYTES = 2 * 2**20
    doc = DocumentFactory(production=world.production, kind="coi")
    big = SimpleUploadedFile("coi.pdf", PDF + b"0" * (3 * 2**20), content_type="application/pdf")
    response = client_for(world.office).post(
        url(world, "document_upload", doc.public_id), {"file": big}
    )
    assert response.status_code == 422 and b"larger than the 2 MB limit" in response.content
    assert not doc.files.exists()
