"""Readiness of every location on every day of a board: ready, at risk or not ready, and why.

PUBLIC INTERFACE (call sheets code against it): `readiness_for_day`, `readiness_for_board` and
`LocationReadiness`. The work is split in two: `load_needs` and `load_documents` read the rows in
a constant number of queries whatever the board's size, and `evaluate` is a pure function over
them (benchmarked against the floor of one query plus a pure pass, benchmarks/readiness.py).

A day at a location needs (DOMAIN.md section 3):
- an approved location agreement in force that day;
- a valid certificate of insurance for the location (or for the whole production) meeting the
  permit office's limit and additional-insured wording;
- at a practical location, an approved film permit covering filming that date and those hours;
  on any location, a permit covering each further activity (drone, pyrotechnics, ...);
- with minors on set, an approved minor's work permit that date.
A piece that is missing, denied, withdrawn, expired or does not cover the day makes the day
**not ready**; a piece still being obtained (needed or applied), or valid but expiring within
`PRODOFFICE_READINESS_WARN_DAYS` days of today, makes it **at risk**; otherwise it is **ready**.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from prodoffice.locations.choices import (
    Activity,
    DayKind,
    DocumentKind,
    DocumentStatus,
    LocationType,
)
from prodoffice.locations.models import (
    Document,
    Location,
    LocationDay,
    SetLocation,
    normalise_set_name,
)
from prodoffice.locations.rules import day_label, is_valid, why_not_valid
from prodoffice.scheduling.models import Board, DayType, Scene, SceneElement
from prodoffice.scheduling.selectors.dood import board_calendar, place_on_calendar, shoot_days

READY, AT_RISK, NOT_READY = "ready", "at_risk", "not_ready"
STATUS_LABELS = {READY: "Ready", AT_RISK: "At risk", NOT_READY: "Not ready"}
#: Breakdown categories (by UCID) whose elements mean an activity needs a permit.
ACTIVITY_BY_CATEGORY = {
    105: Activity.PYROTECHNICS,
    108: Activity.ANIMALS,
    120: Activity.PYROTECHNICS,
}
_OK, _RISK, _MISSING = 0, 1, 2


@dataclass(frozen=True)
class LocationReadiness:
    """A location on a date: ready, at_risk or not_ready, with the missing pieces in words."""

    date: datetime.date
    location: Location
    status: str
    missing: list[str] = field(default_factory=list)
    kind: str = DayKind.SHOOT
    #: (document kind, sentence) of each piece with no document at all, for the due list.
    gaps: tuple = ()

    def as_dict(self) -> dict:
        """The CLI's and API's JSON shape."""
        return {
            "date": self.date.isoformat(),
            "location": str(self.location),
            "status": self.status,
            "missing": list(self.missing),
        }

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class Need:
    """A location used on a date: the kind of day, the hours and the activities."""

    date: datetime.date
    location: Location
    kind: str = DayKind.SHOOT
    start: datetime.time | None = None
    end: datetime.time | None = None
    activities: frozenset[str] = frozenset({Activity.FILMING})


# --- the pure part -------------------------------------------------------------------------


def evaluate(needs, documents, *, today: datetime.date, warn_days: int) -> list[LocationReadiness]:
    """Readiness of each need from the production's documents (each with `dep_ids`)."""
    index = {doc.pk: doc for doc in documents}
    by_location: dict[int | None, list] = defaultdict(list)
    for doc in documents:
        by_location[doc.location_id].append(doc)
    horizon = today + datetime.timedelta(days=warn_days)
    out = []
    for need in needs:
        checks = _requirements(need, by_location[need.location.pk], by_location[None])
        found = [(kind, *check(index, today, horizon)) for kind, check in checks]
        worst = max((state for _, state, _ in found), default=_OK)
        status = (READY, AT_RISK, NOT_READY)[worst]
        missing = [text for _, state, text in found if state != _OK]
        gaps = tuple((kind, text) for kind, state, text in found if text.startswith("No "))
        out.append(LocationReadiness(need.date, need.location, status, missing, need.kind, gaps))
    return out


