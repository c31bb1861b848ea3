"""The contract desk's forms and actions: drafts with bad input, edit after send, parties, the
office actions on a contract's page, and bulk jobs (send, countersign) with a failing contract."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from prodoffice.contracts.choices import PUBLICITY_REFUSED
from prodoffice.contracts.models import BulkJob, Contract
from prodoffice.contracts.services import bulk as bulk_services
from prodoffice.contracts.services import drafting, signing
from prodoffice.contracts.tests.conftest import _rsa_key, office_seal  # noqa: F401 (fixtures)
from prodoffice.contracts.tests.helpers import draft, login_access, otp_code, sent

pytestmark = pytest.mark.django_db

CODE = "NIGHTJAR"
GOOD = {"contract_type": "crew", "title": "Deal memo", "rate": "450", "rate_unit": "day",
        "currency": "USD", "start_date": "2027-03-01", "end_date": "2027-04-30"}  # fmt: skip


def new_url() -> str:
    return reverse("web:contract_new", args=[CODE])


def page_url(contract) -> str:
    return reverse("web:contract", args=[CODE, contract.public_id])


def signed(world) -> Contract:
    """Sent to crew A alone, who signs by login: awaiting the countersignature."""
    contract = sent(world, link_party=False)
    ada = contract.parties.get()
    for step in (signing.party_consent, signing.party_view):
        step(access=login_access(world.crew_a), party=ada)
    signing.party_sign(access=login_access(world.crew_a), party=ada, typed_name="Ada Canary")
    contract.refresh_from_db()
    return contract


# --- drafting ----------------------------------------------------------------------------------


def test_create_a_draft_and_land_on_its_page(world, office):
    answer = office.post(new_url(), GOOD)
    contract = Contract.objects.get()
    assert answer.status_code == 302 and answer["Location"] == page_url(contract)
    assert contract.status == "draft" and contract.rate == 450
    assert contract.created_by == world.office


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"rate": "-5"}, "rate", "greater than or equal to 0"),
        ({"currency": "XYZ"}, "currency", "XYZ"),
        ({"end_date": "2027-02-01"}, "end_date", "The end date is before the start date."),
        ({"contract_type": "publicity"}, "contract_type", PUBLICITY_REFUSED),
    ],
)
def test_bad_input_is_named_by_field_and_nothing_is_saved(world, office, change, field, message):
    answer = office.post(new_url(), {**GOOD, **change})
    assert answer.status_code == 200
    form = answer.context["form"]
    assert any(message in e for e in form.errors[field]), form.errors
    assert message in answer.content.decode().replace("&#x27;", "'")
    assert 'class="alert alert-danger error-summary"' in answer.content.decode()
    assert not Contract.objects.exists()


def test_only_the_office_drafts(world, client_for):
    for user in (world.head, world.executive, world.crew_a):
        assert client_for(user).post(new_url(), GOOD).status_code == 403
    assert client_for(world.outsider).get(new_url()).status_code == 404
    assert not Contract.objects.exists()


def test_edit_a_draft(world, office):
    contract = draft(world, link_party=False)
    url = reverse("web:contract_edit", args=[CODE, contract.public_id])
    assert b'id="contract-submit"' in office.get(url).content
    answer = office.post(url, {**GOOD, "title": "Renamed", "rate": "500"})
    assert answer.status_code == 302
    contract.refresh_from_db()
    assert contract.title == "Renamed" and contract.rate == 500


def test_edit_after_send_is_refused_in_the_ui(world, office):
    """E-11, UI side: the page says the terms are frozen, and a POST changes nothing."""
    contract = sent(world, link_party=False)
    url = reverse("web:contract_edit", args=[CODE, contract.public_id])
    page = office.get(url)
    assert b'id="contract-frozen"' in page.content and b'id="contract-submit"' not in page.content
    assert b'id="edit-contract"' not in office.get(page_url(contract)).content
    answer = office.post(url, {**GOOD, "title": "Sneaky", "rate": "1"})
    assert answer.status_code == 200
    assert drafting.FROZEN in answer.content.decode().replace("&#x27;", "'")
    contract.refresh_from_db()
    assert contract.title != "Sneaky" and contract.rate == 450


# --- parties and actions -----------------------------------------------------------------------


def act(client, contract, action, **data):
    return client.post(page_url(contract), {"action": action, **data})


def test_add_and_remove_a_party(world, office):
    contract = drafting.contract_create(
        actor=world.office, production=world.production, contract_type="crew", title="Memo"
    )
    answer = act(office, contract, "party_add", person=world.person_b.pk, role="crew",
                 email="bo@example.org")  # fmt: skip
    assert answer.status_code == 302
    party = contract.parties.get()
    assert party.email == "bo@example.org"
    again = act(office, contract, "party_add", person=world.person_b.pk, role="crew",
                email="bo@example.org")  # fmt: skip
    assert "is already a party of this contract" in again.content.decode()
    assert contract.parties.count() == 1
    assert act(office, contract, "party_remove", party=party.public_id).status_code == 302
    assert not contract.parties.exists()


def test_send_then_void_from_the_contract_page(world, office, django_capture_on_commit_callbacks):
    contract = draft(world, link_party=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert act(office, contract, "send", expires_at="").status_code == 302
    contract.refresh_from_db()
    assert contract.status == "sent" and contract.documents.count() == 1
    refused = act(office, contract, "void", reason="")
    assert refused.status_code == 200 and 'id="void-errors"' in refused.content.decode()
    contract.refresh_from_db()
    assert contract.status == "sent"
    assert act(office, contract, "void", reason="Recast").status_code == 302
    contract.refresh_from_db()
    assert contract.status == "voided"
    assert contract.events.filter(action="voided", data__reason="Recast").exists()


def test_send_without_parties_shows_the_services_refusal(world, office):
    contract = drafting.contract_create(
        actor=world.office, production=world.production, contract_type="crew", title="Memo"
    )
    answer = act(office, contract, "send", expires_at="")
    html = answer.content.decode()
    assert answer.status_code == 200 and "Add at least one party before sending." in html
    assert 'id="send-errors"' in html
    contract.refresh_from_db()
    assert contract.status == "draft" and not contract.documents.exists()


def test_conflicts_are_shown_as_messages_and_change_nothing(world, office):
    contract = draft(world, link_party=False)
    answer = act(office, contract, "new_version")
    assert "A draft is edited directly" in answer.content.decode()
    contract.refresh_from_db()
    assert contract.version == 1 and contract.status == "draft"


def test_actions_are_for_the_office(world, client_for):
    contract = draft(world, link_party=False)
    for user in (world.head, world.crew_a):
        assert act(client_for(user), contract, "void", reason="x").status_code == 403
    assert act(client_for(world.crew_b), contract, "void", reason="x").status_code == 404
    contract.refresh_from_db()
    assert contract.status == "draft"


def test_countersign_without_an_authenticator_links_to_enrolment(world, office):
    contract = signed(world)
    html = office.get(page_url(contract)).content.decode()
    assert 'id="needs-totp"' in html and reverse("accounts:two_factor") in html
    assert 'id="countersign-contract"' not in html


def test_countersign_with_a_wrong_code_changes_nothing(world, office):
    contract = signed(world)
    otp_code(world.office)  # enrolled
    assert TOTPDevice.objects.filter(user=world.office, confirmed=True).exists()
    answer = act(office, contract, "countersign", otp_code="000000")
    html = answer.content.decode()
    assert answer.status_code == 200 and "The authenticator code is wrong" in html
    contract.refresh_from_db()
    assert contract.status == "signed" and not contract.events.filter(action="countersigned")


@pytest.mark.usefixtures("office_seal")
def test_countersign_and_seal_from_the_page(world, office):
    contract = signed(world)
    answer = act(office, contract, "countersign", otp_code=otp_code(world.office))
    assert answer.status_code == 302
    contract.refresh_from_db()
    assert contract.status == "executed"
    html = office.get(page_url(contract)).content.decode()
    assert 'data-action="sealed"' in html and 'id="amend-form"' in html
    amend = act(office, contract, "amend", title="Extra week")
    amendment = Contract.objects.get(amends=contract)
    assert amend["Location"] == page_url(amendment) and amendment.parties.count() == 1
    mine = reverse("web:my_contracts", args=[CODE])
    from django.test import Client

    crew = Client()
    crew.force_login(world.crew_a)
    assert "Done: download your copy." in crew.get(mine).content.decode()


def test_countersign_is_for_the_signatory(world, client_for):
    contract = signed(world)
    world.office.memberships.update(can_countersign=False)
    answer = act(client_for(world.office), contract, "countersign", otp_code="123456")
    assert answer.status_code == 403
    contract.refresh_from_db()
    assert contract.status == "signed"


# --- bulk jobs ---------------------------------------------------------------------------------


def bulk(client, action, contracts, **data):
    return client.post(
        reverse("web:contracts_bulk", args=[CODE]),
        {"action": action, "contracts": [str(c.public_id) for c in contracts], **data},
    )


def test_bulk_send_does_the_others_when_one_fails(
    world, office, django_capture_on_commit_callbacks
):
    good = [draft(world, link_party=False), draft(world, link_party=False)]
    empty = drafting.contract_create(
        actor=world.office, production=world.production, contract_type="crew", title="No party"
    )
    with django_capture_on_commit_callbacks(execute=True):
        answer = bulk(office, "send", [*good, empty])
    job = BulkJob.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == reverse("web:contract_job", args=[CODE, job.public_id])
    assert job.done == 3 and job.is_finished and job.total == 3
    assert list(job.errors) == [str(empty.public_id)]
    assert "Add at least one party before sending." in job.errors[str(empty.public_id)]
    assert {c.status for c in Contract.objects.filter(pk__in=[c.pk for c in good])} == {"sent"}
    empty.refresh_from_db()
    assert empty.status == "draft"
    page = office.get(answer["Location"])
    html = page.content.decode()
    assert '<progress id="job-progress" max="3" value="3">' in html
    assert "Add at least one party before sending." in html and 'hx-trigger="every 1s"' not in html


def test_job_page_polls_while_running(world, office):
    contract = draft(world, link_party=False)
    job = services_job(world, contract)  # recorded, not run (its commit never comes)
    url = reverse("web:contract_job", args=[CODE, job.public_id])
    html = office.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert '<progress id="job-progress" max="1" value="0">' in html
    fragment = office.get(url, headers={"HX-Request": "true", "HX-Target": "job-status"})
    assert b"<html" not in fragment.content and b'id="job-status"' in fragment.content


def services_job(world, contract):
    return bulk_services.bulk_send(actor=world.office, production=world.production,
                                   contracts=[contract])  # fmt: skip


@pytest.mark.usefixtures("office_seal")
def test_bulk_countersign_one_code_for_the_batch(world, office, django_capture_on_commit_callbacks):
    ready = [signed(world), signed(world)]
    pending = draft(world, link_party=False)
    with django_capture_on_commit_callbacks(execute=True):
        answer = bulk(office, "countersign", [*ready, pending], otp_code=otp_code(world.office))
    assert answer.status_code == 302
    job = BulkJob.objects.get()
    assert job.done == 3 and list(job.errors) == [str(pending.public_id)]
    assert "cannot be countersigned" in job.errors[str(pending.public_id)]
    assert {c.status for c in Contract.objects.filter(pk__in=[c.pk for c in ready])} == {"executed"}


def test_bulk_countersign_with_a_wrong_code_starts_nothing(world, office):
    contract = signed(world)
    otp_code(world.office)
    answer = bulk(office, "countersign", [contract], otp_code="000000")
    assert answer.status_code == 302
    assert not BulkJob.objects.exists()
    follow = office.get(answer["Location"])
    assert "Nothing started: The authenticator code is wrong" in follow.content.decode()
    contract.refresh_from_db()
    assert contract.status == "signed"


def test_bulk_is_for_the_office(world, client_for):
    contract = draft(world, link_party=False)
    for user in (world.head, world.executive, world.crew_a):
        assert bulk(client_for(user), "send", [contract]).status_code == 403
    world.office.memberships.update(can_countersign=False)
    answer = bulk(client_for(world.office), "countersign", [contract], otp_code="1")
    assert answer.status_code == 302 and not BulkJob.objects.exists()
    other = drafting.contract_create(
        actor=None, production=world.other, contract_type="crew", title="Theirs"
    )
    assert bulk(client_for(world.office), "send", [other]).status_code == 302
    assert not BulkJob.objects.exists()


def test_remind_from_the_contract_page_mails_a_fresh_link(world, office):
    from django.core import mail

    contract = sent(world)
    html = office.get(page_url(contract)).content.decode()
    assert 'id="remind-contract"' in html
    mail.outbox.clear()
    assert act(office, contract, "remind").status_code == 302
    reminded = sorted(m.to[0] for m in mail.outbox if "Reminder" in m.subject)
    assert reminded == ["ada@example.org", "lou@example.org"]
    assert all(p.reminded_at for p in contract.parties.all())
    # A draft has nobody to remind: no button, and a forged POST is refused with the reason.
    memo = draft(world, link_party=False)
    assert 'id="remind-contract"' not in office.get(page_url(memo)).content.decode()
    refused = act(office, memo, "remind").content.decode()
    assert "is not waiting for signatures" in refused
