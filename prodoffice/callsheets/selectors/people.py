"""Who is called on a shoot day and when: the cast from the board, the crew from the crew list,
the key contacts of the header. Offsets come from the sheet's manual rows when there are any,
else from the rules (department offsets; a performer's first scene and make-up time)."""

from __future__ import annotations

import datetime

from django.db.models import Q

from prodoffice.callsheets import calltimes
from prodoffice.callsheets.choices import RowKind
from prodoffice.callsheets.models import DepartmentCall, PersonCall
from prodoffice.productions.choices import EngagementStatus
from prodoffice.productions.models import Engagement
from prodoffice.scheduling.models import Element

#: Header contacts in the order the trade prints them (position titles of the catalogue).
KEY_TITLES = (
    "Producer",
    "Director",
    "Production Manager",
    "1st Assistant Director",
    "2nd Assistant Director",
    "Production Coordinator",
)


def manual_rows(sheet) -> dict[int, PersonCall]:
    """The sheet's hand-set personal calls by engagement id (none for an unsaved sheet)."""
    if sheet.pk is None:
        return {}
    return {row.engagement_id: row for row in PersonCall.objects.filter(sheet=sheet, manual=True)}


def wrap_overrides(sheet) -> dict[int, int | None]:
    """The sheet's hand-set dismiss times (minutes from general call) by engagement id."""
    if sheet.pk is None:
        return {}
    rows = PersonCall.objects.filter(sheet=sheet, wrap_manual=True)
    return dict(rows.values_list("engagement_id", "wrap"))


def _fmt(base, offset) -> str | None:
    return (
        None
        if offset is None
        else str(calltimes.call_time(base.date, base.general_call, base.time_zone, offset))
    )


def cast_rows(production, shoot_day, codes, draft, base, rules) -> list[dict]:
    """The cast table: every performer of the day's scenes, by board ID."""
    firsts: dict[int, int] = {}
    lasts: dict[int, int] = {}
    for scene in draft["scenes"]:
        end = scene["start"] + round(scene["eighths"] * rules.minutes_per_page / 8)
        for pk in scene["cast_pks"]:
            firsts.setdefault(pk, scene["start"])
            lasts[pk] = max(lasts.get(pk, end), end)
    elements = Element.objects.filter(pk__in=list(firsts)).select_related(
        "category", "engagement__person"
    )
    manual = manual_rows(base)
    wraps = wrap_overrides(base)
    rows = [_cast_row(e, firsts[e.pk], codes, base, rules, manual) for e in elements]
    for row, element in zip(rows, elements, strict=True):
        _set_wrap(row, base, wraps, lasts[element.pk])
    from prodoffice.scheduling.engine.board_ids import board_id_key

    return sorted(rows, key=lambda row: board_id_key(row["board_id"], row["character"]))


def _cast_row(element, first: int, codes, base, rules, manual) -> dict:
    times = calltimes.cast_offsets(
        first_scene=first,
        makeup_minutes=rules.hmu_minutes,
        wardrobe_minutes=rules.wardrobe_minutes,
        pickup_minutes=rules.pickup_minutes,
    )
    engagement = element.engagement
    row = manual.get(engagement.pk) if engagement else None
    if row is not None:
        times = {
            "call": row.offset,
            "pickup": row.pickup,
            "makeup": row.makeup,
            "wardrobe": row.wardrobe,
            "on_set": row.on_set,
        }
    return {
        "element": element.pk,
        "board_id": element.board_id,
        "character": element.name,
        "performer": str(engagement.person) if engagement else "",
        "engagement": str(engagement.public_id) if engagement else "",
        "engagement_pk": engagement.pk if engagement else None,
        "status": codes.get((element.category.name, element.name), ""),
        "offsets": times,
        "call": _fmt(base, times["call"]),
        "pickup": _fmt(base, times["pickup"]),
        "makeup": _fmt(base, times["makeup"]),
        "wardrobe": _fmt(base, times["wardrobe"]),
        "on_set": _fmt(base, times["on_set"]),
        "manual": row is not None,
        "note": row.note if row is not None else "",
    }


