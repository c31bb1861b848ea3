"""The iCalendar documents of the calendar feeds: the production's shoot days, a person's days."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import icalendar
from django.utils import timezone

from prodoffice.core.text import neutralise
from prodoffice.productions.choices import EngagementStatus
from prodoffice.productions.models import Production
from prodoffice.scheduling.engine.board_ids import board_id_key
from prodoffice.scheduling.engine.categories import CAST
from prodoffice.scheduling.engine.eighths import format_eighths
from prodoffice.scheduling.models import (
    Board,
    DayType,
    Element,
    FeedKind,
    FeedToken,
    ProductionCalendar,
    Scene,
    SceneElement,
)
from prodoffice.scheduling.selectors.dood import day_out_of_days, place_on_calendar, shoot_days

PRODID = "-//prodoffice//Calendar feeds 1.0//EN"


#: DOOD codes of a working day (a hold, a drop or a holiday is no work day).
WORK_CODES = frozenset({"SW", "W", "WF", "SWF", "PW"})


#: A hold day: the cast member is paid and on call between work days, with no scenes.
HOLD_CODE = "H"


@dataclass
class ShootDay:
    """A shoot day of the working board: its number, date and scenes in board order."""

    number: int
    date: datetime.date
    scenes: list[Scene]


def working_shoot_days(production: Production) -> list[ShootDay]:
    """Shoot days of the working board on the calendar ([] with no working board or calendar)."""
    board = Board.objects.filter(production=production, is_working=True).first()
    calendar = (
        ProductionCalendar.objects.filter(production=production)
        .prefetch_related("exceptions")
        .first()
    )
    if board is None or calendar is None:
        return []
    days = shoot_days(board)
    if not days:
        return []
    columns = place_on_calendar(calendar, len(days))
    dates = [column.date for column in columns if column.type == DayType.SHOOT]
    scenes = _scenes_with_cast({scene_id for day in days for scene_id in day})
    return [
        ShootDay(number, date, [scenes[scene_id] for scene_id in day])
        for number, (day, date) in enumerate(zip(days, dates, strict=True), start=1)
    ]


def _scenes_with_cast(ids: set[int]) -> dict[int, Scene]:
    """Scenes by id, each with `cast_ids` (board IDs of its cast) and `element_ids` (pks)."""
    scenes = {scene.pk: scene for scene in Scene.objects.filter(pk__in=ids)}
    for scene in scenes.values():
        scene.cast_ids, scene.element_ids = [], set()
    links = SceneElement.objects.filter(scene_id__in=ids).select_related("element__category")
    for link in links:
        scene = scenes[link.scene_id]
        scene.element_ids.add(link.element_id)
        if link.element.category.ucid == CAST:
            scene.cast_ids.append(link.element.board_id or link.element.name)
    for scene in scenes.values():
        scene.cast_ids.sort(key=board_id_key)
    return scenes


def _calendar(name: str, production: Production, days: list[ShootDay]) -> icalendar.Calendar:
    """The VCALENDAR with its required and usual properties and the production's time zone."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", neutralise(name))
    cal.add("x-wr-timezone", production.time_zone)
    # Events are all-day dates; the VTIMEZONE tells clients where the production is, and keeps
    # the calendar valid (RFC 5545 wants at least one component) before the first shoot day.
    first = days[0].date if days else timezone.now().date()
    last = days[-1].date if days else first
    cal.add_component(
        icalendar.Timezone.from_tzid(
            production.time_zone,
            first_date=first - datetime.timedelta(days=366),
            last_date=last + datetime.timedelta(days=366),
        )
    )
    return cal


def _scene_line(scene: Scene) -> str:
    """Sc. 12  INT  HARBOR OFFICE  D  1 4/8 pg  cast 1, 3."""
    cast = f"  cast {', '.join(scene.cast_ids)}" if scene.cast_ids else ""
    parts = [f"Sc. {scene.number}", scene.int_ext, scene.set_name or scene.heading,
             scene.day_night, f"{format_eighths(scene.eighths)} pg"]  # fmt: skip
    return "  ".join(part for part in parts if part) + cast


