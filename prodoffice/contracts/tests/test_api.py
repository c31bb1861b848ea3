"""The contracts API: drafts, freezing after send (E-11), confidentiality, Idempotency-Key (F-08),
replays of sign and countersign (E-13)."""

from __future__ import annotations

import hashlib

import pytest
from django.core import mail
from django.test import TestCase

from prodoffice.contracts.choices import PUBLICITY_REFUSED
from prodoffice.contracts.models import Contract
from prodoffice.contracts.tests.helpers import draft, otp_code, sent, sign_all

pytestmark = pytest.mark.django_db
URL = "/api/v1/contracts/"


def _url(contract, verb: str = "") -> str:
    return f"{URL}{contract.public_id}/" + (f"{verb}/" if verb else "")


def test_office_drafts_a_contract_with_terms(world, api_for):
    body = {
        "production": "NIGHTJAR",
        "contract_type": "crew",
        "title": "Deal memo – Bo",
        "rate": "300.00",
        "rate_unit": "day",
        "currency": "EUR",
        "start_date": "2027-01-04",
        "end_date": "2027-02-05",
    }
    r = api_for(world.office).post(URL, body, format="json")
    assert r.status_code == 201, r.content
    assert r.data["status"] == "draft" and r.data["reference"] == "NIGHTJAR-C0001-v1"
    assert r.data["terms"]["rate"] == "300.00" and r.data["terms"]["currency"] == "EUR"


@pytest.mark.parametrize(
    ("change", "field", "fragment"),
    [
        ({"contract_type": "publicity"}, "contract_type", PUBLICITY_REFUSED),
        ({"currency": "ZZZ"}, "currency", "ISO 4217"),
        ({"rate": "-5"}, "rate", "greater than or equal to 0"),
        ({"end_date": "2026-12-01"}, "end_date", "before the start date"),
    ],
)
def test_bad_drafts_are_refused_naming_the_field(world, api_for, change, field, fragment):
    body = {
        "production": "NIGHTJAR",
        "contract_type": "crew",
        "title": "X",
        "rate": "300.00",
        "rate_unit": "day",
        "currency": "EUR",
        "start_date": "2027-01-04",
        **change,
    }
    r = api_for(world.office).post(URL, body, format="json")
    assert r.status_code == 400
    assert any(fragment in m for m in r.json()["error"]["fields"][field]), r.json()
    assert not Contract.objects.exists()


def test_e11_after_send_terms_and_parties_answer_409(world, api_for):
    contract = sent(world)
    api = api_for(world.office)
    r = api.patch(_url(contract), {"rate": "1.00"}, format="json")
    assert r.status_code == 409
    assert "change by a new version" in r.json()["error"]["message"]
    r = api.post(
        _url(contract, "parties"),
        {"person": str(world.person_b.public_id), "role": "crew"},
        format="json",
    )
    assert r.status_code == 409
    party = contract.parties.first()
    assert api.delete(f"{_url(contract)}parties/{party.public_id}/").status_code == 409
    contract.refresh_from_db()
    assert contract.rate == 450 and contract.parties.count() == 2


def test_mass_assignment_of_status_is_ignored(world, api_for):
    contract = draft(world)
    r = api_for(world.office).patch(
        _url(contract), {"status": "executed", "title": "Renamed"}, format="json"
    )
    assert r.status_code == 200 and r.data["status"] == "draft"


def test_terms_are_for_the_office_and_the_parties_only(world, api_for):
    contract = draft(world)
    seen = {}
    for name in ("office", "crew_a", "head", "crew_b", "executive", "other_office"):
        r = api_for(getattr(world, name)).get(_url(contract))
        seen[name] = (r.status_code, r.data.get("terms") if r.status_code == 200 else None)
    assert seen["office"][0] == 200 and seen["office"][1]["rate"] == "450.00"
    assert seen["crew_a"][0] == 200 and seen["crew_a"][1]["rate"] == "450.00"
    # The head of Lighting & Grip sees that crew A's memo exists and its status, not its terms.
    assert seen["head"] == (200, None)
    assert seen["crew_b"][0] == seen["executive"][0] == seen["other_office"][0] == 404
    r = api_for(world.head).get(URL)
    assert "450.00" not in r.content.decode()