def _set_wrap(row: dict, base, wraps: dict, computed: int | None) -> None:
    """The person's dismiss time: set by hand, else computed (a performer's last scene's end),
    else none (the general wrap)."""
    pk = row["engagement_pk"]
    row["wrap_manual"] = pk in wraps
    row["wrap_offset"] = wraps.get(pk, computed)
    row["wrap"] = _fmt(base, row["wrap_offset"])


def called_crew(production, day: datetime.date, slugs):
    """Confirmed crew whose engagement covers the day, in a department that is called."""
    dates = (Q(start_date__isnull=True) | Q(start_date__lte=day)) & (
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )
    return (
        Engagement.objects.filter(production=production, status=EngagementStatus.CONFIRMED)
        .filter(
            dates, position__department__slug__in=list(slugs), position__department__is_cast=False
        )
        .select_related("person", "position__department")
    )


def department_offsets(base, rules) -> dict[str, tuple[int, bool]]:
    """Department slug -> (offset, set by hand on this sheet)."""
    offsets = {slug: (int(minutes), False) for slug, minutes in rules.department_offsets.items()}
    if base.pk is not None:
        for row in DepartmentCall.objects.filter(sheet=base, manual=True).select_related(
            "department"
        ):
            offsets[row.department.slug] = (row.offset, True)
    return offsets


def crew_rows(production, day, draft, base, rules) -> list[dict]:
    """Crew calls by department, department by the catalogue's order."""
    offsets = department_offsets(base, rules)
    manual = manual_rows(base)
    wraps = wrap_overrides(base)
    groups: dict[int, dict] = {}
    for engagement in called_crew(production, day, offsets):
        department = engagement.position.department
        offset, dept_manual = offsets[department.slug]
        group = groups.setdefault(
            department.pk,
            {
                "department": department.name,
                "slug": department.slug,
                "department_pk": department.pk,
                "order": department.order,
                "offset": offset,
                "call": _fmt(base, offset),
                "manual": dept_manual,
                "people": [],
            },
        )
        person = _crew_row(engagement, offset, base, manual.get(engagement.pk))
        _set_wrap(person, base, wraps, None)
        group["people"].append(person)
    ordered = sorted(groups.values(), key=lambda g: (g["order"], g["department"]))
    for group in ordered:
        group["people"].sort(key=lambda p: (p["offset"], p["position"], p["name"]))
    return ordered


def _crew_row(engagement, offset: int, base, row) -> dict:
    own = row.offset if row is not None else offset
    return {
        "engagement": str(engagement.public_id),
        "engagement_pk": engagement.pk,
        "name": str(engagement.person),
        "position": engagement.position.title,
        "offset": own,
        "call": _fmt(base, own),
        "manual": row is not None,
        "note": row.note if row is not None else "",
    }


def key_contacts(production, day) -> list[dict]:
    """Producer, director, production manager, ADs, coordinator, with their phone numbers."""
    engaged = (
        Engagement.objects.filter(production=production, position__title__in=KEY_TITLES)
        .exclude(status=EngagementStatus.RELEASED)
        .select_related("person", "position")
    )
    rows = [
        {"role": e.position.title, "name": str(e.person), "phone": e.person.phone} for e in engaged
    ]
    return sorted(rows, key=lambda r: (KEY_TITLES.index(r["role"]), r["name"]))


def called_rows(draft: dict) -> list[dict]:
    """Everyone called on a draft, one row each: engagement pk, kind, offset, call."""
    rows = [
        {
            "engagement_pk": r["engagement_pk"],
            "engagement": r["engagement"],
            "kind": RowKind.CAST,
            "offset": r["offsets"]["call"],
            "call": r["call"],
            "name": r["performer"],
            "wrap": r.get("wrap_offset"),
        }
        for r in draft["cast"]
        if r["engagement_pk"]
    ]
    for group in draft["crew"]:
        rows += [
            {
                "engagement_pk": p["engagement_pk"],
                "engagement": p["engagement"],
                "kind": RowKind.CREW,
                "offset": p["offset"],
                "call": p["call"],
                "name": p["name"],
                "wrap": p.get("wrap_offset"),
            }
            for p in group["people"]
        ]
    return rows