def _event(uid: str, summary: str, day: ShootDay, scenes: list[Scene], stamp) -> icalendar.Event:
    """One all-day VEVENT of a shoot day."""
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day.date)
    event.add("dtend", day.date + datetime.timedelta(days=1))
    # Calendar apps show plain text: bidi controls in titles and sets become visible markers.
    event.add("summary", neutralise(summary))
    pages = format_eighths(sum(scene.eighths for scene in scenes))
    lines = [_scene_line(scene) for scene in scenes] + [f"Total: {pages} pages"]
    event.add("description", neutralise("\n".join(lines)))
    sets = list(dict.fromkeys(scene.set_name for scene in scenes if scene.set_name))
    if sets:
        event.add("location", neutralise("; ".join(sets)))
    event.add("transp", "TRANSPARENT")
    return event


def production_calendar(production: Production) -> icalendar.Calendar:
    """Every shoot day of the working board as an all-day event ("Day 3 - Nightjar")."""
    days = working_shoot_days(production)
    cal = _calendar(f"{production.title} shoot days", production, days)
    stamp = timezone.now()
    for day in days:
        uid = f"shoot-day-{day.number}-{production.public_id}@prodoffice"
        summary = f"Day {day.number} - {production.title}"
        cal.add_component(_event(uid, summary, day, day.scenes, stamp))
    return cal


def person_calendar(production: Production, person) -> icalendar.Calendar:
    """The person's work days: cast by their element's DOOD codes, hold days included ("SW -
    NIGHTJAR day 3", "H - NIGHTJAR day 2 (hold)"); crew every shoot day of their engagement's
    dates."""
    days = working_shoot_days(production)
    cal = _calendar(f"{production.title} - {person} work days", production, days)
    stamp = timezone.now()
    for day, code, scenes in person_work_days(production, person, days):
        uid = f"work-day-{day.number}-{person.public_id}-{production.public_id}@prodoffice"
        summary = (
            f"{code} - {production.code} day {day.number}"
            if code
            else f"Day {day.number} - {production.title}"
        )
        if code == HOLD_CODE:
            summary += " (hold)"
        event = _event(uid, summary, day, scenes, stamp)
        if code == HOLD_CODE:
            event["description"] = "Hold: on call and paid, no scenes scheduled for you."
            event.pop("location", None)
        cal.add_component(event)
    for call in _published_calls(production, person):
        cal.add_component(_call_event(call, stamp))
    return cal


def _published_calls(production, person) -> list[dict]:
    """Timed calls from the apps above scheduling that publish them (call sheets), through
    their AppConfig's `feed_events` hook: scheduling cannot import them."""
    from django.apps import apps

    calls: list[dict] = []
    for config in apps.get_app_configs():
        hook = getattr(config, "feed_events", None)
        if hook is not None:
            calls += hook(production, person)
    return calls


def _call_event(call: dict, stamp) -> icalendar.Event:
    """One published call: a timed event at the call time (an hour long, the call itself)."""
    event = icalendar.Event()
    event.add("uid", call["uid"])
    event.add("dtstamp", stamp)
    event.add("dtstart", call["start"])
    event.add("dtend", call["start"] + datetime.timedelta(hours=1))
    event.add("summary", neutralise(call["summary"]))
    if call.get("location"):
        event.add("location", neutralise(call["location"]))
    return event


def person_work_days(production, person, days: list[ShootDay]):
    """(shoot day, code, the person's scenes) for each day the person works."""
    if not days:
        return
    element = (
        Element.objects.filter(
            production=production, category__ucid=CAST, engagement__person=person
        )
        .select_related("category")
        .first()
    )
    if element is not None:
        codes = _dood_codes(production, element)
        for day in days:
            code = codes.get(day.date, "")
            if code in WORK_CODES:
                yield day, code, [s for s in day.scenes if element.pk in s.element_ids]
            elif code == HOLD_CODE:  # paid and on call, no scenes: the event says so
                yield day, code, []
        return
    engagements = person.engagements.filter(production=production).exclude(
        status=EngagementStatus.RELEASED
    )
    spans = [(e.start_date, e.end_date) for e in engagements]
    for day in days:
        if any((a is None or a <= day.date) and (b is None or day.date <= b) for a, b in spans):
            yield day, None, day.scenes


def _dood_codes(production, element) -> dict[datetime.date, str]:
    """The element's DOOD codes on the working board, by date."""
    board = Board.objects.get(production=production, is_working=True)
    for line in day_out_of_days(board).lines:
        if line.category == element.category.name and line.element == element.name:
            return line.row.codes
    return {}


def feed_calendar(feed: FeedToken) -> bytes:
    """The .ics bytes of a feed."""
    if feed.kind == FeedKind.PERSON:
        return person_calendar(feed.production, feed.person).to_ical()
    return production_calendar(feed.production).to_ical()
