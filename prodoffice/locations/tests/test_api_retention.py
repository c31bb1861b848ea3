"""The locations and permit-office API, the document API's links and file download, the rules
CLI, and retention: nothing legal is deleted before five years; the purge removes what is older."""

from __future__ import annotations

import base64
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from prodoffice.audit.models import AuditEvent
from prodoffice.locations.models import Document, DocumentFile, JurisdictionRule, Location
from prodoffice.locations.services import retention, store
from prodoffice.locations.tests.conftest import PDF
from prodoffice.locations.tests.factories import DocumentFactory, RuleFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_locations_api_reads_and_writes_with_the_web_permissions(world, mill, api_for):
    office, head, crew = api_for(world.office), api_for(world.head), api_for(world.crew_a)
    mill.fee, mill.currency = 1200, "USD"
    mill.save()
    made = office.post(
        "/api/v1/locations/",
        {
            "production": world.production.code,
            "name": "Pier 9",
            "latitude": "51.500000",
            "longitude": "-0.120000",
            "kind": "backlot",
            "facilities": ["power", "water"],
        },
        format="json",
    )
    assert made.status_code == 201, made.content
    assert (made.data["kind"], made.data["facilities"]) == ("backlot", ["power", "water"])
    one_coordinate = office.post(
        "/api/v1/locations/",
        {"production": world.production.code, "name": "Half", "latitude": "1.0"},
        format="json",
    )
    assert one_coordinate.status_code == 400
    assert "longitude" in one_coordinate.data["error"]["fields"]
    seen = head.get(f"/api/v1/locations/{mill.public_id}/")
    assert seen.status_code == 200 and seen.data["fee"] is None  # fees: the office's
    assert office.get(f"/api/v1/locations/{mill.public_id}/").data["fee"] == "1200.00"
    assert crew.get(f"/api/v1/locations/{mill.public_id}/").status_code == 404
    assert (
        head.patch(f"/api/v1/locations/{mill.public_id}/", {"name": "X"}, format="json").status_code
        == 403
    )
    renamed = office.patch(
        f"/api/v1/locations/{mill.public_id}/", {"scouting_status": "confirmed"}, format="json"
    )
    assert renamed.status_code == 200 and renamed.data["scouting_status"] == "confirmed"
    listed = office.get(f"/api/v1/locations/?production={world.production.code}&q=pier")
    assert [row["name"] for row in listed.data["results"]] == ["Pier 9"]


def test_permit_office_api_and_its_permissions(world, api_for):
    office = api_for(world.office)
    made = office.post(
        "/api/v1/permit-offices/",
        {
            "production": world.production.code,
            "name": "Harbour film office",
            "lead_business_days": 4,
            "holidays": ["2027-03-04", "2027-03-04"],
        },
        format="json",
    )
    assert made.status_code == 201 and made.data["holidays"] == ["2027-03-04"]
    shared = JurisdictionRule.objects.filter(production__isnull=True).first()
    assert (
        office.patch(
            f"/api/v1/permit-offices/{shared.pk}/", {"lead_business_days": 9}, format="json"
        ).status_code
        == 403
    )  # shared examples: administrators
    assert (
        office.post(
            "/api/v1/permit-offices/", {"name": "Shared by an office"}, format="json"
        ).status_code
        == 403
    )
    mine = office.get(f"/api/v1/permit-offices/?production={world.production.code}")
    assert [r["name"] for r in mine.data["results"]] == ["Harbour film office"]
    assert (
        api_for(world.crew_a).get(f"/api/v1/permit-offices/{made.data['id']}/").status_code == 404
    )


def test_document_api_links_company_contract_rule_and_downloads_versions(world, mill, api_for):
    office = api_for(world.office)
    rule = RuleFactory(production=world.production)
    made = office.post(
        "/api/v1/documents/",
        {
            "production": world.production.code,
            "kind": "film_permit",
            "title": "Permit",
            "location": str(mill.public_id),
            "rule": rule.pk,
        },
        format="json",
    )
    assert made.status_code == 201 and made.data["rule"] == rule.pk
    other_rule = RuleFactory(production=world.other)
    refused = office.patch(
        f"/api/v1/documents/{made.data['id']}/", {"rule": other_rule.pk}, format="json"
    )
    assert refused.status_code == 400 and "rule" in refused.data["error"]["fields"]
    body = {"filename": "permit.pdf", "content_base64": base64.b64encode(PDF).decode()}
    assert (
        office.post(f"/api/v1/documents/{made.data['id']}/upload/", body, format="json").status_code
        == 201
    )
    got = office.get(f"/api/v1/documents/{made.data['id']}/files/1/")
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert got["Content-Disposition"].startswith("attachment")
    assert got["X-Content-Type-Options"] == "nosniff"
    assert office.get(f"/api/v1/documents/{made.data['id']}/files/2/").status_code == 404
    assert (
        api_for(world.crew_a).get(f"/api/v1/documents/{made.data['id']}/files/1/").status_code
        == 404
    )


