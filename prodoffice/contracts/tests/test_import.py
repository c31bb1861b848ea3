"""Contract import (CSV and XLSX) and the CLI verbs show, send, void, countersign."""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal
from io import StringIO

import openpyxl
import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from prodoffice.contracts.choices import PUBLICITY_REFUSED
from prodoffice.contracts.importer import contracts_import
from prodoffice.contracts.models import Contract
from prodoffice.contracts.tests.helpers import otp_code, sent, sign_all

pytestmark = pytest.mark.django_db

HEADER = "Type,Title,Party email,Rate,Rate unit,Currency,Start date,End date,Kit rental\n"


def _csv(world, *rows: str) -> bytes:
    return (
        (HEADER + "".join(r + "\n" for r in rows)).replace("{email}", world.person_a.email).encode()
    )


def test_a_valid_file_drafts_one_contract_per_row_linked_to_the_engagement(world):
    data = _csv(
        world,
        "crew,Deal memo – Ada,{email},450.00,day,USD,2027-03-01,2027-04-30,35",
        "crew,Second unit – Ada,{email},500,day,EUR,2027-05-01,2027-05-10,",
    )
    report = contracts_import(actor=world.office, production=world.production, file=data)
    assert report.ok and report.applied and report.imported == 2
    first, second = Contract.objects.filter(production=world.production).order_by("number")
    assert first.reference in report.references and first.status == "draft"
    assert first.rate == Decimal("450.00") and first.kit_rental == Decimal("35")
    assert first.start_date == datetime.date(2027, 3, 1)
    assert first.engagement == world.engagement_a
    assert second.currency == "EUR" and second.kit_rental is None
    party = first.parties.get()
    assert party.person == world.person_a and party.role == "crew"
    assert first.events.filter(action="created").count() == 1


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ("publicity,Press junket,{email},100,day,USD,,,", "type", PUBLICITY_REFUSED),
        ("crew,Memo,{email},100,day,XYZ,,,", "currency", "XYZ"),
        ("crew,Memo,{email},-5,day,USD,,,", "rate", "0"),
        ("crew,Memo,{email},100,day,USD,2027-05-01,2027-04-01,", "end_date", "before"),
        ("crew,Memo,nobody@example.org,100,day,USD,,,", "party_email", "nobody@example.org"),
        ("gaffer,Memo,{email},100,day,USD,,,", "type", "Unknown contract type 'gaffer'"),
        ("crew,Memo,{email},lots,day,USD,,,", "rate", "lots"),
    ],
)
def test_a_bad_row_names_its_line_and_column_and_nothing_is_saved(world, row, field, message):
    data = _csv(world, "crew,Good row,{email},450,day,USD,,,", row)
    report = contracts_import(actor=world.office, production=world.production, file=data)
    assert not report.ok and not report.applied and report.imported == 0
    errors = [e for e in report.errors if e.line == 3]
    assert errors, report.errors
    assert any(e.field == field and message in e.message for e in errors), report.errors
    assert not Contract.objects.filter(production=world.production).exists()


def test_skip_invalid_keeps_the_valid_rows_and_dry_run_keeps_nothing(world):
    data = _csv(world, "crew,Good,{email},450,day,USD,,,", "crew,Bad,{email},-1,day,USD,,,")
    dry = contracts_import(actor=world.office, production=world.production, file=data, dry_run=True)
    assert dry.imported == 1 and not dry.applied
    assert not Contract.objects.exists()
    report = contracts_import(
        actor=world.office, production=world.production, file=data, skip_invalid=True
    )
    assert report.applied and report.imported == 1 and len(report.errors) == 1
    assert list(Contract.objects.values_list("title", flat=True)) == ["Good"]


