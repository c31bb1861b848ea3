"""`prodoffice demo` loads the HARBOR script, its calendar and a working board, once: a feature
of 90 to 120 pages over 25 to 35 shoot days, with the script's speaking cast all engaged."""

from __future__ import annotations

import collections
import io

import pytest
from django.core.management import call_command

from prodoffice.audit.models import AuditEvent
from prodoffice.productions import demo as production_demo
from prodoffice.productions.models import Engagement, Production
from prodoffice.scheduling.demo import DAY_EIGHTHS, MAX_EIGHTHS, SCRIPT, demo_schedule
from prodoffice.scheduling.engine import parse_fountain
from prodoffice.scheduling.models import Board, Element, Script, Strip, StripKind
from prodoffice.scheduling.selectors.conflicts import board_conflicts
from prodoffice.scheduling.selectors.dood import day_out_of_days
from prodoffice.scheduling.selectors.stripboard import board_sheet

pytestmark = pytest.mark.django_db


def test_the_demo_script_is_a_feature_as_prodoffice_measures_it():
    script = parse_fountain(SCRIPT.read_text())
    assert not [p for p in script.problems if not p.warning]
    pages = sum(scene.eighths for scene in script.scenes) / 8
    assert 90 <= pages <= 120 and 90 <= script.pages <= 120
    assert 100 <= len(script.scenes) <= 130
    sets = {scene.set for scene in script.scenes}
    locations = {name.split(" - ")[0] for name in sets}
    assert 20 <= len(sets) <= 32 and 10 <= len(locations) <= 15
    assert {scene.int_ext for scene in script.scenes} >= {"INT", "EXT"}
    assert {scene.time for scene in script.scenes} == {"DAY", "NIGHT", "DUSK", "DAWN"}
    scenes_of = collections.Counter(c for scene in script.scenes for c in scene.characters)
    assert 25 <= len(scenes_of) <= 40
    leads = [scenes_of["NORA VANCE"], scenes_of["ELI MARSH"]]
    assert min(leads) >= len(script.scenes) * 0.4  # the two leads carry the story
    either = sum(1 for s in script.scenes if {"NORA VANCE", "ELI MARSH"} & set(s.characters))
    assert either >= len(script.scenes) * 0.6


def test_the_castlist_is_the_scripts_speaking_cast_by_billing():
    script = parse_fountain(SCRIPT.read_text())
    scenes_of = collections.Counter(c for scene in script.scenes for c in scene.characters)
    characters = [character.upper() for _title, character, _status in production_demo.CAST]
    assert sorted(characters) == sorted(scenes_of)
    for title, character, _status in production_demo.CAST:
        count = scenes_of[character.upper()]
        if title == "Day Player":
            assert 1 <= count <= 3, character
        else:
            assert count >= 4, character


def test_demo_schedule_is_complete_and_idempotent():
    call_command("demo", stdout=io.StringIO())
    production = Production.objects.get(code="HARBOR")
    script = Script.objects.get(production=production, is_current=True)
    assert script.scenes.filter(omitted=False).count() == 112
    board = Board.objects.get(production=production, is_working=True)
    sheet = board_sheet(board)
    assert 25 <= len(sheet.days) <= 35 and sheet.open_day is None and not sheet.boneyard
    assert sheet.days[0].date == production.shoot_start
    assert sheet.days[-1].date == production.shoot_end  # the crew and cast dates fit the shoot
    assert len(sheet.days) == production_demo.SHOOT_DAYS  # as the kickoff agenda says
    assert all(day.eighths <= MAX_EIGHTHS for day in sheet.days)
    average = sum(day.eighths for day in sheet.days) / len(sheet.days)
    assert 3 * 8 <= average <= DAY_EIGHTHS + 4  # about 3 to 4 1/2 pages a day
    banners = Strip.objects.filter(board=board, kind=StripKind.BANNER)
    assert banners.filter(banner_kind="meal").count() == 1
    moves = banners.filter(banner_kind="company_move")
    assert 0 < moves.count() <= len(sheet.days) // 2  # few company moves
    # Every speaking character is a numbered cast member: board ID = cast number.
    cast = Element.objects.filter(production=production, category__ucid=100)
    engagements = {e.pk: e for e in Engagement.objects.filter(production=production)}
    assert cast.count() == len(production_demo.CAST)
    assert not cast.filter(needs_review=True).exists()
    for element in cast:
        assert element.board_id == str(engagements[element.engagement_id].cast_number)
    # Nobody works outside their engagement or on a day off.
    assert not board_conflicts(board)
    dood = day_out_of_days(board)
    assert dood.lines[0].board_id == "1"
    types = collections.Counter(d.type for d in dood.days)
    assert types["travel"] == 1 and types["holiday"] == 1 and types["shoot"] == len(sheet.days)
    events = AuditEvent.objects.count()
    call_command("demo", stdout=io.StringIO())
    assert not demo_schedule(production) and AuditEvent.objects.count() == events
    assert Board.objects.filter(production=production).count() == 2


def test_the_company_travels_to_the_island_the_day_before_its_scenes():
    call_command("demo", stdout=io.StringIO())
    board = Board.objects.get(production__code="HARBOR", is_working=True)
    dood = day_out_of_days(board)
    travel = next(d.date for d in dood.days if d.type == "travel")
    strips = Strip.objects.filter(board=board).select_related("scene").order_by("position")
    day, island_days = 0, set()
    for strip in strips:
        if strip.kind == StripKind.DAY_BREAK:
            day += 1
        elif strip.scene and strip.scene.set_name.startswith(("AVALON", "CATALINA")):
            island_days.add(day)
    shoot_dates = [d.date for d in dood.days if d.type == "shoot"]
    first = shoot_dates[min(island_days)]
    assert travel < first and not [d for d in shoot_dates if travel < d < first]