def test_studio_executives_get_counts_and_totals(world, api_for):
    draft(world)
    draft(world, rate="100.00")
    r = api_for(world.executive).get(f"{URL}totals/?production=NIGHTJAR")
    assert r.status_code == 200
    assert r.data["count"] == 2 and r.data["by_status"] == {"draft": 2}
    # Two contracts in a bucket would reveal each other's rate: withheld from executives.
    assert r.data["rate_totals"] == {} and r.data["withheld"] == 1
    draft(world, rate="50.00")
    r = api_for(world.executive).get(f"{URL}totals/?production=NIGHTJAR")
    assert r.data["rate_totals"] == {"USD": {"day": "600.00"}} and r.data["withheld"] == 0
    office = api_for(world.office).get(f"{URL}totals/?production=NIGHTJAR").data
    assert office["rate_totals"] == {"USD": {"day": "600.00"}}
    assert api_for(world.crew_a).get(f"{URL}totals/?production=NIGHTJAR").status_code == 403
    assert api_for(world.outsider).get(f"{URL}totals/?production=NIGHTJAR").status_code == 404


def test_the_full_flow_through_the_api(world, api_for, office_seal):
    contract = draft(world, link_party=False)
    office, ada = api_for(world.office), api_for(world.crew_a)
    mail.outbox = []
    with TestCase.captureOnCommitCallbacks(execute=True):
        r = office.post(_url(contract, "send"), {}, format="json")
    assert r.status_code == 200 and r.data["status"] == "sent"
    assert ada.get(_url(contract, "document")).status_code == 409  # consent first
    assert ada.post(_url(contract, "consent"), {}, format="json").status_code == 200
    doc = ada.get(_url(contract, "document"))
    assert doc.status_code == 200 and doc["Content-Type"] == "application/pdf"
    shown = hashlib.sha256(doc.content).hexdigest()
    assert doc["X-Content-SHA256"] == shown  # E-15: the bytes served are the bytes hashed
    r = ada.post(
        _url(contract, "sign"),
        {"typed_name": "Ada Canary", "document_sha256": shown},
        format="json",
    )
    assert r.status_code == 200 and r.data["status"] == "signed"
    r = office.post(
        _url(contract, "countersign"), {"otp_code": otp_code(world.office)}, format="json"
    )
    assert r.status_code == 200, r.content
    assert r.data["status"] == "executed"
    final = office.get(_url(contract, "document"))
    assert hashlib.sha256(final.content).hexdigest() == final["X-Content-SHA256"]
    assert final["X-Content-SHA256"] == contract.documents.get(kind="final").sha256


def test_countersign_before_all_parties_answers_409(world, api_for):
    contract = sent(world)
    r = api_for(world.office).post(
        _url(contract, "countersign"), {"otp_code": otp_code(world.office)}, format="json"
    )
    assert r.status_code == 409
    assert "countersigns last" in r.json()["error"]["message"]


def test_f08_same_key_same_body_replays_other_body_is_422(world, api_for):
    contract = draft(world)
    api = api_for(world.office)
    headers = {"HTTP_IDEMPOTENCY_KEY": "void-42"}
    first = api.post(_url(contract, "void"), {"reason": "Cancelled"}, format="json", **headers)
    again = api.post(_url(contract, "void"), {"reason": "Cancelled"}, format="json", **headers)
    assert first.status_code == again.status_code == 200
    assert again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert contract.events.filter(action="voided").count() == 1
    other = api.post(_url(contract, "void"), {"reason": "Other"}, format="json", **headers)
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    # Without the key, the same request is a second attempt: "Already voided" (409).
    assert api.post(_url(contract, "void"), {"reason": "x"}, format="json").status_code == 409