def _requirements(need: Need, here: list, everywhere: list):
    """One check per piece the day needs."""
    place = need.location
    coi = [d for d in here + everywhere if d.kind == DocumentKind.COI]
    agreements = _of(here, DocumentKind.LOCATION_AGREEMENT)
    checks = [
        (DocumentKind.LOCATION_AGREEMENT, _piece("location agreement", agreements, need)),
        (
            DocumentKind.COI,
            _piece("certificate of insurance", coi, need, insurance=place.permit_office),
        ),
    ]
    permit_needed = set(need.activities) - {Activity.MINORS}
    if place.kind != LocationType.PRACTICAL or need.kind != DayKind.SHOOT:
        permit_needed.discard(Activity.FILMING)
    permits = _of(here, DocumentKind.FILM_PERMIT)
    for activity in sorted(permit_needed):
        covering = [p for p in permits if activity in (p.activities or [])]
        label = f"film permit covering {Activity(activity).label.lower()}"
        checks.append((DocumentKind.FILM_PERMIT, _piece(label, covering, need, hours=True)))
    if Activity.MINORS in need.activities:
        minors = _of(here + everywhere, DocumentKind.MINOR_PERMIT)
        checks.append((DocumentKind.MINOR_PERMIT, _piece("minor's work permit", minors, need)))
    return checks


def _of(documents: list, kind: str) -> list:
    return [d for d in documents if d.kind == kind]


def _piece(label: str, candidates: list, need: Need, *, hours: bool = False, insurance=None):
    """A check: the best state among the candidates for this piece, with its sentence."""

    def check(index, today, horizon):
        span = (need.start, need.end) if hours else (None, None)
        valid = [
            doc
            for doc in candidates
            if is_valid(doc, need.date, documents=index, hours=span)
            and not _insurance_shortfall(doc, insurance)
        ]
        where = f"{need.location} on {day_label(need.date)}"
        if valid:
            return _expiry_risk(valid, label, where, today, horizon)
        # Words only for what is shown: the first candidate's reason (the slow path).
        reasons = [
            why_not_valid(doc, need.date, documents=index, hours=span)
            or _insurance_shortfall(doc, insurance)
            for doc in candidates[:1]
        ]
        pending = [
            d for d in candidates if d.status in (DocumentStatus.NEEDED, DocumentStatus.APPLIED)
        ]
        if pending:
            return _RISK, _pending_text(pending[0], label, where, today)
        if reasons:
            return _MISSING, f"The {label} for {where} is not valid: {reasons[0]}."
        return _MISSING, f"No {label} for {where}."

    return check


def _expiry_risk(valid: list, label: str, where: str, today, horizon):
    """Fine, unless even the longest-lasting valid document expires within the warning days."""
    best = max(valid, key=lambda d: d.expiry_date or datetime.date.max)
    if best.expiry_date and best.expiry_date <= horizon:
        return _RISK, f"The {label} for {where} expires on {day_label(best.expiry_date)}."
    return _OK, ""


def _pending_text(doc, label: str, where: str, today) -> str:
    """A piece still being obtained: where it stands and its apply-by date."""
    if doc.status == DocumentStatus.APPLIED:
        return f"The {label} for {where} is applied for, awaiting approval."
    if doc.apply_by and doc.apply_by < today:
        passed = day_label(doc.apply_by)
        return f"The {label} for {where} is not applied for; the apply-by date {passed} passed."
    by = f" (apply by {day_label(doc.apply_by)})" if doc.apply_by else ""
    return f"The {label} for {where} is still needed{by}."


def _insurance_shortfall(doc, rule) -> str | None:
    """A certificate below the permit office's limit or without its wording."""
    if rule is None or doc.kind != DocumentKind.COI:
        return None
    name = f"certificate \u201c{doc.title}\u201d"
    if rule.required_limit is not None and (doc.insurance_limit or 0) < rule.required_limit:
        return f"{name} is below the {rule.required_limit} {rule.currency} {rule} requires"
    wording = " ".join(rule.required_wording.split()).casefold()
    if wording and wording not in " ".join(doc.insured_wording.split()).casefold():
        return f"{name} lacks the additional-insured wording {rule} requires"
    return None


# --- loading the rows ----------------------------------------------------------------------


def working_board(production) -> Board | None:
    """The production's working board (as scheduling marks it)."""
    return Board.objects.filter(production=production, is_working=True).first()


def board_named(production, name: str) -> Board | None:
    """One of the production's boards by its name."""
    return Board.objects.filter(production=production, name=name).first()


