"""CLI: `contracts list`, `verify-contract`."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from prodoffice.contracts.choices import PUBLICITY_REFUSED
from prodoffice.contracts.tests.helpers import draft, otp_code, sent, sign_all

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_contracts_list_filters_by_status_and_prints_json(world):
    draft(world)
    sent(world)
    rows = json.loads(_run("contracts", "list", "--production", "nightjar", "--json"))
    assert [r["status"] for r in rows] == ["draft", "sent"]
    assert "rate" not in rows[0]  # the CLI list carries no terms
    text = _run("contracts", "list", "--production", "NIGHTJAR", "--status", "sent")
    assert "NIGHTJAR-C0002-v1" in text and "NIGHTJAR-C0001-v1" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--production", "NOPE"), 'Unknown production code "NOPE"'),
        (("--production", "NIGHTJAR", "--status", "done"), "Unknown status 'done'"),
        (("--production", "NIGHTJAR", "--type", "publicity"), PUBLICITY_REFUSED),
    ],
)
def test_contracts_list_refuses_bad_arguments_clearly(world, args, message):
    with pytest.raises(CommandError) as exc:
        _run("contracts", "list", *args)
    assert message in str(exc.value) and exc.value.returncode == 2


def test_verify_contract_checks_the_seal_and_the_stored_hash(world, office_seal, tmp_path):
    from prodoffice.contracts.services import countersign

    contract = sign_all(world, sent(world))
    countersign.contract_countersign(
        actor=world.office, contract=contract, otp_code=otp_code(world.office)
    )
    data = contract.documents.get(kind="final").file.read()
    good = tmp_path / "good.pdf"
    good.write_bytes(data)
    result = json.loads(_run("verify_contract", str(good), "--json"))
    assert result["ok"] is True and result["stored_hash_checked"] is True
    assert result["contract_ref"] == contract.reference
    # Junk after %%EOF: pyHanko still accepts the signature, the stored hash does not.
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(data + b"\n% appended\n")
    with pytest.raises(CommandError) as exc:
        _run("verify_contract", str(bad))
    assert exc.value.returncode == 1 and "modified" in str(exc.value)


def test_contracts_expire_runs_the_sweep(world):
    import datetime

    from django.utils import timezone

    from prodoffice.contracts.models import Contract

    contract = sent(world)
    Contract.objects.filter(pk=contract.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert json.loads(_run("contracts", "expire", "--json")) == {"expired": 1}
    contract.refresh_from_db()
    assert contract.status == "expired"


def test_verify_contract_names_a_missing_file(world):
    with pytest.raises(CommandError) as exc:
        _run("verify_contract", "/nonexistent/x.pdf")
    assert "No such file" in str(exc.value)
