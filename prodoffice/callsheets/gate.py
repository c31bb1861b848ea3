"""The publish gate: every warning a draft carries, in words the 2nd AD can act on.

Location readiness and minors' work permits belong to the locations paperwork
(`locations.readiness`, ADR 0018); the gate only words what it answers.
"""

from __future__ import annotations

import datetime
import zoneinfo

from prodoffice.callsheets import calltimes
from prodoffice.callsheets.choices import SheetStatus
from prodoffice.callsheets.models import CallSheet, PersonCall
from prodoffice.contracts.choices import ContractStatus
from prodoffice.contracts.models import Contract
from prodoffice.locations.readiness import minor_permit_status as paperwork_minor_permit
from prodoffice.locations.readiness import readiness_for_day
from prodoffice.productions.models import Engagement

ADULT_AGE = 18
PERMIT_VALID = "valid"


def location_readiness(*, production, day, board=None) -> list:
    """The paperwork's readiness of the day's locations (ADR 0018)."""
    return readiness_for_day(production=production, day=day, board=board)


def minor_permit_status(*, engagement, day: datetime.date) -> str:
    """A minor's work permit on a day: "valid", "missing", or why it is not valid."""
    return paperwork_minor_permit(
        production=engagement.production, person=engagement.person, day=day
    )


def warnings(*, production, day, board, draft: dict, rules) -> list[str]:
    """Every open warning of a draft, in a stable order."""
    found: list[str] = []
    found += _location_warnings(draft)
    found += _readiness_warnings(production, day, board)
    cast = [row for row in draft["cast"] if row["engagement_pk"]]
    found += [
        f"Cast {r['board_id']} {r['character']}: no performer engaged."
        for r in draft["cast"]
        if not r["engagement_pk"]
    ]
    engagements = {
        e.pk: e
        for e in Engagement.objects.filter(pk__in=[r["engagement_pk"] for r in cast])
        .select_related("person")
        .prefetch_related("unavailabilities")
    }
    found += _cast_warnings(cast, engagements, day)
    found += _contract_warnings(cast, engagements)
    found += _minor_warnings(cast, engagements, day)
    found += _rest_warnings(production, day, draft, rules)
    found += _late_changes(production, day)
    return found


def _location_warnings(draft) -> list[str]:
    out = [
        f"Scene {s['number']} ({s['set']}) has no location: map its set to a location."
        for s in draft["scenes"]
        if not s["location"]
    ]
    out += [
        f"{loc['name']} has no coordinates: sunrise and sunset unknown."
        for loc in draft["locations"]
        if loc["latitude"] is None
    ]
    return out


def _readiness_warnings(production, day, board) -> list[str]:
    out = []
    for item in location_readiness(production=production, day=day, board=board):
        if item.status != "ready":
            missing = ", ".join(item.missing) or item.status.replace("_", " ")
            out.append(f"{item.location}: {item.status.replace('_', ' ')} ({missing}).")
    return out


def _cast_warnings(cast, engagements, day) -> list[str]:
    """Unavailable on the day, or called outside the engagement's dates."""
    out = []
    for row in cast:
        e = engagements[row["engagement_pk"]]
        who = f"{row['board_id']} {row['performer']}".strip()
        if any(u.covers(day) for u in e.unavailabilities.all()):
            out.append(f"Cast {who} is unavailable on {day.isoformat()}.")
        if (e.start_date and day < e.start_date) or (e.end_date and day > e.end_date):
            out.append(f"Cast {who} is called outside their engagement's dates.")
    return out


def _contract_warnings(cast, engagements) -> list[str]:
    executed = set(
        Contract.objects.filter(
            engagement_id__in=list(engagements), status=ContractStatus.EXECUTED
        ).values_list("engagement_id", flat=True)
    )
    return [
        f"Cast {r['board_id']} {r['performer']} has no executed contract."
        for r in cast
        if r["engagement_pk"] not in executed
    ]


def age_on(birth: datetime.date, day: datetime.date) -> int:
    """Whole years of age on a day."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _minor_warnings(cast, engagements, day) -> list[str]:
    out = []
    for row in cast:
        e = engagements[row["engagement_pk"]]
        birth = e.person.date_of_birth
        if birth is None or age_on(birth, day) >= ADULT_AGE:
            continue
        status = minor_permit_status(engagement=e, day=day)
        if status != PERMIT_VALID:
            out.append(f"Cast {row['board_id']} is a minor: work permit {status}.")
    return out


def previous_sheet(production, day) -> CallSheet | None:
    """The latest version of the previous shoot day's sheet (published first, else the draft)."""
    earlier = CallSheet.objects.filter(production=production, date__lt=day)
    last = earlier.order_by("-date").values_list("date", flat=True).first()
    if last is None:
        return None
    versions = earlier.filter(date=last)
    return (
        versions.filter(status=SheetStatus.PUBLISHED).first()
        or versions.order_by("-version").first()
    )


