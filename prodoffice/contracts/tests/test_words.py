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
