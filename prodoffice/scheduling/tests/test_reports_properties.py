"""Properties of the report reshapes (pure: schedules built in memory, no database)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from prodoffice.scheduling.selectors.reports import (
    BannerLine,
    BoardSchedule,
    ElementRef,
    SceneLine,
    ShootDay,
    element_summary,
    one_liner,
)

ELEMENTS = [ElementRef(n, "Cast Members" if n < 5 else "Props", 100 if n < 5 else 104,
                       str(n) if n < 5 else "", f"E{n}") for n in range(8)]  # fmt: skip


@st.composite
def schedules(draw) -> BoardSchedule:
    day_count = draw(st.integers(0, 6))
    days, number = [], 0
    for d in range(1, day_count + 1):
        items = []
        for _ in range(draw(st.integers(1, 5))):
            if draw(st.booleans()) and items:
                items.append(BannerLine("Meal", "x"))
                continue
            number += 1
            refs = draw(st.sets(st.sampled_from(ELEMENTS), max_size=4))
            scene = SceneLine(str(number), "INT", "SET", "D", "", draw(st.integers(1, 40)), "",
                              1, number, str(number))  # fmt: skip
            scene.cast = sorted((r for r in refs if r.ucid == 100), key=ElementRef.order)
            scene.elements = sorted((r for r in refs if r.ucid != 100), key=ElementRef.order)
            items.append(scene)
        days.append(ShootDay(d, day_count, None, items))
    return BoardSchedule(None, days, has_calendar=False)


@given(schedules())
def test_one_liner_has_every_scene_and_banner_and_one_break_per_day(schedule):
    lines = one_liner(schedule)
    assert sum(line.kind == "day" for line in lines) == len(schedule.days)
    assert sum(line.kind == "scene" for line in lines) == schedule.scene_count
    items = sum(len(day.items) for day in schedule.days)
    assert len(lines) == items + len(schedule.days)
    assert all(lines[i].day.number <= lines[i + 1].day.number for i in range(len(lines) - 1))


@given(schedules())
def test_element_summary_adds_up_to_the_scenes_it_is_in(schedule):
    scenes = [scene for day in schedule.days for scene in day.scenes]
    for row in element_summary(schedule):
        mine = [s for s in scenes if row.element in s.cast + s.elements]
        assert row.scenes == [s.number for s in mine]
        assert row.eighths == sum(s.eighths for s in mine)
        assert row.days == sorted(set(row.days))
    assert sum(d.eighths for d in schedule.days) == schedule.eighths