def test_rules_cli_lists_and_sets(world):
    out = io.StringIO()
    call_command(
        "paperwork",
        "rules",
        "set",
        "--production",
        world.production.code,
        "--name",
        "Port",
        "--lead",
        "5",
        "--holidays",
        "2027-03-04,2027-03-05",
        "--json",
        stdout=out,
    )
    saved = json.loads(out.getvalue())
    assert (saved["lead_business_days"], saved["holidays"]) == (5, ["2027-03-04", "2027-03-05"])
    out = io.StringIO()
    call_command(
        "paperwork",
        "rules",
        "set",
        "--production",
        world.production.code,
        "--name",
        "port",
        "--lead",
        "2",
        stdout=out,
    )
    assert JurisdictionRule.objects.get(name="Port").lead_business_days == 2
    out = io.StringIO()
    call_command(
        "paperwork", "rules", "list", "--production", world.production.code, "--json", stdout=out
    )
    names = [r["name"] for r in json.loads(out.getvalue())]
    assert "Port" in names and len(names) >= 2  # the shared examples too
    with pytest.raises(CommandError, match="not a date"):
        call_command("paperwork", "rules", "set", "--shared", "--name", "X", "--holidays", "3/4")
    with pytest.raises(CommandError, match="--production CODE or --shared"):
        call_command("paperwork", "rules", "set", "--name", "X")


def _aged(document: Document, years_ago: int) -> None:
    past = timezone.now() - datetime.timedelta(days=365 * years_ago + 2)
    Document.objects.filter(pk=document.pk).update(created_at=past)
    DocumentFile.objects.filter(document=document).update(
        created_at=past, keep_until=(past + datetime.timedelta(days=365 * 5 + 1)).date()
    )
    document.refresh_from_db()


def test_young_paperwork_cannot_be_deleted_on_any_interface(world, mill, client_for, api_for):
    doc = DocumentFactory(production=world.production, location=mill)
    version = store.document_upload(actor=world.office, document=doc, filename="a.pdf", data=PDF)
    with pytest.raises(Exception, match="kept until"):
        retention.document_file_delete(actor=world.office, version=version)
    page = client_for(world.office).post(
        f"/p/{world.production.code}/paperwork/{doc.public_id}/delete/", follow=True
    )
    assert b"kept until" in page.content
    api = api_for(world.office).delete(f"/api/v1/documents/{doc.public_id}/")
    assert api.status_code == 400 and "kept until" in json.dumps(api.data)
    assert Document.objects.filter(pk=doc.pk).exists() and version.file.storage.exists(
        version.file.name
    )


def test_the_retention_counts_from_expiry_and_wrap(world, mill):
    doc = DocumentFactory(production=world.production, location=mill)
    _aged(doc, 7)
    doc.expiry_date = TODAY - datetime.timedelta(days=365 * 3)
    world.production.end_date = None
    assert retention.kept_until(doc) == retention._add_years(doc.expiry_date, 5)
    doc.expiry_date = TODAY - datetime.timedelta(days=365 * 6)
    doc.production.end_date = TODAY - datetime.timedelta(days=365)
    assert retention.kept_until(doc) == retention._add_years(doc.production.end_date, 5)
    with override_settings(PRODOFFICE_PAPERWORK_RETENTION_YEARS=2):
        assert retention.retention_years() == 5  # never below five


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_purge_removes_only_what_is_past_retention(world, mill):
    old = DocumentFactory(
        production=world.production,
        location=mill,
        title="Old permit",
        effective_date=None,
        expiry_date=TODAY - datetime.timedelta(days=365 * 7),
    )
    young = DocumentFactory(production=world.production, location=mill, title="New permit")
    v_old = store.document_upload(actor=None, document=old, filename="o.pdf", data=PDF)
    store.document_upload(actor=None, document=young, filename="y.pdf", data=PDF)
    _aged(old, 6)
    out = io.StringIO()
    call_command("paperwork", "purge", "--dry-run", "--json", stdout=out)
    assert [d["document"] for d in json.loads(out.getvalue())["documents"]] == ["Old permit"]
    assert Document.objects.count() == 2
    from prodoffice.locations.tasks import paperwork_purge

    paperwork_purge.enqueue()
    assert list(Document.objects.values_list("title", flat=True)) == ["New permit"]
    assert not v_old.file.storage.exists(v_old.file.name)
    assert AuditEvent.objects.filter(action="paperwork.delete").count() == 1
    assert Location.objects.filter(pk=mill.pk).exists()
