"""Paperwork services: drafting, the production manager's approval, dependencies, refusals
(each with a specific message and no change), the documents store (S-11, F-05), reminders."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import FileSystemStorage

from prodoffice.audit.models import AuditEvent
from prodoffice.locations.models import Document, DocumentFile
from prodoffice.locations.services import paperwork, store
from prodoffice.locations.tests.conftest import PDF, PNG
from prodoffice.locations.tests.factories import DocumentFactory, RuleFactory

pytestmark = pytest.mark.django_db
START = datetime.date(2027, 3, 10)


def draft(world, actor=None, **values):
    values = {"kind": "film_permit", "title": "Mill permit", **values}
    return paperwork.document_create(actor=actor, production=world.production, **values)


def test_office_drafts_with_an_apply_by_date_from_the_locations_permit_office(world, mill):
    mill.permit_office = RuleFactory(lead_business_days=3, holidays=["2027-03-09"])
    mill.save()
    doc = draft(world, world.office, location=mill, covers_start=START, covers_end=START)
    assert (doc.status, doc.apply_by) == ("needed", datetime.date(2027, 3, 4))
    assert doc.apply_from == datetime.date(2027, 2, 8)
    assert AuditEvent.objects.filter(action="paperwork.create", target_id=str(doc.pk)).exists()


def test_changing_the_rule_moves_the_apply_by_dates(world, mill):
    rule = RuleFactory(lead_business_days=3)
    mill.permit_office = rule
    mill.save()
    doc = draft(world, world.office, location=mill, covers_start=START)
    paperwork.rule_update(actor=None, rule=rule, lead_business_days=5)
    doc.refresh_from_db()
    assert doc.apply_by == datetime.date(2027, 3, 3)


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        (
            {"effective_date": START, "expiry_date": START - datetime.timedelta(1)},
            "expiry_date",
            "before the effective",
        ),
        ({"covers_start": datetime.date(2026, 1, 1)}, "covers_start", "production starts"),
        ({"covers_end": datetime.date(2029, 1, 1)}, "covers_end", "production ends"),
        ({"hours_start": datetime.time(8)}, "hours_end", "both covered hours"),
        ({"activities": ["juggling"]}, "activities", "Activities are a list"),
        ({"fee": "10"}, "currency", "needs a currency"),
    ],
)
def test_bad_documents_are_refused_by_field_and_nothing_is_written(world, values, field, words):
    world.production.start_date = datetime.date(2027, 1, 1)
    world.production.end_date = datetime.date(2027, 12, 31)
    world.production.save()
    with pytest.raises(ValidationError) as caught:
        draft(world, world.office, **values)
    assert words in " ".join(caught.value.message_dict[field])
    assert not Document.objects.exists()


@pytest.mark.parametrize("who", ["head", "crew_a", "executive", "outsider", "other_office"])
def test_only_the_office_drafts(world, who):
    with pytest.raises(PermissionDenied):
        draft(world, getattr(world, who))
    assert not Document.objects.exists()


def test_the_production_manager_approves_once_and_it_is_audited(world, manager):
    doc = draft(world, world.office)
    paperwork.document_transition(actor=world.office, document=doc, status="applied")
    with pytest.raises(PermissionDenied, match="Only the production manager"):
        paperwork.document_approve(actor=world.office, document=doc)
    doc.refresh_from_db()
    assert doc.status == "applied"
    paperwork.document_approve(actor=manager, document=doc)
    doc.refresh_from_db()
    assert (doc.status, doc.approved_by) == ("approved", manager)
    event = AuditEvent.objects.get(action="paperwork.approve", target_id=str(doc.pk))
    assert event.actor == manager and event.changes["status"] == ["applied", "approved"]
    with pytest.raises(ValidationError, match="Already approved by pm"):
        paperwork.document_approve(actor=manager, document=doc)
    assert AuditEvent.objects.filter(action="paperwork.approve").count() == 1


def test_transitions_follow_the_kinds_table(world, manager):
    doc = draft(world, world.office, kind="coi", title="COI")
    with pytest.raises(ValidationError, match="Cannot go from needed to denied"):
        paperwork.document_transition(actor=world.office, document=doc, status="denied")
    with pytest.raises(ValidationError, match="Cannot go from needed to approved"):
        paperwork.document_approve(actor=manager, document=doc)
    doc.refresh_from_db()
    assert doc.status == "needed"


def test_dependency_cycles_are_refused(world):
    a = DocumentFactory(production=world.production, kind="film_permit")
    b = DocumentFactory(production=world.production, kind="coi")
    c = DocumentFactory(production=world.production, kind="location_agreement")
    paperwork.document_depend(actor=world.office, document=a, on=b)
    paperwork.document_depend(actor=world.office, document=b, on=c)
    with pytest.raises(ValidationError, match="would be a cycle"):
        paperwork.document_depend(actor=world.office, document=c, on=a)
    with pytest.raises(ValidationError, match="would be a cycle"):
        paperwork.document_depend(actor=world.office, document=a, on=a)
    assert list(c.depends_on.all()) == [] and list(a.depends_on.all()) == [b]
    other = DocumentFactory(production=world.other, kind="coi")
    with pytest.raises(ValidationError, match="another production"):
        paperwork.document_depend(actor=world.office, document=a, on=other)


def test_the_head_of_the_department_reads_its_documents_but_never_releases(world):
    from tests.support.factories import department

    lighting = department("lighting-grip")
    permit = DocumentFactory(production=world.production, kind="film_permit", department=lighting)
    release = DocumentFactory(production=world.production, kind="release", department=lighting)
    own = DocumentFactory(production=world.production, kind="release", person=world.person_a)
    seen = lambda user: set(Document.objects.for_user(user))  # noqa: E731
    assert seen(world.office) == {permit, release, own}
    assert seen(world.head) == {permit}
    assert seen(world.crew_a) == {own}
    assert seen(world.crew_b) == seen(world.executive) == seen(world.other_office) == set()


# --- the documents store ---------------------------------------------------------------------


def test_each_upload_is_a_new_version_under_a_random_name_with_its_hash(world):
    doc = draft(world, world.office)
    first = store.document_upload(actor=world.office, document=doc, filename="permit.pdf", data=PDF)
    second = store.document_upload(
        actor=world.office, document=doc, filename="permit.pdf", data=PDF + b"x"
    )
    assert (first.version, second.version) == (1, 2)
    assert first.file.name != second.file.name and "permit" not in second.file.name
    assert first.file.name.startswith("paperwork/") and first.file.name.endswith(".pdf")
    assert first.keep_until.year - first.created_at.year == 5
    with first.file.open("rb") as fh:
        assert store.sha256(fh.read()) == first.sha256


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("permit.pdf", PNG, "content does not match its extension"),
        ("photo.png", PDF, "content does not match its extension"),
        ("permit.pdf", PDF + b"<html><script>alert(1)</script>", "HTML markup"),
        ("permit.pdf", b"", "empty (0 bytes)"),
        ("permit.pdf", PDF + b"0" * 2048, "MB limit"),
        ("../../x.pdf", PDF, "holds a path"),
        ("C:\\x.pdf", PDF, "holds a path"),
        ("per\u202emit.pdf", PDF, "text-direction control"),
        ("per\x00mit.pdf", PDF, "control characters"),
        ("script.html", b"<html>", "only PDF and images"),
        ("noextension", PDF, "only PDF and images"),
    ],
)
def test_bad_uploads_are_refused_with_a_specific_message_s11(world, settings, name, data, words):
    settings.PRODOFFICE_UPLOAD_MAX_BYTES = 1024 * 1024 if "limit" not in words else 64
    doc = draft(world, world.office)
    with pytest.raises(ValidationError) as caught:
        store.document_upload(actor=world.office, document=doc, filename=name, data=data)
    assert words in " ".join(caught.value.message_dict["file"])
    assert not DocumentFile.objects.exists()


def test_disk_full_leaves_no_row_and_the_previous_version_intact_f05(world, monkeypatch):
    doc = draft(world, world.office)
    first = store.document_upload(actor=world.office, document=doc, filename="a.pdf", data=PDF)
    before = set(first.file.storage.listdir("paperwork")[1])

    def full(self, name, content, max_length=None):
        path = self.path(name)
        with open(path, "wb") as fh:  # a partial file, as a full disk leaves it
            fh.write(b"%PDF-")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "save", full)
    with pytest.raises(OSError, match="No space left"):
        store.document_upload(actor=world.office, document=doc, filename="b.pdf", data=PDF + b"2")
    assert list(DocumentFile.objects.values_list("version", flat=True)) == [1]
    assert set(first.file.storage.listdir("paperwork")[1]) == before
    with first.file.open("rb") as fh:
        assert store.sha256(fh.read()) == first.sha256


def test_a_failure_after_the_write_removes_the_new_file(world, monkeypatch):
    doc = draft(world, world.office)
    monkeypatch.setattr(store, "record", lambda **kw: (_ for _ in ()).throw(RuntimeError("db")))
    with pytest.raises(RuntimeError):
        store.document_upload(actor=world.office, document=doc, filename="a.pdf", data=PDF)
    assert not DocumentFile.objects.exists()
    storage = DocumentFile._meta.get_field("file").storage
    assert not storage.exists("paperwork") or storage.listdir("paperwork")[1] == []