def test_e13_sign_replayed_with_the_key_or_repeated_gives_one_event(world, api_for):
    contract = sent(world, link_party=False)
    ada = api_for(world.crew_a)
    ada.post(_url(contract, "consent"), {}, format="json")
    body, key = {"typed_name": "Ada Canary"}, {"HTTP_IDEMPOTENCY_KEY": "sign-1"}
    first = ada.post(_url(contract, "sign"), body, format="json", **key)
    replay = ada.post(_url(contract, "sign"), body, format="json", **key)
    repeat = ada.post(_url(contract, "sign"), body, format="json")
    assert first.status_code == replay.status_code == 200
    assert replay.json() == first.json()
    assert repeat.status_code == 409 and repeat.json()["error"]["message"] == "Already signed."
    assert contract.events.filter(action="signed").count() == 1


def test_e13_countersign_replayed_with_the_key(world, api_for, office_seal):
    contract = sign_all(world, sent(world))
    office, key = api_for(world.office), {"HTTP_IDEMPOTENCY_KEY": "cs-1"}
    body = {"otp_code": otp_code(world.office)}
    first = office.post(_url(contract, "countersign"), body, format="json", **key)
    replay = office.post(_url(contract, "countersign"), body, format="json", **key)
    assert first.status_code == replay.status_code == 200
    assert replay["Idempotent-Replayed"] == "true"
    assert contract.events.filter(action="countersigned").count() == 1


def test_crew_cannot_send_or_countersign(world, api_for):
    contract = draft(world)
    crew = api_for(world.crew_a)
    assert crew.post(_url(contract, "send"), {}, format="json").status_code == 403
    r = crew.post(_url(contract, "countersign"), {"otp_code": "123456"}, format="json")
    assert r.status_code == 403
    contract.refresh_from_db()
    assert contract.status == "draft"


# --- signing links (E-14) -------------------------------------------------------------------------


def test_a_party_without_an_account_signs_through_the_link_api(world, client):
    from prodoffice.contracts.tests.helpers import links_from_mail

    contract = sent(world)
    token, code = links_from_mail()["lou@example.org"]
    link = {"token": token, "code": code}
    post = lambda verb, body: client.post(  # noqa: E731
        f"/api/v1/signing/{verb}/", body, content_type="application/json"
    )
    assert post("document", link).status_code == 409  # consent first
    r = post("consent", link)
    assert r.status_code == 200 and r.json()["consent_version"] == "1"
    doc = post("document", link)
    assert doc.status_code == 200 and doc["Content-Type"] == "application/pdf"
    shown = hashlib.sha256(doc.content).hexdigest()
    assert shown == doc["X-Content-SHA256"] == r.json()["document_sha256"]
    r = post("sign", {**link, "typed_name": "Lou Loanout", "document_sha256": shown})
    assert r.status_code == 200 and r.json()["party_status"] == "signed"
    assert post("sign", {**link, "typed_name": "Lou Loanout"}).status_code == 410  # used
    assert post("consent", {**link, "token": "x" * 43}).status_code == 404
    party = contract.parties.get(email="lou@example.org")
    assert party.auth_method == "link" and party.signed_sha256 == shown


def test_wrong_link_codes_answer_403_then_the_link_is_gone(world, client):
    from prodoffice.contracts.tests.helpers import links_from_mail

    sent(world)
    token, code = links_from_mail()["lou@example.org"]
    wrong = "00000000" if code != "00000000" else "11111111"
    statuses = [
        client.post(
            "/api/v1/signing/consent/",
            {"token": token, "code": wrong},
            content_type="application/json",
        ).status_code
        for _ in range(6)
    ]
    assert statuses == [403] * 5 + [410]
