"""The draft of a shoot day's call sheet, read from the working board (or a named one).

One dictionary holds everything a sheet shows (header, times, locations, scenes, cast, crew,
notes, the advance schedule, the gate's warnings); a published version keeps that dictionary as
its frozen snapshot, so the page, the PDF, the slips and the CLI all read one shape. Reads:
the board's schedule (four queries), its DOOD (five), the cast elements, the crew, locations and
the sheet's own rows: a constant number whatever the day's size.
"""

from __future__ import annotations

import datetime
import hashlib
import json

from django.core.exceptions import ValidationError

from prodoffice.callsheets import calltimes
from prodoffice.callsheets.models import CallSettings, CallSheet
from prodoffice.callsheets.selectors import people
from prodoffice.callsheets.sun import sun_times
from prodoffice.locations.models import SetLocation, normalise_set_name
from prodoffice.scheduling.engine.dood import WORK_CODES
from prodoffice.scheduling.engine.eighths import format_eighths
from prodoffice.scheduling.models import Board
from prodoffice.scheduling.selectors.dood import day_out_of_days
from prodoffice.scheduling.selectors.reports import ShootDay, board_schedule

#: Without a shooting call, cameras roll an hour after general call.
DEFAULT_SHOOTING_OFFSET = 60


def board_for(production, name: str | None = None) -> Board:
    """The named board, or the working board; a clear refusal when there is none."""
    boards = Board.objects.filter(production=production)
    board = boards.filter(name=name).first() if name else boards.filter(is_working=True).first()
    if board is None:
        message = f"No board called “{name}”." if name else "The production has no working board."
        raise ValidationError({"board": message})
    return board


def settings_for(production) -> CallSettings:
    """The production's call settings, or the defaults (unsaved) before the office sets any."""
    return CallSettings.objects.filter(production=production).first() or CallSettings(
        production=production
    )


def find_day(schedule, day: datetime.date) -> tuple[ShootDay, ShootDay | None]:
    """The shoot day on this date and the next one; refused when the date is no shoot day."""
    if not schedule.has_calendar:
        raise ValidationError({"date": "Set the production calendar: shoot days have no dates."})
    for index, shoot_day in enumerate(schedule.days):
        if shoot_day.date == day:
            following = schedule.days[index + 1] if index + 1 < len(schedule.days) else None
            return shoot_day, following
    dates = ", ".join(d.date.isoformat() for d in schedule.days[:3])
    hint = f" (shoot days begin {dates} ...)" if dates else " (the board has no shoot days)"
    raise ValidationError({"date": f"{day.isoformat()} is not a shoot day on this board{hint}."})


def fingerprint(shoot_day: ShootDay) -> str:
    """The board's state for this day: what a published version is bound to."""
    rows = [
        [item.kind, getattr(item, "public_id", ""), getattr(item, "text", "")]
        for item in shoot_day.items
    ]
    data = json.dumps([shoot_day.number, shoot_day.of, shoot_day.date.isoformat(), rows])
    return hashlib.sha256(data.encode()).hexdigest()


def build_draft(*, production, day: datetime.date, board=None, sheet: CallSheet | None = None):
    """The draft of the sheet of `day`: a dictionary, nothing saved."""
    board = board or board_for(production)
    schedule = board_schedule(board)
    shoot_day, following = find_day(schedule, day)
    rules = settings_for(production)
    base = sheet or CallSheet(production=production, date=day, time_zone=production.time_zone)
    codes = _dood_codes(board, day)
    locations = _locations(production, shoot_day)
    draft = _header(production, base, board, shoot_day, rules)
    draft.update(_scenes(shoot_day, locations, base, rules))
    draft["locations"], draft["moves"] = _location_rows(locations, shoot_day)
    draft.update(_sun(draft, base))
    draft["hospital"] = _hospital(locations)
    cast_rows = people.cast_rows(production, shoot_day, codes, draft, base, rules)
    draft["cast"] = cast_rows
    draft["crew"] = people.crew_rows(production, day, draft, base, rules)
    draft["contacts"] = people.key_contacts(production, day)
    draft["background"] = _background(base.background)
    draft["department_notes"] = _department_notes(shoot_day)
    draft["advance"] = _advance(following)
    from prodoffice.callsheets import gate

    draft["warnings"] = gate.warnings(
        production=production, day=day, board=board, draft=draft, rules=rules
    )
    return draft


