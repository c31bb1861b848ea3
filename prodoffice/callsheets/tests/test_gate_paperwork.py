"""The publish gate reads the paperwork desk: location readiness and minors' work permits."""

from __future__ import annotations

import datetime

import pytest

from prodoffice.callsheets import gate
from prodoffice.callsheets.tests.factories import DAY1, call_day, engage_cast
from prodoffice.locations.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_a_location_without_paperwork_is_named_with_what_it_misses(world):
    board = call_day(world)
    found = gate.location_readiness(production=world.production, day=DAY1, board=board)
    assert {item.location.name for item in found} == {"Stage 1", "Stage 2"}
    assert all(item.status == "not_ready" and item.missing for item in found)
    texts = gate._readiness_warnings(world.production, DAY1, board)
    assert any(t.startswith("Stage 1: not ready (") for t in texts)


def test_a_minor_needs_a_valid_work_permit_naming_them(world):
    call_day(world)
    birth = DAY1 - datetime.timedelta(days=365 * 12)
    kid = engage_cast(world.production, "CAT", first_name="Cat", last_name="Young",
                      date_of_birth=birth)  # fmt: skip
    assert gate.minor_permit_status(engagement=kid, day=DAY1) == "missing"
    comp = DocumentFactory(production=world.production, kind="workers_comp", title="WC policy")
    permit = DocumentFactory(
        production=world.production, kind="minor_permit", title="Permit", person=kid.person,
        effective_date=DAY1 - datetime.timedelta(days=10), expiry_date=DAY1 + datetime.timedelta(9),
    )  # fmt: skip
    status = gate.minor_permit_status(engagement=kid, day=DAY1)
    assert status.startswith("not valid (") and "workers" in status.lower()
    permit.depends_on.add(comp)
    assert gate.minor_permit_status(engagement=kid, day=DAY1) == "valid"
    late = DAY1 + datetime.timedelta(days=30)
    assert "expired" in gate.minor_permit_status(engagement=kid, day=late)
