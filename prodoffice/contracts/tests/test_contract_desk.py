"""The contract desk pages: who sees what, the desk groups and table, a contract's page."""

from __future__ import annotations

import datetime
import hashlib
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from prodoffice.contracts.models import Contract
from prodoffice.contracts.services import drafting, signing
from prodoffice.contracts.tests.helpers import draft, login_access, sent

pytestmark = pytest.mark.django_db

CODE = "NIGHTJAR"


# The deal's rate as a page would print it; not the digits inside a UUID or a hash.
RATE = re.compile(r"(?<![0-9A-Za-z-])450(?:\.00)?(?![0-9A-Za-z-])")


def shows_rate(html: str) -> bool:
    return RATE.search(html) is not None


def desk_url() -> str:
    return reverse("web:contracts", args=[CODE])


def page_url(contract) -> str:
    return reverse("web:contract", args=[CODE, contract.public_id])


def declined(world) -> Contract:
    contract = sent(world, link_party=False)
    ada = contract.parties.get()
    signing.party_decline(access=login_access(world.crew_a), party=ada, reason="Rate too low.")
    contract.refresh_from_db()
    return contract


def retitled(contract, title: str) -> Contract:
    return drafting.contract_update(actor=None, contract=contract, title=title)


# --- the desk ----------------------------------------------------------------------------------


def test_office_desk_groups_count_what_needs_attention(world, client_for):
    first = draft(world, link_party=False)
    out = sent(world, link_party=False)
    out.expires_at = timezone.now() + datetime.timedelta(days=2)
    out.save(update_fields=["expires_at"])
    no = declined(world)
    page = client_for(world.office).get(desk_url())
    assert page.status_code == 200
    counts = {g["key"]: g["count"] for g in page.context["groups"]}
    assert counts == {"drafts": 1, "awaiting": 1, "countersign": 0, "expiring": 1, "declined": 1}
    html = page.content.decode()
    assert first.reference in html and out.reference in html and no.reference in html
    assert "Reason: Rate too low." in html
    assert "Not signed: " in html  # who has not signed yet
    assert 'id="bulk-form"' in html and 'name="contracts"' in html


def test_desk_filters_search_and_htmx_fragment(world, client_for):
    one = retitled(draft(world, link_party=False), "Grip deal memo")
    other = drafting.contract_create(
        actor=world.office, production=world.production, contract_type="vendor", title="Lamps"
    )
    office = client_for(world.office)
    rows = office.get(desk_url(), {"type": "vendor"}).context["page"].object_list
    assert list(rows) == [other]
    rows = office.get(desk_url(), {"q": "Canary"}).context["page"].object_list  # party name
    assert list(rows) == [one]
    rows = office.get(desk_url(), {"q": other.reference}).context["page"].object_list
    assert list(rows) == [other]
    rows = office.get(desk_url(), {"department": "lighting-grip"}).context["page"].object_list
    assert list(rows) == [one]
    rows = office.get(desk_url(), {"sort": "title"}).context["page"].object_list
    assert list(rows) == [one, other]
    fragment = office.get(desk_url(), {"status": "draft"}, headers={"HX-Request": "true",
                          "HX-Target": "contracts-results"})  # fmt: skip
    assert fragment.status_code == 200
    assert b"<html" not in fragment.content and b'id="contracts-results"' in fragment.content


def test_head_sees_existence_and_status_only(world, client_for):
    contract = retitled(draft(world, link_party=False), "Grip deal memo")
    head = client_for(world.head)
    page = head.get(desk_url())
    html = page.content.decode()
    assert page.status_code == 200 and contract.reference in html
    assert "ada@example.org" not in html and not shows_rate(html) and 'id="bulk-form"' not in html
    # Searching by a party's name reveals nothing to those who may not see parties.
    assert not head.get(desk_url(), {"q": "Canary"}).context["page"].object_list
    detail = head.get(page_url(contract))
    html = detail.content.decode()
    assert detail.status_code == 200 and contract.get_status_display() in html
    assert 'id="contract-terms"' not in html and not shows_rate(html)
    assert "ada@example.org" not in html and 'id="contract-timeline"' not in html
    assert 'id="contract-actions"' not in html


def test_executive_sees_counts_and_rate_totals_not_deals(world, client_for):
    contract = draft(world, link_party=False)
    page = client_for(world.executive).get(desk_url())
    html = page.content.decode()
    assert page.status_code == 200 and "Crew deal memo" in html  # the type's label, counted
    assert contract.reference not in html and "Canary" not in html
    # A total of one contract would be that contract's rate: withheld.
    assert not shows_rate(html) and 'id="totals-withheld"' in html
    draft(world, link_party=False)
    draft(world, link_party=False)
    html = client_for(world.executive).get(desk_url()).content.decode()
    assert "$1,350.00" in html and 'id="totals-withheld"' not in html
    assert client_for(world.executive).get(page_url(contract)).status_code == 404


