"""Contracts read in words: times in the production's zone with its abbreviation, chain events
as sentences, labels instead of codes (pages and the CLI's human output; JSON keeps codes)."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from prodoffice.contracts.tests.helpers import sent

pytestmark = pytest.mark.django_db

ZONED = re.compile(r"\w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2} (PST|PDT|CET|CEST)")


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def berlin(world):
    world.production.time_zone = "Europe/Berlin"
    world.production.save(update_fields=["time_zone"])
    return world


def test_contract_show_reads_in_words_and_json_keeps_machine_values(berlin):
    contract = sent(berlin)
    text = _run("contracts", "show", contract.reference, "--production", "NIGHTJAR")
    assert "[Sent]" in text and "sent the contract for signature." in text
    assert re.search(r"#1 \w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2} CES?T  ", text), text
    assert not re.search(r"\b(True|False|None)\b|UTC|\bsent\b  ", text)
    data = json.loads(
        _run("contracts", "show", contract.reference, "--production", "NIGHTJAR", "--json")
    )
    assert data["status"] == "sent" and data["events"][0]["at"].endswith("+00:00")


def test_contract_page_shows_every_time_in_the_production_zone(berlin, office):
    contract = sent(berlin)
    html = office.get(f"/p/NIGHTJAR/contracts/{contract.public_id}/").content.decode()
    assert " UTC" not in html
    assert ZONED.search(html.split('id="contract-timeline"')[1])
    assert "sent the contract for signature." in html


def test_cli_signing_deadline_is_the_end_of_the_day_in_the_production_zone(berlin):
    import datetime

    from django.test import TestCase

    from prodoffice.contracts.tests.helpers import draft

    contract = draft(berlin)
    with TestCase.captureOnCommitCallbacks(execute=True):
        _run("contracts", "send", contract.reference, "--production", "NIGHTJAR",
             "--expires", "2030-07-01")  # fmt: skip
    contract.refresh_from_db()
    # 23:59 in Berlin in summer (CEST, UTC+2) is 21:59 UTC.
    assert contract.expires_at == datetime.datetime(2030, 7, 1, 21, 59, tzinfo=datetime.UTC)


def test_deadline_typed_on_the_web_is_read_in_the_production_zone(berlin, office):
    import datetime

    from django.test import TestCase

    from prodoffice.contracts.tests.helpers import draft

    contract = draft(berlin)
    url = f"/p/NIGHTJAR/contracts/{contract.public_id}/"
    page = office.get(url).content.decode()
    assert "Signing deadline" in page and "(UTC)" not in page
    with TestCase.captureOnCommitCallbacks(execute=True):
        office.post(url, {"action": "send", "expires_at": "2030-01-15T18:00"})
    contract.refresh_from_db()
    # 18:00 in Berlin in winter (CET, UTC+1) is 17:00 UTC.
    assert contract.expires_at == datetime.datetime(2030, 1, 15, 17, 0, tzinfo=datetime.UTC)


def test_the_certificate_of_completion_reads_times_in_the_production_zone_then_utc():
    from datetime import UTC, datetime

    from prodoffice.contracts.sealing.evidence import Completion, PartyEvidence
    from prodoffice.contracts.sealing.seal import completion_context

    signed = datetime(2027, 4, 5, 14, 30, 12, tzinfo=UTC)
    party = PartyEvidence(name="Ada", email="ada@example.org", role="Crew",
                          auth_method="Login", consent_version="1", consent_sha256="ab",
                          viewed_at=signed, signed_at=signed, ip="", user_agent="",
                          typed_name="Ada")  # fmt: skip
    completion = Completion(
        contract_ref="HARBOR-C-0001",
        number="C-0001 v1",
        title="Deal memo",
        production="Harbor Lights",
        parties=[party],
        countersigned_by="Office",
        countersigned_at=signed,
        original_sha256="00",
        events=[(signed, "Signed", "Ada")],
        time_zone="America/Los_Angeles",
    )
    context = completion_context(completion)
    expected = "Mon 5 Apr 2027, 07:30 PDT (2027-04-05 14:30:12 UTC)"
    assert context["countersigned_at"] == expected
    assert context["parties"][0]["signed_at"] == expected
    assert context["events"][0][0] == expected
    utc_only = completion_context(Completion(**{**vars(completion), "time_zone": "UTC"}))
    assert utc_only["countersigned_at"] == "2027-04-05 14:30:12 UTC"