def board_by_id(production, public_id) -> Board | None:
    """One of the production's boards by its public id."""
    return Board.objects.filter(production=production, public_id=public_id).first()


def load_needs(*, production, board=None, start=None, end=None, scene_days=None) -> list[Need]:
    """Every location-day of the board (scenes' sets on their shoot dates) and every recorded
    prep, shoot or strike day, between `start` and `end` (inclusive, None: unbounded).
    `scene_days`: the board's scene dates when the caller has them already."""
    board = board or working_board(production)
    if scene_days is None:
        scene_days = _scene_dates(board) if board is not None else {}
    scenes = Scene.objects.filter(pk__in=list(scene_days)).only("id", "set_name")
    activities = _scene_activities(list(scene_days))
    mapping = {
        m.set_name: m.location
        for m in SetLocation.objects.filter(production=production).select_related(
            "location__permit_office"
        )
    }
    wanted: dict[tuple, set] = defaultdict(set)
    places: dict[int, Location] = {}
    for scene in scenes:
        location = mapping.get(normalise_set_name(scene.set_name))
        if location is not None:
            places[location.pk] = location
            wanted[(scene_days[scene.pk], location.pk)] |= activities[scene.pk]
    return _with_recorded_days(production, wanted, places, start, end)


def _with_recorded_days(production, wanted, places, start, end) -> list[Need]:
    """Scene needs merged with the recorded location days (their hours and activities)."""
    recorded = {
        (day.date, day.location_id): day
        for day in LocationDay.objects.filter(location__production=production).select_related(
            "location__permit_office"
        )
    }
    for (date, location_id), day in recorded.items():
        places.setdefault(location_id, day.location)
        wanted.setdefault((date, location_id), set())
    needs = []
    for (date, location_id), activities in wanted.items():
        if (start and date < start) or (end and date > end):
            continue
        day = recorded.get((date, location_id))
        kind = day.kind if day else DayKind.SHOOT
        extra = set(day.activities) if day else set()
        filming = {Activity.FILMING} if kind == DayKind.SHOOT else set()
        needs.append(
            Need(
                date,
                places[location_id],
                kind,
                day.start_time if day else None,
                day.end_time if day else None,
                frozenset(activities | extra | filming),
            )
        )
    return sorted(needs, key=lambda n: (n.date, n.location.name.casefold()))


def _scene_dates(board: Board) -> dict[int, datetime.date]:
    """Scene id -> shoot date on the production calendar ({} without a calendar)."""
    days = shoot_days(board)
    if not days:
        return {}
    try:
        columns = place_on_calendar(board_calendar(board), len(days))
    except ValidationError:
        return {}
    dates = [c.date for c in columns if c.type == DayType.SHOOT]
    return {scene_id: date for scenes, date in zip(days, dates, strict=True) for scene_id in scenes}


def _scene_activities(scene_ids: list[int]) -> dict[int, set[str]]:
    """Activities each scene's breakdown implies (animals, special effects ...)."""
    out: dict[int, set[str]] = defaultdict(set)
    rows = SceneElement.objects.filter(
        scene_id__in=scene_ids, element__category__ucid__in=list(ACTIVITY_BY_CATEGORY)
    ).values_list("scene_id", "element__category__ucid")
    for scene_id, ucid in rows:
        out[scene_id].add(ACTIVITY_BY_CATEGORY[ucid])
    return out


def load_documents(production, location=None) -> list[Document]:
    """The production's documents that can count for readiness, each with `dep_ids` (with a
    location: its own and the production-wide ones, and whatever those depend on)."""
    through = Document.depends_on.through
    deps: dict[int, list[int]] = defaultdict(list)
    links = through.objects.filter(from_document__production=production)
    for source, target in links.values_list("from_document_id", "to_document_id"):
        deps[source].append(target)
    rows = Document.objects.filter(production=production).exclude(
        kind__in=[DocumentKind.RELEASE, DocumentKind.CLEARANCE]
    )
    if location is not None:
        rows = rows.filter(Q(location=location) | Q(location__isnull=True))
    documents = list(rows)
    documents += _missing_dependencies(documents, deps)
    for doc in documents:
        doc.dep_ids = deps[doc.pk]
    return documents


