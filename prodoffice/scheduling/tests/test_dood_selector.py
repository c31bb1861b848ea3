"""Day-out-of-days of a board: shoot days on the production calendar, codes, totals, queries."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prodoffice.scheduling.models import (
    BreakdownCategory,
    Element,
    Scene,
    SceneElement,
    Script,
    scene_sort_key,
)
from prodoffice.scheduling.selectors.dood import day_out_of_days
from prodoffice.scheduling.services.boards import board_create, day_break_insert
from prodoffice.scheduling.services.calendar import calendar_set

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2027, 3, 1)


def day(offset: int) -> datetime.date:
    return MONDAY + datetime.timedelta(days=offset)


def make_script(production) -> Script:
    return Script.objects.create(production=production, revision_colour="White",
                                 source_filename="a.fountain", source_format="fountain",
                                 sha256="0" * 64)  # fmt: skip


def make_scenes(script, count: int) -> list[Scene]:
    return [
        Scene.objects.create(
            script=script,
            number=str(n),
            sort_key=scene_sort_key(str(n)),
            position=n,
            eighths=4,
            set_name=f"SET {n}",
        )
        for n in range(1, count + 1)
    ]


def category(production, ucid: int, name: str) -> BreakdownCategory:
    return BreakdownCategory.objects.get_or_create(
        production=production, ucid=ucid, defaults={"name": name, "colour": "#e53935"}
    )[0]


def element(production, name, board_id="", ucid=100, **rules) -> Element:
    cat = category(production, ucid, "Cast Members" if ucid == 100 else "Props")
    return Element.objects.create(production=production, category=cat, name=name,
                                  board_id=board_id, **rules)  # fmt: skip


def cast_in(scene, *elements) -> None:
    SceneElement.objects.bulk_create(SceneElement(scene=scene, element=e) for e in elements)


def board_with_days(production, scenes_per_day: list[int], name="Main"):
    """A board whose strips run day after day: `scenes_per_day` scenes, then a day break."""
    board = board_create(actor=None, production=production, name=name)
    position = 0
    for count in scenes_per_day[:-1]:
        position += count
        day_break_insert(actor=None, board=board, position=position)
        position += 1
    return board


def build_schedule(production):
    """Four scenes over three shoot days (Mon, Tue, Thu; Wed a holiday) and four elements."""
    scenes = make_scenes(make_script(production), 4)
    calendar_set(actor=None, production=production, start_date=MONDAY,
                 working_weekdays=range(5), exceptions=[(day(2), "holiday", "Feast")])  # fmt: skip
    ann, ben = element(production, "ANN", "1"), element(production, "BEN", "2")
    cat, gun = element(production, "CAT", "10"), element(production, "Gun", "", ucid=104)
    cast_in(scenes[0], ann, gun)  # day 1 (Mon)
    cast_in(scenes[1], ann, ben)  # day 1 (Mon)
    cast_in(scenes[2], cat)  # day 2 (Tue)
    cast_in(scenes[3], ann)  # day 3 (Thu, after the holiday)
    return board_with_days(production, [2, 1, 1])


@pytest.fixture
def schedule(world):
    """The board of `build_schedule` on Nightjar."""
    return build_schedule(world.production)


def rows(board) -> dict[str, dict]:
    return {line.element: line.as_dict() for line in day_out_of_days(board).lines}


def test_shoot_days_skip_the_holiday_and_codes_follow_the_rules(schedule):
    dood = day_out_of_days(schedule)
    assert [(c.date, c.type) for c in dood.days] == [
        (day(0), "shoot"), (day(1), "shoot"), (day(2), "holiday"), (day(3), "shoot")]  # fmt: skip
    data = rows(schedule)
    assert list(data["ANN"]["days"].values()) == ["SW", "H", "/", "WF"]
    assert list(data["BEN"]["days"].values()) == ["SWF", "", "", ""]
    assert list(data["CAT"]["days"].values()) == ["", "SWF", "", ""]
    totals = data["ANN"]["totals"]
    assert (totals["work"], totals["hold"], totals["holiday"], totals["total"]) == (2, 1, 1, 4)
    assert totals["start"] == day(0).isoformat() and totals["finish"] == day(3).isoformat()


def test_cast_first_by_board_id_then_other_categories(schedule):
    assert [line.element for line in day_out_of_days(schedule).lines] == [
        "ANN", "BEN", "CAT", "Gun"]  # fmt: skip


def test_weekend_is_a_column_and_never_a_hold(world):
    production = world.production
    scenes = make_scenes(make_script(production), 2)
    calendar_set(actor=None, production=production, start_date=day(4), working_weekdays=range(5))
    ann = element(production, "ANN", "1")
    cast_in(scenes[0], ann)
    cast_in(scenes[1], ann)
    board = board_with_days(production, [1, 1])
    assert rows(board)["ANN"]["days"] == {
        day(4).isoformat(): "SW", day(5).isoformat(): "", day(6).isoformat(): "",
        day(7).isoformat(): "WF"}  # fmt: skip


def test_hold_not_allowed_leaves_the_day_idle(world):
    production = world.production
    scenes = make_scenes(make_script(production), 3)
    calendar_set(actor=None, production=production, start_date=MONDAY, working_weekdays=range(5))
    ann = element(production, "ANN", "1", hold_allowed=False)
    cast_in(scenes[0], ann)
    cast_in(scenes[2], ann)
    board = board_with_days(production, [1, 1, 1])
    line = rows(board)["ANN"]
    assert list(line["days"].values()) == ["SW", "", "WF"]
    assert line["totals"]["idle"] == 1


def test_boneyard_strips_are_off_the_schedule(schedule):
    from prodoffice.scheduling.services.boards import strip_to_boneyard

    strip = schedule.strips.get(scene__number="3")
    strip_to_boneyard(actor=None, strip=strip)
    assert "CAT" not in rows(schedule)
    assert len(day_out_of_days(schedule).shoot_days) == 2


def test_no_calendar_is_a_clear_refusal(world):
    make_scenes(make_script(world.production), 1)
    board = board_create(actor=None, production=world.production, name="Main")
    with pytest.raises(ValidationError) as caught:
        day_out_of_days(board)
    assert "calendar" in caught.value.message_dict


def test_empty_board_has_no_days_and_no_rows(world):
    board = board_create(actor=None, production=world.production, name="Empty", empty=True)
    dood = day_out_of_days(board)
    assert dood.days == [] and dood.lines == []


def queries_for(board) -> int:
    with CaptureQueriesContext(connection) as captured:
        day_out_of_days(board)
    return len(captured.captured_queries)


def test_query_count_does_not_grow_with_the_board(world):
    production = world.production
    calendar_set(actor=None, production=production, start_date=MONDAY, working_weekdays=range(5),
                 exceptions=[(day(2), "holiday", "Feast"), (day(9), "travel", "")])  # fmt: skip
    scenes = make_scenes(make_script(production), 12)
    cast = [element(production, f"ACTOR {n}", str(n)) for n in range(1, 7)]
    cast_in(scenes[0], cast[0])
    small = board_with_days(production, [1], name="Small")
    for index, scene in enumerate(scenes[1:], start=1):
        cast_in(scene, cast[index % 6])
    large = board_with_days(production, [2] * 6, name="Large")
    assert queries_for(small) == queries_for(large) <= 5
    assert len(day_out_of_days(large).lines) == 6


def test_element_events_appear_as_tr_ft_r_and_stretch_the_calendar(world, schedule):
    from prodoffice.scheduling.services.breakdown import element_events_set

    ann = Element.objects.get(name="ANN")
    fitting_friday = day(-3)  # before the shoot starts: the DOOD grows a prep column for it
    element_events_set(actor=world.office, element=ann,
                       events=[(fitting_friday, "fitting"), (day(1), "R")])  # fmt: skip
    gun = Element.objects.get(name="Gun")
    element_events_set(actor=world.office, element=gun, events=[(day(2), "travel")])
    dood = day_out_of_days(schedule)
    assert [(c.date, c.type) for c in dood.days][:4] == [
        (day(-3), "prep"), (day(-2), "weekend"), (day(-1), "weekend"), (day(0), "shoot"),
    ]  # fmt: skip
    data = rows(schedule)
    assert list(data["ANN"]["days"].values()) == ["FT", "", "", "SW", "R", "/", "WF"]
    totals = data["ANN"]["totals"]
    assert (totals["fitting"], totals["rehearsal"], totals["hold"]) == (1, 1, 0)
    assert totals["total"] == 2 + 1 + 1 + 1  # work, holiday, fitting, rehearsal
    assert list(data["Gun"]["days"].values())[3:6] == ["SWF", "", "TR"]


def test_an_element_with_events_only_still_gets_its_row(world, schedule):
    from prodoffice.scheduling.services.breakdown import element_events_set

    dan = element(world.production, "DAN", "4")
    element_events_set(actor=world.office, element=dan, events=[(day(1), "travel")])
    data = rows(schedule)
    assert data["DAN"]["totals"]["travel"] == 1 and data["DAN"]["totals"]["work"] == 0
