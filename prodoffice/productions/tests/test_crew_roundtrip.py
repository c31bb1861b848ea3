"""What export-crew writes, import-crew reads: every format, edited and imported again."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from prodoffice.people.models import Person
from prodoffice.productions.models import Engagement
from prodoffice.productions.services.imports import crew_import

pytestmark = pytest.mark.django_db


def _export(tmp_path, fmt: str) -> bytes:
    target = tmp_path / f"crew.{fmt}"
    call_command("export_crew", "--production", "NIGHTJAR", "--format", fmt, "-o", str(target))
    return target.read_bytes()


def _edit(data: bytes, fmt: str, email: str, changes: dict[str, str]) -> bytes:
    """Change one person's row as a spreadsheet user would, by header name."""
    if fmt == "json":
        records = json.loads(data)
        for r in records:
            if r["email"] == email:
                r.update({k.lower().replace(" ", "_"): v for k, v in changes.items()})
        return json.dumps(records).encode()
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    else:
        rows = [list(r) for r in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]
    header = rows[0]
    for row in rows[1:]:
        if row[header.index("E-mail")] == email:
            for name, value in changes.items():
                row[header.index(name)] = value
    if fmt == "csv":
        buf = io.StringIO()
        csv.writer(buf).writerows(rows)
        return buf.getvalue().encode("utf-8-sig")
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_an_exported_file_edited_and_imported_again_updates_the_same_engagements(
    world, tmp_path, fmt
):
    ada = world.engagement_a.person
    ada.first_name = "=HYPERLINK(1)"  # the formula guard writes '=HYPERLINK(1)
    ada.phone = "+12135550177"
    ada.save()
    data = _export(tmp_path, fmt)
    before = set(Engagement.objects.values_list("pk", flat=True))
    people = Person.objects.count()
    data = _edit(data, fmt, ada.email, {"Rate": "480.00", "Position": "Dolly Grip"})

    report = crew_import(actor=None, production=world.production, file=data)

    assert report.ok and report.applied, report.errors
    assert (report.engagements_created, report.people_created) == (0, 0)
    assert report.imported == report.rows == 2
    assert set(Engagement.objects.values_list("pk", flat=True)) == before
    assert Person.objects.count() == people
    engagement = Engagement.objects.get(pk=world.engagement_a.pk)
    assert (engagement.rate, engagement.position.title) == (Decimal("480.00"), "Dolly Grip")
    ada.refresh_from_db()
    assert (ada.first_name, ada.phone) == ("=HYPERLINK(1)", "+12135550177")
    outcomes = {o.email: o.outcome for o in report.outcomes}
    assert outcomes == {ada.email: "updated", world.engagement_b.person.email: "unchanged"}


def test_the_export_header_is_what_the_import_reads(world, tmp_path):
    header = _export(tmp_path, "csv").decode("utf-8-sig").splitlines()[0]
    assert header.startswith("First name,Last name,Position,Department,Status,E-mail")
    assert header.endswith("Currency,Engagement ID")


def test_the_engagement_id_may_change_the_email_and_must_be_this_productions(world, tmp_path):
    data = _edit(
        _export(tmp_path, "csv"), "csv", world.engagement_b.person.email, {"E-mail": "bo@new.test"}
    )
    report = crew_import(actor=None, production=world.production, file=data)
    assert report.ok, report.errors
    world.engagement_b.person.refresh_from_db()
    assert world.engagement_b.person.email == "bo@new.test"

    stranger = str(world.other_engagement.public_id)
    data = _edit(data, "csv", "bo@new.test", {"Engagement ID": stranger})
    report = crew_import(actor=None, production=world.production, file=data)
    assert not report.applied
    assert [(e.field, e.column) for e in report.errors] == [("engagement_id", "O")]
    assert "is not an engagement of NIGHTJAR" in report.errors[0].message
