"""The pure rules: apply-by arithmetic in business days, and readiness for every combination of
a missing, pending, expiring, uncovered (hours, activities) or dependent piece. No database."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from prodoffice.locations.models import Document, JurisdictionRule, Location
from prodoffice.locations.readiness import AT_RISK, NOT_READY, READY, Need, evaluate
from prodoffice.locations.rules import apply_window, business_days_before

DAY = datetime.date(2027, 3, 10)  # a Wednesday
TODAY = datetime.date(2027, 2, 1)
T = datetime.time


# --- apply-by arithmetic ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "lead", "holidays", "expected"),
    [
        (datetime.date(2027, 3, 10), 3, [], datetime.date(2027, 3, 5)),  # Wed - 3 = Fri
        (datetime.date(2027, 3, 8), 1, [], datetime.date(2027, 3, 5)),  # Mon - 1 skips weekend
        (datetime.date(2027, 3, 8), 3, ["2027-03-04"], datetime.date(2027, 3, 2)),  # + holiday
        (datetime.date(2027, 3, 7), 1, [], datetime.date(2027, 3, 5)),  # from a Sunday
        (datetime.date(2027, 3, 10), 0, [], datetime.date(2027, 3, 10)),
        (datetime.date(2027, 12, 27), 5, ["2027-12-24"], datetime.date(2027, 12, 17)),
    ],
)
def test_apply_by_counts_business_days_across_weekends_and_holidays(
    first, lead, holidays, expected
):
    holiday_dates = frozenset(datetime.date.fromisoformat(h) for h in holidays)
    assert business_days_before(first, lead, holiday_dates) == expected
    apply_from, apply_by = apply_window(
        first, lead_business_days=lead, max_days_ahead=30, holidays=holidays
    )
    assert apply_by == expected
    assert apply_from == first - datetime.timedelta(days=30)


# --- readiness -------------------------------------------------------------------------------

_ids = iter(range(1, 10_000))


def place(kind="practical", rule=None) -> Location:
    location = Location(pk=next(_ids), name="Old Mill", kind=kind)
    location.permit_office = rule
    return location


def doc(location, kind, *, deps=(), **values) -> Document:
    values = {
        "status": "approved",
        "effective_date": datetime.date(2027, 1, 1),
        "expiry_date": datetime.date(2027, 12, 31),
        **values,
    }
    d = Document(pk=next(_ids), kind=kind, title=f"{kind} doc", **values)
    d.location_id = location.pk if location is not None else None
    d.dep_ids = [x.pk for x in deps]
    return d


def full_set(location, **permit):
    """Agreement, COI and a filming permit depending on the COI."""
    coi = doc(location, "coi", insurance_limit=Decimal("2000000"), currency="USD")
    permit = doc(location, "film_permit", deps=[coi], activities=["filming"], **permit)
    return [doc(location, "location_agreement"), coi, permit]


def run(needs, documents, today=TODAY):
    return evaluate(needs, documents, today=today, warn_days=14)


def test_a_day_with_agreement_insurance_and_permit_is_ready():
    mill = place()
    [result] = run([Need(DAY, mill)], full_set(mill))
    assert (result.status, result.missing) == (READY, [])
    assert result.as_dict() == {
        "date": "2027-03-10",
        "location": "Old Mill",
        "status": "ready",
        "missing": [],
    }


@pytest.mark.parametrize("left_out", ["location_agreement", "coi", "film_permit"])
def test_each_missing_piece_makes_the_day_not_ready_and_is_named(left_out):
    mill = place()
    documents = [d for d in full_set(mill) if d.kind != left_out]
    [result] = run([Need(DAY, mill)], documents)
    assert result.status == NOT_READY
    words = {"location_agreement": "agreement", "coi": "insurance", "film_permit": "permit"}
    assert any(words[left_out] in m for m in result.missing), result.missing


def test_a_stage_needs_no_film_permit_for_filming():
    stage = place(kind="stage")
    documents = [d for d in full_set(stage) if d.kind != "film_permit"]
    assert run([Need(DAY, stage)], documents)[0].status == READY


def test_expiring_within_the_warning_days_puts_the_day_at_risk():
    mill = place()
    documents = full_set(mill)
    documents[0].expiry_date = TODAY + datetime.timedelta(days=20)
    soon = TODAY + datetime.timedelta(days=5)
    [result] = run([Need(soon, mill)], documents, today=TODAY + datetime.timedelta(days=10))
    assert result.status == AT_RISK
    assert "expires on" in result.missing[0]


def test_an_expired_piece_makes_the_day_not_ready():
    mill = place()
    documents = full_set(mill)
    documents[0].expiry_date = datetime.date(2027, 3, 1)
    [result] = run([Need(DAY, mill)], documents)
    assert result.status == NOT_READY and "expired on Mon 1 Mar 2027" in result.missing[0]


def test_uncovered_hours_make_the_day_not_ready():
    mill = place()
    documents = full_set(mill, hours_start=T(7), hours_end=T(19))
    inside = Need(DAY, mill, start=T(8), end=T(18))
    late = Need(DAY, mill, start=T(8), end=T(23))
    ok, bad = run([inside, late], documents)
    assert ok.status == READY
    assert bad.status == NOT_READY and "07:00\u201319:00, not 08:00\u201323:00" in bad.missing[0]


def test_an_uncovered_activity_makes_the_day_not_ready_until_a_permit_covers_it():
    mill = place()
    need = Need(DAY, mill, activities=frozenset({"filming", "drone"}))
    [result] = run([need], full_set(mill))
    assert result.status == NOT_READY and "drone" in result.missing[0]
    covered = full_set(mill)
    covered[2].activities = ["filming", "drone"]
    assert run([need], covered)[0].status == READY


def test_minors_need_a_minors_permit_that_needs_workers_compensation():
    mill = place()
    need = Need(DAY, mill, activities=frozenset({"filming", "minors"}))
    comp = doc(None, "workers_comp")
    minor = doc(None, "minor_permit", deps=[comp])
    assert run([need], full_set(mill))[0].status == NOT_READY
    assert run([need], [*full_set(mill), minor, comp])[0].status == READY
    alone = doc(None, "minor_permit")
    [result] = run([need], [*full_set(mill), alone])
    assert result.status == NOT_READY
    assert "no workers' compensation policy linked" in result.missing[0]


def test_a_permit_is_not_valid_while_its_insurance_is_not():
    mill = place()
    documents = full_set(mill)
    documents[1].status = "withdrawn"
    [result] = run([Need(DAY, mill)], documents)
    assert result.status == NOT_READY
    assert any("depends on" in m for m in result.missing)


@pytest.mark.parametrize(
    ("status", "apply_by", "words"),
    [
        ("applied", None, "awaiting approval"),
        ("needed", datetime.date(2027, 3, 5), "still needed (apply by Fri 5 Mar 2027)"),
        ("needed", datetime.date(2027, 1, 20), "apply-by date Wed 20 Jan 2027 passed"),
    ],
)
def test_a_piece_being_obtained_puts_the_day_at_risk(status, apply_by, words):
    mill = place()
    documents = full_set(mill, status=status)
    documents[2].apply_by = apply_by
    [result] = run([Need(DAY, mill)], documents)
    assert result.status == AT_RISK and words in result.missing[0]


def test_insurance_below_the_permit_offices_limit_or_without_its_wording_is_missing():
    rule = JurisdictionRule(
        name="City", required_limit=Decimal("5000000"), currency="USD", required_wording="The City"
    )
    mill = place(rule=rule)
    [result] = run([Need(DAY, mill)], full_set(mill))
    assert result.status == NOT_READY and "below the 5000000" in " ".join(result.missing)
    documents = full_set(mill)
    documents[1].insurance_limit = Decimal("5000000")
    [result] = run([Need(DAY, mill)], documents)
    assert "wording" in " ".join(result.missing)
    documents[1].insured_wording = "the  city is named as additional insured"
    assert run([Need(DAY, mill)], documents)[0].status == READY


def test_prep_and_strike_days_need_no_filming_permit():
    mill = place()
    documents = [d for d in full_set(mill) if d.kind != "film_permit"]
    prep = Need(DAY, mill, kind="prep", activities=frozenset())
    assert run([prep], documents)[0].status == READY


def test_a_minors_permit_is_named_by_its_kind_never_by_its_title():
    mill = place()
    need = Need(DAY, mill, activities=frozenset({"filming", "minors"}))
    minor = doc(None, "minor_permit", status="denied")
    minor.title = "Work permit for Jamie Doe, 9"
    [result] = run([need], [*full_set(mill), minor])
    assert result.status == NOT_READY
    assert "minor's work permit is denied" in result.missing[0] and "Jamie" not in result.missing[0]
