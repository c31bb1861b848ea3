"""Conflicts of hand-built boards: cast unavailable or outside their engagement, locations
unavailable; query budget; the page, the strip partial and the CLI."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prodoffice.locations import services as locations
from prodoffice.productions.services.availability import unavailability_add
from prodoffice.scheduling.models import Strip
from prodoffice.scheduling.selectors.conflicts import (
    CAST_OUTSIDE_ENGAGEMENT,
    CAST_UNAVAILABLE,
    LOCATION_UNAVAILABLE,
    board_conflicts,
    conflicts_by_scene,
    production_conflicts,
)
from prodoffice.scheduling.services.boards import board_create, strip_to_boneyard
from prodoffice.scheduling.services.calendar import calendar_set
from prodoffice.scheduling.tests.test_dood_selector import (
    MONDAY,
    board_with_days,
    cast_in,
    day,
    element,
    make_scenes,
    make_script,
)
from tests.support.factories import EngagementFactory, PersonFactory, position
from tests.support.security import pdf_text

pytestmark = pytest.mark.django_db


def cast(production, name, board_id, **engagement):
    """A cast element standing for a new Lead Actor engagement of the production."""
    person = PersonFactory(first_name=name.title(), last_name="Actor")
    eng = EngagementFactory(production=production, person=person, position=position("Lead Actor"),
                            cast_number=int(board_id), character=name, **engagement)  # fmt: skip
    el = element(production, name, board_id)
    el.engagement = eng
    el.save(update_fields=["engagement"])
    return el


def build(production, scenes_per_day=(2, 1, 1), scene_count=4):
    """Scenes 1..n (sets "SET 1" ...) on a board, shoot days from Monday 1 March 2027."""
    scenes = make_scenes(make_script(production), scene_count)
    calendar_set(actor=None, production=production, start_date=MONDAY, working_weekdays=range(5))
    board = board_with_days(production, list(scenes_per_day))
    return scenes, board


def unavailable(el, start, end=None, kind="other_job"):
    return unavailability_add(actor=None, engagement=el.engagement, start_date=start,
                              end_date=end or start, kind=kind)  # fmt: skip


@pytest.fixture
def schedule(world):
    return conflict_schedule(world.production)


def conflict_schedule(production) -> dict:
    """Mon: scenes 1, 2; Tue: scene 3; Wed: scene 4. ANN in 1 and 3, BEN in 4, a prop in 2."""
    scenes, board = build(production)
    ann, ben = cast(production, "ANN", "1"), cast(production, "BEN", "2")
    cast_in(scenes[0], ann, element(production, "Gun", ucid=104))
    cast_in(scenes[2], ann)
    cast_in(scenes[3], ben)
    return {"board": board, "scenes": scenes, "ann": ann, "ben": ben}


def kinds(found):
    return [(c.kind, c.date, c.scene.number, c.subject) for c in found]


def test_no_conflicts_on_a_clean_board(schedule):
    assert board_conflicts(schedule["board"]) == []


def test_cast_unavailable_on_a_working_day(schedule):
    ann = schedule["ann"]
    unavailable(ann, day(1), kind="travel")  # Tuesday: scene 3
    unavailable(ann, day(2), day(4))  # Wed to Fri: ANN does not work then
    found = board_conflicts(schedule["board"])
    assert kinds(found) == [(CAST_UNAVAILABLE, day(1), "3", "1. ANN")]
    assert found[0].shoot_day == 2
    assert found[0].message == (
        "Ann Actor (1. ANN) is unavailable on Tue 2 Mar 2027: travel, Tue 2 Mar 2027."
    )


def test_range_ends_are_inclusive(schedule):
    ann = schedule["ann"]
    unavailable(ann, day(-5), day(0))  # ends on Monday
    found = board_conflicts(schedule["board"])
    assert kinds(found) == [(CAST_UNAVAILABLE, day(0), "1", "1. ANN")]


def test_cast_working_before_start_or_after_end_of_engagement(world, schedule):
    ann, ben = schedule["ann"], schedule["ben"]
    ann.engagement.start_date = day(1)  # starts Tuesday, works Monday
    ann.engagement.save()
    ben.engagement.end_date = day(1)  # ends Tuesday, works Wednesday
    ben.engagement.save()
    found = board_conflicts(schedule["board"])
    assert kinds(found) == [
        (CAST_OUTSIDE_ENGAGEMENT, day(0), "1", "1. ANN"),
        (CAST_OUTSIDE_ENGAGEMENT, day(2), "4", "2. BEN"),
    ]
    assert "before the engagement starts (Tue 2 Mar 2027)" in found[0].message
    assert "after the engagement ends (Tue 2 Mar 2027)" in found[1].message


def test_scene_at_a_location_on_a_day_it_is_unavailable(world, schedule):
    production = world.production
    mill = locations.location_create(actor=None, production=production, name="Old Mill")
    locations.set_location_assign(actor=None, production=production, set_name="set 3",
                                  location=mill)  # fmt: skip
    locations.set_location_assign(actor=None, production=production, set_name="SET 4",
                                  location=mill)  # fmt: skip
    locations.location_unavailability_add(actor=None, location=mill, start_date=day(1),
                                          end_date=day(1), reason="Harvest")  # fmt: skip
    found = board_conflicts(schedule["board"])
    assert kinds(found) == [(LOCATION_UNAVAILABLE, day(1), "3", "Old Mill")]
    assert found[0].location == mill and found[0].element is None
    assert (
        "Old Mill is unavailable on Tue 2 Mar 2027 (Tue 2 Mar 2027: Harvest); scene 3"
        in found[0].message
    )


def test_boneyard_strips_are_not_scheduled(world, schedule):
    unavailable(schedule["ann"], day(1))
    strip = Strip.objects.get(board=schedule["board"], scene=schedule["scenes"][2])
    strip_to_boneyard(actor=None, strip=strip)
    assert board_conflicts(schedule["board"]) == []


def test_conflicts_follow_the_calendar_past_holidays(world):
    production = world.production
    scenes = make_scenes(make_script(production), 2)
    calendar_set(actor=None, production=production, start_date=MONDAY, working_weekdays=range(5),
                 exceptions=[(day(1), "holiday", "Bank holiday")])  # fmt: skip
    board = board_with_days(production, [1, 1])
    ann = cast(production, "ANN", "1")
    cast_in(scenes[1], ann)
    unavailable(ann, day(2))  # the second shoot day is Wednesday
    assert kinds(board_conflicts(board)) == [(CAST_UNAVAILABLE, day(2), "2", "1. ANN")]


def test_several_conflicts_sorted_by_date_then_board_order(world, schedule):
    ann, ben = schedule["ann"], schedule["ben"]
    unavailable(ben, day(2))
    unavailable(ann, day(0), day(1))
    found = board_conflicts(schedule["board"])
    assert [(c.date, c.scene.number) for c in found] == [
        (day(0), "1"), (day(1), "3"), (day(2), "4")]  # fmt: skip
    grouped = conflicts_by_scene(schedule["board"])
    assert sorted(s.number for s in schedule["scenes"] if s.pk in grouped) == ["1", "3", "4"]


def _every_scene_in_conflict(production, scenes_per_day):
    """A board whose every scene has one unavailable cast member and an unavailable location."""
    scenes, board = build(production, scenes_per_day, sum(scenes_per_day))
    mill = locations.location_create(actor=None, production=production, name="Mill")
    for n, scene in enumerate(scenes):
        el = cast(production, f"C{n}", str(n + 1))
        cast_in(scene, el)
        unavailable(el, day(0), day(30))
        locations.set_location_assign(actor=None, production=production,
                                      set_name=scene.set_name, location=mill)  # fmt: skip
    locations.location_unavailability_add(actor=None, location=mill, start_date=day(0),
                                          end_date=day(30))  # fmt: skip
    return board


def _queries(board) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        found = board_conflicts(board)
    return len(ctx.captured_queries), len(found)


def test_query_count_does_not_grow_with_the_board(world):
    small = _queries(_every_scene_in_conflict(world.production, [1, 1]))
    large = _queries(_every_scene_in_conflict(world.other, [3, 4, 5]))
    assert (small[1], large[1]) == (4, 24)  # two conflicts per scene
    assert small[0] == large[0] <= 8


def test_production_conflicts_reports_boards_without_a_calendar(world):
    production = world.production
    make_scenes(make_script(production), 2)
    board_create(actor=None, production=production, name="Main")
    [result] = production_conflicts(production)
    assert result.conflicts == [] and "calendar" in result.error.lower()


def test_board_without_scheduled_scenes_has_no_conflicts(world):
    board = board_create(actor=None, production=world.production, name="Empty", empty=True)
    assert board_conflicts(board) == []


# --- the strip partial, the page, the CLI ----------------------------------------------------


def test_strip_partial_shows_a_badge_only_for_scenes_with_conflicts(schedule):
    unavailable(schedule["ann"], day(1))
    grouped = conflicts_by_scene(schedule["board"])
    with_conflict = render_to_string(
        "scheduling/_strip_conflicts.html",
        {"conflicts_by_scene": grouped, "scene_id": schedule["scenes"][2].pk},
    )
    assert (
        'data-conflicts="1"' in with_conflict and "unavailable on Tue 2 Mar 2027" in with_conflict
    )
    without = render_to_string(
        "scheduling/_strip_conflicts.html",
        {"conflicts_by_scene": grouped, "scene_id": schedule["scenes"][0].pk},
    )
    assert without.strip() == ""


def test_conflicts_page_lists_per_board_for_production_wide_roles(world, schedule, client_for):
    unavailable(schedule["ann"], day(1))
    board_create(actor=None, production=world.production, name="What-if")
    page_url = reverse("web:conflicts", args=[world.production.code])
    html = client_for(world.head).get(page_url).content.decode()
    assert "Main" in html and "What-if" in html and "1 conflict" in html
    assert 'data-kind="cast_unavailable"' in html and "Ann Actor (1. ANN)" in html
    assert client_for(world.crew_a).get(page_url).status_code == 403


def run(*args: str) -> tuple[str, CommandError | None]:
    out = io.StringIO()
    try:
        call_command("conflicts", *args, stdout=out, stderr=io.StringIO())
    except CommandError as exc:
        return out.getvalue(), exc
    return out.getvalue(), None


def test_cli_exits_zero_without_conflicts_and_one_with_them(schedule):
    out, error = run("--production", "nightjar")
    assert error is None and "Main (working): 0 conflicts" in out
    unavailable(schedule["ann"], day(1))
    out, error = run("--production", "NIGHTJAR", "--board", "Main", "--json")
    assert error is not None and error.returncode == 1 and "1 conflict found" in str(error)
    [board] = json.loads(out)
    assert board["board"] == "Main" and board["working"] is True
    [conflict] = board["conflicts"]
    assert conflict["kind"] == CAST_UNAVAILABLE and conflict["date"] == day(1).isoformat()
    assert (conflict["scene"], conflict["element"], conflict["shoot_day"]) == ("3", "1. ANN", 2)


@pytest.mark.parametrize(
    ("args", "text"),
    [(("--production", "NOPE"), "Unknown production"), (("--production", "NIGHTJAR",
      "--board", "Nope"), "Boards: Main")],
)  # fmt: skip
def test_cli_unknown_production_or_board_exits_two(schedule, args, text):
    _, error = run(*args)
    assert error is not None and error.returncode == 2 and text in str(error)


def test_board_page_and_reports_flag_the_conflicting_strip(world, schedule, client_for):
    """The board marks the strip in conflict and lists the message; the reports repeat it."""
    unavailable(schedule["ann"], day(1))  # ANN works scene 3 on Tuesday
    board = schedule["board"]
    args = [world.production.code, board.public_id]
    client = client_for(world.office)
    html = client.get(reverse("web:board", args=args)).content.decode()
    assert 'id="board-conflicts"' in html
    assert html.count("strip-conflict") == 1
    scene3 = schedule["scenes"][2]
    strip3 = Strip.objects.get(board=board, scene=scene3)
    tag = re.search(rf'<li class="([^"]*)" id="strip-{strip3.pk}"', html)
    assert tag is not None and "strip-conflict" in tag.group(1)
    for name in ("web:board_schedule", "web:board_one_liner", "web:board_elements"):
        report = client.get(reverse(name, args=args)).content.decode()
        assert 'id="report-conflicts"' in report, name
        assert "Day 2, scene 3" in report, name


def test_board_page_without_calendar_shows_no_conflicts(world, client_for):
    """Before the calendar dates the days there is nothing to compare: the page still renders."""
    make_scenes(make_script(world.production), 2)
    board = board_create(actor=None, production=world.production, name="Main")
    url = reverse("web:board", args=[world.production.code, board.public_id])
    response = client_for(world.office).get(url)
    assert response.status_code == 200
    assert 'id="board-conflicts"' not in response.content.decode()


def test_exported_schedule_and_one_liner_carry_each_conflict_under_its_scene(schedule):
    import csv as csv_module

    import openpyxl

    from prodoffice.scheduling.report_exports import CONFLICT_PREFIX, report_export

    unavailable(schedule["ann"], day(1), kind="travel")  # Tuesday: scene 3
    data, _type, _name = report_export(schedule["board"], "schedule", "csv")
    rows = list(csv_module.reader(io.StringIO(data.decode("utf-8-sig"))))
    flagged = [i for i, row in enumerate(rows) if row[7].startswith(CONFLICT_PREFIX)]
    assert len(flagged) == 1
    above = rows[flagged[0] - 1]
    assert above[2] == "3" and "Ann Actor (1. ANN) is unavailable" in rows[flagged[0]][7]
    assert "Tue 02 Mar 2027" in rows[flagged[0]][7]
    data, _type, _name = report_export(schedule["board"], "one-liner", "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    texts = [
        (r[0].value, r[5].value, r[5].fill.start_color.rgb) for r in sheet.iter_rows(min_row=2)
    ]
    flagged = [i for i, t in enumerate(texts) if (t[1] or "").startswith(CONFLICT_PREFIX)]
    assert len(flagged) == 1 and texts[flagged[0] - 1][0] == "3"
    assert texts[flagged[0]][2] == "FFFFCDD2"
    pdf, _type, _name = report_export(schedule["board"], "schedule", "pdf")
    text = pdf_text(pdf)
    if text is None:
        pytest.skip("poppler's pdftotext is not installed")
    assert "CONFLICT:" in text and "unavailable" in text


def test_exports_without_conflicts_have_no_conflict_rows(schedule):
    from prodoffice.scheduling.report_exports import CONFLICT_PREFIX, report_export

    data, _type, _name = report_export(schedule["board"], "schedule", "csv")
    assert CONFLICT_PREFIX not in data.decode("utf-8-sig")


def _as_dicts(found):
    return [c.as_dict() for c in found]


def test_conflicts_from_the_drawn_sheet_equal_those_read_afresh(world, schedule):
    """The board page hands its sheet to the conflicts (one read of strips and calendar): same
    answer, boneyard and holidays included, in fewer queries."""
    from prodoffice.scheduling.selectors.stripboard import board_sheet
    from prodoffice.scheduling.services.calendar import calendar_set

    ann, ben = schedule["ann"], schedule["ben"]
    unavailable(ann, day(0), day(1))
    unavailable(ben, day(3))
    holiday = [(day(1), "holiday", "Bank holiday")]
    calendar_set(actor=None, production=world.production, start_date=MONDAY,
                 working_weekdays=range(5), exceptions=holiday)  # fmt: skip
    strip = Strip.objects.get(board=schedule["board"], scene=schedule["scenes"][1])
    strip_to_boneyard(actor=None, strip=strip)
    board = schedule["board"]
    fresh = board_conflicts(board)
    sheet = board_sheet(board)
    with CaptureQueriesContext(connection) as ctx:
        from_sheet = board_conflicts(board, sheet)
    assert _as_dicts(from_sheet) == _as_dicts(fresh) != []
    assert [(c["shoot_day"], c["scene"]) for c in _as_dicts(fresh)] == [(1, "1"), (3, "4")]
    assert len(ctx.captured_queries) <= 4  # cast links, their ranges, set mapping, location ranges


def test_conflicts_from_a_sheet_without_calendar_are_refused_alike(world):
    from django.core.exceptions import ValidationError

    from prodoffice.scheduling.selectors.conflicts import dated_board_conflicts
    from prodoffice.scheduling.selectors.stripboard import board_sheet

    make_scenes(make_script(world.production), 2)
    board = board_create(actor=None, production=world.production, name="Main")
    with pytest.raises(ValidationError) as plain:
        board_conflicts(board)
    with pytest.raises(ValidationError) as drawn:
        board_conflicts(board, board_sheet(board))
    assert plain.value.messages == drawn.value.messages
    assert dated_board_conflicts(board, board_sheet(board)) == []
