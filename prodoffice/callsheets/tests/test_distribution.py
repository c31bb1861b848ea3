"""Sending a published version: recipients and their states, personal links without login,
confirmations, resend, the board; personal copies leak nothing of anyone else."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from prodoffice.callsheets.choices import DeliveryState
from prodoffice.callsheets.models import Recipient
from prodoffice.callsheets.services import distribution, sheets
from prodoffice.callsheets.tests.factories import DAY1, call_day
from tests.support.factories import MembershipFactory, UserFactory
from tests.support.personas import CANARY_PASSPORT, CANARY_RATE

pytestmark = pytest.mark.django_db

LINK = re.compile(r"/callsheet/([A-Za-z0-9_-]+)/")


@pytest.fixture
def published(world):
    board = call_day(world)
    manager = UserFactory(username="upm")
    MembershipFactory(user=manager, production=world.production, role="production_manager")
    sheet = sheets.callsheet_draft(
        actor=world.office, production=world.production, day=DAY1, board=board
    )
    return sheets.callsheet_publish(actor=manager, sheet=sheet, override_reason="Filing.")


def link_of(message) -> str:
    return LINK.search(message.body).group(0)


def test_sending_queues_everyone_called_and_mails_them_their_own_call(world, published):
    queued = distribution.callsheet_send(actor=world.office, sheet=published)
    states = dict(Recipient.objects.values_list("engagement__person__last_name", "state"))
    assert states["Second"] == DeliveryState.UNDELIVERABLE  # BEN has no e-mail address
    assert queued == 3 and states["Lead"] == states["Canary"] == DeliveryState.SENT
    ann = next(
        m
        for m in mail.outbox
        if m.to == [world.production.engagements.get(character="Ann").person.email]
    )
    assert "your call 06:15" in ann.subject and ann.attachments[0][2] == "application/pdf"


def test_a_second_send_queues_nobody_twice(world, published):
    distribution.callsheet_send(actor=world.office, sheet=published)
    count = len(mail.outbox)
    assert distribution.callsheet_send(actor=world.office, sheet=published) == 0
    assert len(mail.outbox) == count


def test_a_draft_is_not_sent(world):
    board = call_day(world)
    sheet = sheets.callsheet_draft(
        actor=world.office, production=world.production, day=DAY1, board=board
    )
    with pytest.raises(Exception, match="Publish the call sheet"):
        distribution.callsheet_send(actor=world.office, sheet=sheet)
    assert not Recipient.objects.exists()


def test_the_personal_link_confirms_without_login_and_the_board_shows_it(world, published):
    distribution.callsheet_send(actor=world.office, sheet=published)
    bo = world.engagement_b.person
    url = link_of(next(m for m in mail.outbox if m.to == [bo.email]))
    anonymous = Client()
    page = anonymous.get(url)
    assert page.status_code == 200 and b"I confirm my call" in page.content
    recipient = Recipient.objects.get(engagement=world.engagement_b)
    assert recipient.opened_at is not None and recipient.confirmed_at is None
    assert anonymous.post(url).status_code == 302
    recipient.refresh_from_db()
    assert recipient.state == DeliveryState.CONFIRMED and recipient.confirmed_at
    office = Client()
    office.force_login(world.office)
    board = office.get(reverse("web:callsheet_board", args=["NIGHTJAR", published.public_id]))
    assert b"Confirmed" in board.content and b'data-state="confirmed"' in board.content


def test_personal_copies_leak_nothing_of_anyone_else(world, published):
    distribution.callsheet_send(actor=world.office, sheet=published)
    bo = world.engagement_b.person
    message = next(m for m in mail.outbox if m.to == [bo.email])
    url = link_of(message)
    page = Client().get(url).content.decode()
    pdf = Client().get(url + "slip.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    import io

    from pypdf import PdfReader

    slip = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    for text in (page, message.body, message.subject, slip):
        assert "Canary" not in text and "Ann Lead" not in text
        assert str(CANARY_RATE) not in text and CANARY_PASSPORT not in text
    assert "Bo Bystander" in page and "BYSTANDER" in slip.upper()


def test_an_unknown_or_replaced_link_is_a_404_and_confirming_needs_the_own_token(world, published):
    distribution.callsheet_send(actor=world.office, sheet=published)
    assert Client().get("/callsheet/not-a-token/").status_code == 404
    bo = Recipient.objects.get(engagement=world.engagement_b)
    old = link_of(next(m for m in mail.outbox if m.to == [bo.email]))
    distribution.recipient_resend(actor=world.office, recipient=bo)
    assert Client().post(old).status_code == 404  # the resend replaced the token
    bo.refresh_from_db()
    assert bo.state == DeliveryState.SENT and bo.confirmed_at is None


def test_a_superseded_version_cannot_be_confirmed(world, published):
    distribution.callsheet_send(actor=world.office, sheet=published)
    bo = Recipient.objects.get(engagement=world.engagement_b)
    url = link_of(next(m for m in mail.outbox if m.to == [bo.engagement.person.email]))
    manager = published.production.memberships.get(role="production_manager").user
    v2 = sheets.callsheet_revise(actor=world.office, sheet=published)
    sheets.callsheet_publish(actor=manager, sheet=v2, override_reason="Filing.")
    response = Client().post(url, follow=True)
    assert b"newer version" in response.content
    bo.refresh_from_db()
    assert bo.confirmed_at is None


def test_resend_refuses_people_without_e_mail(world, published):
    distribution.callsheet_send(actor=world.office, sheet=published)
    ben = Recipient.objects.get(state=DeliveryState.UNDELIVERABLE)
    with pytest.raises(Exception, match="has no e-mail address"):
        distribution.recipient_resend(actor=world.office, recipient=ben)


def test_the_mailed_slips_split_from_one_pdf_hold_only_their_own_page(world, published):
    import io

    from pypdf import PdfReader

    distribution.callsheet_send(actor=world.office, sheet=published)
    bo = world.engagement_b.person
    message = next(m for m in mail.outbox if m.to == [bo.email])
    reader = PdfReader(io.BytesIO(message.attachments[0][1]))
    text = "".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) == 1 and "BYSTANDER" in text.upper()
    assert "Ann Lead" not in text and "Canary" not in text
    assert reader.metadata.title.startswith(world.production.title)


def test_slips_laid_out_in_forked_processes_reach_their_own_people(world, published, settings):
    """The pool path (forced at this size): each chunk's PDFs come back in order, one each."""
    import io

    from pypdf import PdfReader

    settings.CALLSHEET_SLIP_POOL_MIN, settings.CALLSHEET_SLIP_WORKERS = 2, 2
    assert distribution.callsheet_send(actor=world.office, sheet=published) == 3
    for recipient in Recipient.objects.filter(state=DeliveryState.SENT):
        person = recipient.engagement.person
        message = next(m for m in mail.outbox if m.to == [person.email])
        reader = PdfReader(io.BytesIO(message.attachments[0][1]))
        text = "".join(p.extract_text() for p in reader.pages)
        assert len(reader.pages) == 1 and person.last_name.upper() in text.upper()