def test_crew_are_sent_to_their_own_contracts(world, client_for):
    contract = sent(world, link_party=False)
    answer = client_for(world.crew_a).get(desk_url())
    assert answer.status_code == 302
    assert answer["Location"] == reverse("web:my_contracts", args=[CODE])
    mine = client_for(world.crew_a).get(answer["Location"])
    assert mine.status_code == 200
    assert contract.reference in mine.content.decode()
    assert "Read and sign it." in mine.content.decode()
    assert client_for(world.crew_b).get(answer["Location"]).context["rows"] == []


def test_strangers_and_other_crew_get_404(world, client_for):
    contract = draft(world, link_party=False)
    assert client_for(world.outsider).get(desk_url()).status_code == 404
    assert client_for(world.outsider).get(page_url(contract)).status_code == 404
    assert client_for(world.other_office).get(page_url(contract)).status_code == 404
    assert client_for(world.crew_b).get(page_url(contract)).status_code == 404


def test_party_sees_terms_and_their_own_evidence(world, client_for):
    contract = sent(world, link_party=False)
    page = client_for(world.crew_a).get(page_url(contract))
    html = page.content.decode()
    assert page.status_code == 200 and 'id="contract-terms"' in html and "$450.00" in html
    assert shows_rate(html)  # the pattern finds the rate where it is shown
    assert "ada@example.org" in html and 'id="contract-actions"' not in html


def test_nav_shows_contracts_to_office_head_executive_and_parties(world, client_for):
    dashboard = reverse("web:dashboard", args=[CODE])
    for user in (world.office, world.head, world.executive):
        assert b'id="nav-contracts"' in client_for(user).get(dashboard).content
    assert b'id="nav-contracts"' not in client_for(world.crew_a).get(dashboard).content
    draft(world, link_party=False)
    assert b'id="nav-contracts"' in client_for(world.crew_a).get(dashboard).content
    assert b'id="nav-contracts"' not in client_for(world.crew_b).get(dashboard).content


# --- a contract's page -------------------------------------------------------------------------


def test_timeline_lists_the_chain_with_short_hashes(world, client_for):
    contract = sent(world, link_party=False)
    page = client_for(world.office).get(page_url(contract))
    html = page.content.decode()
    events = page.context["events"]
    assert [e.action for e in events] == ["created", "sent"]
    document = contract.documents.get()
    assert f"{document.sha256[:12]}…" in html  # in the timeline's data, shortened
    assert f'title="{document.sha256}"' in html
    assert 'data-action="sent"' in html and "Sent" in html
    assert document.sha256 in html  # the documents card shows it whole
    assert "access code" not in html.lower()


def test_office_download_is_logged_and_serves_the_hashed_bytes(world, client_for):
    contract = sent(world, link_party=False)
    answer = client_for(world.office).get(
        reverse("web:contract_document", args=[CODE, contract.public_id])
    )
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    body = b"".join(answer.streaming_content)
    assert hashlib.sha256(body).hexdigest() == contract.documents.get().sha256
    assert contract.events.filter(action="downloaded").count() == 1


def test_download_of_a_draft_says_why(world, client_for):
    contract = draft(world, link_party=False)
    url = reverse("web:contract_document", args=[CODE, contract.public_id])
    answer = client_for(world.office).get(url, follow=True)
    assert "This contract has not been sent." in answer.content.decode()
    assert client_for(world.head).get(url).status_code == 403


def test_desk_queries_do_not_grow_with_the_contracts(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    office = client_for(world.office)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert office.get(desk_url()).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(2):
        sent(world)
        draft(world)
    few = queries()
    for _ in range(3):
        sent(world)
        draft(world)
    assert queries() == few


def test_htmx_action_answers_with_hx_location(world, office):
    contract = draft(world, link_party=False)
    answer = office.post(
        page_url(contract),
        {"action": "void", "reason": "Recast"},
        headers={"HX-Request": "true"},
    )
    assert answer.status_code == 204 and answer["HX-Location"] == page_url(contract)


def test_bulk_countersign_needs_an_authenticator_first(world, client_for):
    from prodoffice.contracts.tests.helpers import otp_code

    draft(world, link_party=False)
    office = client_for(world.office)
    html = office.get(desk_url()).content.decode()
    assert 'id="bulk-needs-totp"' in html and 'id="bulk-countersign"' not in html
    otp_code(world.office)  # enrolled
    html = office.get(desk_url()).content.decode()
    assert 'id="bulk-countersign"' in html and 'id="bulk-needs-totp"' not in html
    world.office.memberships.update(can_countersign=False)
    html = client_for(world.office).get(desk_url()).content.decode()
    assert 'id="bulk-countersign"' not in html and 'id="bulk-send"' in html