def _header(production, base, board, shoot_day: ShootDay, rules) -> dict:
    """Production, date, day N of M, version, the day's times as HH:MM."""
    hhmm = lambda t: t.strftime("%H:%M") if t else None  # noqa: E731
    return {
        "production": {
            "code": production.code,
            "title": production.title,
            "office_phone": production.office_phone,
            "office_address": production.office_address,
        },
        "date": shoot_day.date.isoformat(),
        "time_zone": base.time_zone,
        "shoot_day": shoot_day.number,
        "shoot_days": shoot_day.of,
        "version": base.version,
        "status": base.status,
        "board": {"name": board.name, "fingerprint": fingerprint(shoot_day)},
        "general_call": hhmm(base.general_call),
        "shooting_call": hhmm(base.shooting_call),
        "breakfast": hhmm(base.breakfast),
        "lunch": hhmm(base.lunch),
        "weather": base.weather,
        "safety_notes": base.safety_notes,
        "notes": base.notes,
        "hide_cast_names": rules.hide_cast_names,
    }


def _dood_codes(board, day) -> dict[tuple[str, str], str]:
    """(category, element name) -> the DOOD code of `day`."""
    return {
        (line.category, line.element): line.row.codes.get(day, "")
        for line in day_out_of_days(board).lines
    }


def _locations(production, shoot_day: ShootDay) -> dict[str, object]:
    """Set name (normalised) -> its location, for the day's sets."""
    names = {normalise_set_name(scene.set_name) for scene in shoot_day.scenes}
    rows = SetLocation.objects.filter(production=production, set_name__in=names)
    return {row.set_name: row.location for row in rows.select_related("location")}


def _shooting_offset(base) -> int:
    """Shooting call as minutes from general call (general call when not set)."""
    if base.shooting_call is None:
        return DEFAULT_SHOOTING_OFFSET
    return calltimes.offset_of(base.date, base.general_call, base.time_zone, base.shooting_call)


def _scenes(shoot_day: ShootDay, locations, base, rules) -> dict:
    """Scenes in shoot order with their estimated start, the items with banners, estimated wrap."""
    scenes = shoot_day.scenes
    eighths = [scene.eighths for scene in scenes]
    lunch_after = _lunch_after(shoot_day)
    starts = calltimes.scene_starts(
        eighths,
        shooting_offset=_shooting_offset(base),
        minutes_per_page=rules.minutes_per_page,
        lunch_after=lunch_after,
        lunch_minutes=base.lunch_minutes,
    )
    rows, items, index = [], [], 0
    for item in shoot_day.items:
        if item.kind == "banner":
            items.append({"kind": "banner", "label": item.label, "text": item.text})
            continue
        row = _scene_row(item, locations, starts[index])
        rows.append(row)
        items.append({"kind": "scene", **row})
        index += 1
    wrap = base.estimated_wrap
    wrap_offset = (
        calltimes.offset_of(base.date, base.general_call, base.time_zone, wrap)
        if wrap
        else calltimes.wrap_offset(
            eighths,
            shooting_offset=_shooting_offset(base),
            minutes_per_page=rules.minutes_per_page,
            lunch_minutes=base.lunch_minutes,
            has_lunch=lunch_after is not None,
        )
    )
    return {
        "scenes": rows,
        "items": items,
        "pages": format_eighths(sum(eighths)),
        "wrap_offset": wrap_offset,
        "estimated_wrap": _hhmm(base, wrap_offset),
    }


def _hhmm(base, offset: int) -> str:
    return calltimes.call_at(base.date, base.general_call, base.time_zone, offset).strftime("%H:%M")


def _lunch_after(shoot_day: ShootDay) -> int | None:
    """The index of the scene a meal banner follows, or None."""
    index = -1
    for item in shoot_day.items:
        if item.kind == "scene":
            index += 1
        elif "meal" in item.label.lower() and index >= 0:
            return index
    return None


