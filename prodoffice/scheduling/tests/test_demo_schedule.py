"""`prodoffice demo` loads the HARBOR script, its calendar and a working board, once."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from prodoffice.audit.models import AuditEvent
from prodoffice.productions.models import Engagement, Production
from prodoffice.scheduling.demo import demo_schedule
from prodoffice.scheduling.models import Board, Element, Script, Strip, StripKind
from prodoffice.scheduling.selectors.dood import day_out_of_days
from prodoffice.scheduling.selectors.stripboard import board_sheet

pytestmark = pytest.mark.django_db


def test_demo_schedule_is_complete_and_idempotent():
    call_command("demo", stdout=io.StringIO())
    production = Production.objects.get(code="HARBOR")
    script = Script.objects.get(production=production, is_current=True)
    assert script.scenes.filter(omitted=False).count() >= 30
    board = Board.objects.get(production=production, is_working=True)
    sheet = board_sheet(board)
    assert len(sheet.days) >= 10 and sheet.open_day is None and not sheet.boneyard
    assert sheet.days[0].date == production.shoot_start
    assert Strip.objects.filter(board=board, kind=StripKind.BANNER).count() == 1
    # Every speaking character is a numbered cast member: board ID = cast number.
    cast = Element.objects.filter(production=production, category__ucid=100)
    engagements = {e.pk: e for e in Engagement.objects.filter(production=production)}
    assert cast.count() == 15 and not cast.filter(needs_review=True).exists()
    for element in cast:
        assert element.board_id == str(engagements[element.engagement_id].cast_number)
    dood = day_out_of_days(board)
    assert dood.lines[0].board_id == "1" and "travel" in {d.type for d in dood.days}
    events = AuditEvent.objects.count()
    call_command("demo", stdout=io.StringIO())
    assert not demo_schedule(production) and AuditEvent.objects.count() == events
    assert Board.objects.filter(production=production).count() == 2