def _missing_dependencies(documents, deps) -> list[Document]:
    """Documents depended on but not loaded yet (another location's certificate ...)."""
    loaded, out = {d.pk for d in documents}, []
    wanted = {t for d in documents for t in deps[d.pk]} - loaded
    for _ in range(8):  # chains are short; cycles are refused when linking
        if not wanted:
            break
        found = list(Document.objects.filter(pk__in=wanted))
        out += found
        loaded |= {d.pk for d in found}
        wanted = {t for d in found for t in deps[d.pk]} - loaded
    return out


def warn_days() -> int:
    """Days before expiry from which a valid document puts its days at risk."""
    return int(getattr(settings, "PRODOFFICE_READINESS_WARN_DAYS", 14))


def readiness_by_scene(
    *, production, board, scene_days: dict[int, datetime.date] | None = None
) -> dict[int, LocationReadiness]:
    """Each scheduled scene's location-day readiness, for the flags on the board's strips.

    Drawn on every stripboard load, so it reads only what the flags need: nothing more than
    the set mapping while no set is on a location, and the board's scene dates once (none
    when the page passes them in `scene_days`, from the sheet it drew)."""
    mapping = dict(
        SetLocation.objects.filter(production=production).values_list("set_name", "location_id")
    )
    if not mapping:  # no set is on a location yet: no strip has a location-day to flag
        return {}
    if scene_days is None:
        scene_days = _scene_dates(board)
    if not scene_days:
        return {}
    needs = load_needs(production=production, board=board, scene_days=scene_days)
    if not needs:
        return {}
    documents = load_documents(production)
    rows = {
        (row.date, row.location.pk): row
        for row in evaluate(needs, documents, today=timezone.localdate(), warn_days=warn_days())
    }
    out = {}
    scenes = Scene.objects.filter(pk__in=list(scene_days)).values_list("pk", "set_name")
    for pk, set_name in scenes:
        row = rows.get((scene_days[pk], mapping.get(normalise_set_name(set_name))))
        if row is not None:
            out[pk] = row
    return out


# --- the public interface ------------------------------------------------------------------


def readiness_for_board(*, production, board=None, start=None, end=None) -> list[LocationReadiness]:
    """Readiness of every location-day of the board (None: the working board), by date."""
    needs = load_needs(production=production, board=board, start=start, end=end)
    if not needs:
        return []
    documents = load_documents(production)
    return evaluate(needs, documents, today=timezone.localdate(), warn_days=warn_days())


def readiness_for_location(*, production, location, board=None) -> list[LocationReadiness]:
    """Readiness of one location on every day of the board (after one of its documents
    changed: the other locations' answers do not move)."""
    needs = [
        n for n in load_needs(production=production, board=board) if n.location.pk == location.pk
    ]
    if not needs:
        return []
    documents = load_documents(production, location=location)
    return evaluate(needs, documents, today=timezone.localdate(), warn_days=warn_days())


def readiness_for_day(*, production, day: datetime.date, board=None) -> list[LocationReadiness]:
    """Readiness of every location used on one day (for the call sheet of that day)."""
    return readiness_for_board(production=production, board=board, start=day, end=day)


def minor_permit_status(*, production, person, day: datetime.date) -> str:
    """A minor's work permit on a day, for the call sheet's gate: "valid" when an approved permit
    naming the person covers the day (its workers' compensation policy valid too), "missing" when
    none names them, else why the best one is not valid, in words."""
    documents = {doc.pk: doc for doc in load_documents(production)}
    permits = [
        doc
        for doc in documents.values()
        if doc.kind == DocumentKind.MINOR_PERMIT and doc.person_id == person.pk
    ]
    if not permits:
        return "missing"
    reasons = [why_not_valid(doc, day, documents=documents) for doc in permits]
    if any(reason is None for reason in reasons):
        return "valid"
    return f"not valid ({reasons[0][0].lower()}{reasons[0][1:]})"


def set_shoot_days(production, board=None) -> dict[str, int]:
    """Set name (normalised) -> how many distinct shoot dates its scenes take on the board
    (default: the working board); sets not on the board are absent."""
    board = board or working_board(production)
    if board is None:
        return {}
    scene_days = _scene_dates(board)
    dates: dict[str, set] = defaultdict(set)
    for pk, set_name in Scene.objects.filter(pk__in=list(scene_days)).values_list("pk", "set_name"):
        dates[normalise_set_name(set_name)].add(scene_days[pk])
    return {name: len(days) for name, days in dates.items()}