def _rest_warnings(production, day, draft, rules) -> list[str]:
    """Less than the rest period (the person's union's, else the production's) between the
    person's own wrap on the previous shoot day and today's call: a performer wraps at the end
    of their last scene, anyone at the dismiss time set by hand, the others at the general wrap."""
    before = previous_sheet(production, day)
    if before is None:
        return []
    general_wrap = _wrap_at(before)
    wraps = {
        pk: (
            calltimes.call_at(before.date, before.general_call, before.time_zone, wrap)
            if wrap is not None
            else general_wrap
        )
        for pk, wrap in PersonCall.objects.filter(sheet=before).values_list("engagement_id", "wrap")
    }
    from prodoffice.callsheets.selectors.people import called_rows

    rows = [row for row in called_rows(draft) if row["engagement_pk"] in wraps]
    unions = _unions([row["engagement_pk"] for row in rows])
    out = []
    for row in rows:
        wrap = wraps[row["engagement_pk"]]
        start = calltimes.call_at(
            day, _time(draft["general_call"]), draft["time_zone"], row["offset"]
        )
        rest = calltimes.minutes_between(wrap, start)
        hours, union = _rest_rule(rules, unions.get(row["engagement_pk"], []))
        if rest < hours * 60:
            local = wrap.astimezone(zoneinfo.ZoneInfo(before.time_zone))
            out.append(
                f"{row['name']}: {rest // 60} h {rest % 60:02d} rest since their wrap at "
                f"{local:%H:%M} on {local.date().isoformat()} (at least {hours} h{union})."
            )
    return out


def _unions(engagement_pks: list[int]) -> dict[int, list[str]]:
    """Engagement id -> the unions its person belongs to (one query)."""
    from prodoffice.people.models import UnionMembership

    people = dict(Engagement.objects.filter(pk__in=engagement_pks).values_list("pk", "person_id"))
    cards: dict[int, list[str]] = {}
    for person, union in UnionMembership.objects.filter(
        person_id__in=set(people.values())
    ).values_list("person_id", "union"):
        cards.setdefault(person, []).append(union)
    return {pk: cards.get(person, []) for pk, person in people.items()}


def _rest_rule(rules, unions: list[str]) -> tuple[int, str]:
    """The rest period that applies (the longest of the person's unions' that the production
    names, else the production's own) and the union's name for the warning."""
    from prodoffice.callsheets.services.settings import rest_hours_for

    named = [(rest_hours_for(rules, u), u) for u in unions if _names(rules, u)]
    if not named:
        return rules.rest_hours, ""
    hours, union = max(named)
    return hours, f", {union}"


def _names(rules, union: str) -> bool:
    wanted = union.strip().casefold()
    return any(name.strip().casefold() == wanted for name in (rules.union_rest_hours or {}))


def _time(hhmm: str) -> datetime.time:
    return datetime.time.fromisoformat(hhmm)


def _wrap_at(sheet: CallSheet) -> datetime.datetime:
    """The estimated (general) wrap of a sheet as an instant; a wrap read as earlier than
    general call is the evening's."""
    offset = sheet.snapshot.get("wrap_offset")
    if offset is None and sheet.estimated_wrap:
        offset = calltimes.offset_of(
            sheet.date, sheet.general_call, sheet.time_zone, sheet.estimated_wrap
        )
        if offset < 0:
            offset += 24 * 60
    return calltimes.call_at(sheet.date, sheet.general_call, sheet.time_zone, offset or 12 * 60)


def _late_changes(production, day) -> list[str]:
    rows = PersonCall.objects.filter(
        sheet__production=production,
        sheet__date=day,
        sheet__status=SheetStatus.DRAFT,
        after_cutoff=True,
    ).select_related("engagement__person", "changed_by")
    return [
        f"{row.engagement.person}'s call changed after the cutoff by "
        f"{row.changed_by or 'the system'} at {row.changed_at:%H:%M %d %b} (UTC)."
        for row in rows
    ]


def cutoff_at(sheet: CallSheet, rules) -> datetime.datetime:
    """The evening before at the cutoff time, in the sheet's time zone."""
    before = sheet.date - datetime.timedelta(days=1)
    return calltimes.general_call_at(before, rules.cutoff_time, sheet.time_zone)