def _scene_row(scene, locations, start: int) -> dict:
    location = locations.get(normalise_set_name(scene.set_name))
    return {
        "number": scene.number,
        "int_ext": scene.int_ext,
        "set": scene.set_name,
        "synopsis": scene.synopsis,
        "day_night": scene.day_night,
        "eighths": scene.eighths,
        "pages": scene.pages,
        "cast": [ref.board_id or ref.name for ref in scene.cast],
        "cast_pks": [ref.pk for ref in scene.cast],
        "elements": [[ref.category, ref.label] for ref in scene.elements],
        "location": location.name if location else "",
        "start": start,
    }


def _location_rows(locations, shoot_day: ShootDay) -> tuple[list[dict], list[str]]:
    """Each location once, in the order the day reaches it; company moves between them."""
    ordered: list = []
    for scene in shoot_day.scenes:
        location = locations.get(normalise_set_name(scene.set_name))
        if location is not None and location not in ordered:
            ordered.append(location)
    rows = [_location_row(location) for location in ordered]
    moves = [f"Company move to {b.name}" for b in ordered[1:]]
    return rows, moves


def _location_row(location) -> dict:
    coordinate = lambda v: float(v) if v is not None else None  # noqa: E731
    return {
        "name": location.name,
        "address": location.address,
        "latitude": coordinate(location.latitude),
        "longitude": coordinate(location.longitude),
        "parking": location.parking,
        "base_camp": location.base_camp,
        "hospital": [location.hospital_name, location.hospital_address, location.hospital_phone],
    }


def _sun(draft: dict, base) -> dict:
    """Sunrise and sunset at the day's first location; unknown without its coordinates."""
    first = draft["locations"][0] if draft["locations"] else None
    times = (
        sun_times(first["latitude"], first["longitude"], base.date, base.time_zone)
        if first
        else None
    )
    if times is None:
        return {"sunrise": None, "sunset": None, "sun_note": "Unknown: no coordinates."}
    return {
        "sunrise": times.hhmm("sunrise"),
        "sunset": times.hhmm("sunset"),
        "sun_note": times.label,
    }


def _hospital(locations) -> dict:
    """The nearest hospital of the first location that names one."""
    for location in locations.values():
        if location.hospital_name:
            return {
                "name": location.hospital_name,
                "address": location.hospital_address,
                "phone": location.hospital_phone,
            }
    return {}


def _background(text: str) -> list[dict]:
    """`count, description, time` lines as rows (a bad count stays as typed in the text)."""
    rows = []
    for line in (text or "").splitlines():
        parts = [part.strip() for part in line.split(",")]
        if not parts[0]:
            continue
        count = parts[0] if parts[0].isdigit() else ""
        rows.append(
            {
                "count": count,
                "description": parts[1] if len(parts) > 1 else parts[0],
                "time": parts[2] if len(parts) > 2 else "",
            }
        )
    return rows


def _department_notes(shoot_day: ShootDay) -> list[dict]:
    """Props, effects, stunts, vehicles, animals of the day's scenes, by category."""
    notes: dict[str, list[str]] = {}
    for scene in shoot_day.scenes:
        for ref in scene.elements:
            items = notes.setdefault(ref.category, [])
            entry = f"{ref.label} (sc. {scene.number})"
            items.append(entry)
    return [{"category": name, "items": items} for name, items in notes.items()]


def _advance(following: ShootDay | None) -> dict | None:
    """The next shoot day's scenes."""
    if following is None:
        return None
    scenes = [
        {
            "number": s.number,
            "int_ext": s.int_ext,
            "set": s.set_name,
            "day_night": s.day_night,
            "pages": s.pages,
            "cast": s.cast_ids,
        }
        for s in following.scenes
    ]
    return {
        "shoot_day": following.number,
        "date": following.date.isoformat(),
        "scenes": scenes,
        "pages": following.pages,
    }


def is_work_code(code: str) -> bool:
    """A DOOD code of a day the performer works."""
    return code in WORK_CODES