def test_xlsx_with_date_cells_imports_like_csv(world):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["type", "title", "party_email", "start_date", "end_date", "rate", "rate_unit", "currency"]
    )
    sheet.append(
        ["cast", "Performer – Ada", world.person_a.email,
         datetime.datetime(2027, 3, 1), datetime.datetime(2027, 3, 9), 1200, "week", "GBP"]
    )  # fmt: skip
    buf = io.BytesIO()
    book.save(buf)
    report = contracts_import(actor=world.office, production=world.production, file=buf.getvalue())
    assert report.ok, report.errors
    contract = Contract.objects.get()
    assert contract.contract_type == "cast" and contract.end_date == datetime.date(2027, 3, 9)
    assert contract.parties.get().role == "performer"


def test_a_file_that_is_not_a_contract_list_is_refused_with_its_columns(world):
    report = contracts_import(
        actor=world.office, production=world.production, file=b"first_name,position\nA,B\n"
    )
    assert report.errors[0].line is None and "missing column(s) type" in report.errors[0].message
    assert "unknown column(s) first_name" in report.errors[0].message


def test_only_the_office_imports(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        contracts_import(actor=world.crew_b, production=world.production, file=b"x")


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_cli_import_then_send_then_show_with_the_timeline(
    world, tmp_path, django_capture_on_commit_callbacks
):
    path = tmp_path / "deals.csv"
    path.write_bytes(_csv(world, "crew,CLI memo,{email},450,day,USD,2027-03-01,2027-04-30,"))
    out = json.loads(_run("contracts", "import", str(path), "--production", "NIGHTJAR", "--json"))
    assert out["ok"] and out["imported"] == 1
    reference = out["references"][0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent_row = json.loads(
            _run("contracts", "send", reference, "--expires", "2099-01-31", "--json")
        )
    assert sent_row["status"] == "sent"
    assert len(mail.outbox) == 2  # the link, then the access code
    shown = json.loads(_run("contracts", "show", reference.rsplit("-v", 1)[0], "--json"))
    assert shown["terms"]["rate"] == "450.00"
    assert [e["action"] for e in shown["events"]] == ["created", "sent"]
    assert shown["documents"][0]["kind"] == "original"
    text = _run("contracts", "void", reference, "--reason", "Deal fell through")
    assert "Voided" in text
    assert Contract.objects.get().status == "voided"


def test_cli_import_with_a_bad_row_exits_1_naming_the_line(world, tmp_path):
    path = tmp_path / "deals.csv"
    path.write_bytes(_csv(world, "crew,Memo,{email},-5,day,USD,,,"))
    err = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(
            "contracts", "import", str(path), "--production", "NIGHTJAR", stdout=StringIO(),
            stderr=err,
        )  # fmt: skip
    assert exc.value.returncode == 1 and "nothing imported" in str(exc.value)
    assert "line 2, rate:" in err.getvalue()


def test_cli_countersign_as_the_signatory_with_a_fresh_code(world, office_seal):
    contract = sign_all(world, sent(world))
    with pytest.raises(CommandError) as exc:
        _run("contracts", "countersign", contract.reference, "--as", world.office.username,
             "--otp", "000000")  # fmt: skip
    assert exc.value.returncode == 1
    code = otp_code(world.office)
    _run("contracts", "countersign", contract.reference, "--as", world.office.username,
         "--otp", code)  # fmt: skip
    contract.refresh_from_db()
    assert contract.status == "executed"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", "nonsense"), "Give a contract reference"),
        (("show", "NIGHTJAR-C0099"), "No contract NIGHTJAR-C0099"),
        (("void", "NIGHTJAR-C0001"), "void needs --reason"),
        (("countersign", "NIGHTJAR-C0001"), "countersign needs --as"),
        (("send", "NIGHTJAR-C0001", "--expires", "soon"), "--expires"),
        (("import",), "import needs FILE"),
    ],
)
def test_cli_verbs_refuse_bad_arguments_with_exit_2(world, args, message):
    sent(world)
    with pytest.raises(CommandError) as exc:
        _run("contracts", *args)
    assert message in str(exc.value) and exc.value.returncode == 2
