"""A board as an optimizer problem, a solution as a board, and the two measured side by side.

The problem: the board's scenes (boneyard left out), cast from the Cast Members elements of those
scenes, a daily cost per cast member from the engagement's rate, availability windows from the
engagement dates, days off from the production calendar, sets as locations (a company move per
extra visit), day/night kept apart, a page limit per day. Days are calendar columns as the DOOD
places them (shoot days and the days off between them), so paid days skip weekends and holidays
exactly as the DOOD counts them.

Both the board as it stands and the proposal are measured by the same function on the same
calendar, so the comparison never mixes two cost models.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from string import capwords

from django.core.exceptions import ValidationError

from prodoffice.optimizer.board import BoardProblem, BoardScene, BoardSolution, CastMember
from prodoffice.productions.choices import ProductionType, RateUnit
from prodoffice.scheduling.choices import DayNight
from prodoffice.scheduling.engine.board_ids import board_id_key
from prodoffice.scheduling.engine.categories import CAST
from prodoffice.scheduling.engine.eighths import format_eighths
from prodoffice.scheduling.models import (
    Board,
    DayType,
    ProductionCalendar,
    Scene,
    SceneElement,
    Strip,
    StripKind,
)
from prodoffice.scheduling.selectors.dood import place_on_calendar, shoot_days

#: Pages a day by production type (DOMAIN.md section 4: a feature 3 to 5, TV 6 to 8).
PAGES_PER_DAY = {ProductionType.FEATURE: 5, ProductionType.SERIES: 7}
DEFAULT_PAGES_PER_DAY = 5
#: What a company move costs by default, in the production's currency (configurable per run).
DEFAULT_MOVE_COST = 1000
HOURS_PER_DAY = 10
DAYS_PER_WEEK = 5
MAX_TIME_LIMIT = 3600


def default_settings(production) -> dict:
    """The run settings a form starts from."""
    pages = PAGES_PER_DAY.get(production.kind, DEFAULT_PAGES_PER_DAY)
    return {
        "max_eighths_per_day": pages * 8,
        "company_move_cost": DEFAULT_MOVE_COST,
        "separate_day_night": True,
        "pins": {},
        "precedences": [],
    }


def clean_time_limit(value) -> int:
    """Seconds from 1 to an hour; anything else is refused by name."""
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise ValidationError({"time_limit": f"Give a number of seconds, not {value!r}."}) from None
    if not 0 < seconds <= MAX_TIME_LIMIT or not math.isfinite(seconds):
        raise ValidationError(
            {"time_limit": f"The time limit must be above 0 and at most {MAX_TIME_LIMIT} seconds."}
        )
    return max(1, math.ceil(seconds))


def clean_settings(production, raw: Mapping | None) -> dict:
    """Run settings over the production's defaults; unknown keys and bad values are refused."""
    out = default_settings(production)
    raw = dict(raw or {})
    unknown = sorted(set(raw) - set(out))
    if unknown:
        raise ValidationError({name: "Unknown optimizer setting." for name in unknown})
    out.update(raw)
    errors = {}
    for name, low in (("max_eighths_per_day", 1), ("company_move_cost", 0)):
        value = out[name]
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            errors[name] = f"Give a whole number of at least {low}."
    if not isinstance(out["separate_day_night"], bool):
        errors["separate_day_night"] = "Give true or false."
    pins = out["pins"]
    if not isinstance(pins, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v >= 1
        for k, v in pins.items()
    ):
        errors["pins"] = "Pins map a scene number to a shoot day number (1 or more)."
    pairs = out["precedences"]
    if not isinstance(pairs, list) or not all(
        isinstance(p, list | tuple) and len(p) == 2 and all(isinstance(x, str) for x in p)
        for p in pairs
    ):
        errors["precedences"] = "Precedences are pairs of scene numbers: [before, after]."
    if errors:
        raise ValidationError(errors)
    out["precedences"] = [list(p) for p in pairs]
    return out


@dataclass
class CastInfo:
    """A cast member as the optimizer sees them: problem id, daily cost, how it was derived."""

    id: str
    name: str
    board_id: str
    daily_cost: int


@dataclass
class BoardModel:
    """The problem built from a board, with what is needed to read its answers back."""

    problem: BoardProblem
    scenes: dict[str, Scene]
    cast: list[CastInfo]
    columns: list  # calendar columns (engine.CalendarDay) or None per day when no calendar
    move_cost: int
    currency: str
    warnings: list[str] = field(default_factory=list)

    def shoot_columns(self) -> list[int]:
        """Problem days that are shoot days, in order."""
        return [d for d in range(self.problem.n_days) if d not in self.problem.days_off]


def build_problem(board: Board, settings: Mapping) -> BoardModel:
    """The optimizer problem of a board under cleaned run settings."""
    production = board.production
    scenes = _board_scenes(board)
    if not scenes:
        raise ValidationError({"board": "The board has no scenes to schedule."})
    ids = _scene_ids(scenes)
    warnings: list[str] = []
    cap = settings["max_eighths_per_day"]
    current_days = len(shoot_days(board))
    need = math.ceil(sum(min(s.eighths, cap) for s in scenes) / cap)
    max_pin = max(settings["pins"].values(), default=0)
    base = max(current_days, need)
    n_shoot = max(min(len(scenes), base + max(2, math.ceil(base / 4))), max_pin, current_days)
    columns, days_off = _columns(production, n_shoot, warnings)
    cast, members, links = _cast(production, scenes, columns, warnings)
    by_id = dict(zip(ids, scenes, strict=True))
    shoot_index = [i for i, c in enumerate(columns) if i not in days_off]
    board_scenes = []
    for sid, scene in by_id.items():
        if scene.eighths > cap:
            warnings.append(
                f"scene {scene.number} ({_pages(scene.eighths)}) is longer than a day's maximum "
                f"of {_pages(cap)}, so it gets a day of its own"
            )
        pin = settings["pins"].get(scene.number)
        board_scenes.append(
            BoardScene(
                id=sid,
                cast=frozenset(links.get(scene.pk, ())),
                eighths=min(scene.eighths, cap),
                location=scene.set_name.strip().upper() or None,
                night=scene.day_night == DayNight.NIGHT,
                pinned_day=None if pin is None else shoot_index[pin - 1],
            )
        )
    number_to_id = {scene.number: sid for sid, scene in by_id.items()}
    _check_names(settings, number_to_id)
    locations = {s.location for s in board_scenes if s.location}
    problem = BoardProblem(
        scenes=tuple(board_scenes),
        cast=tuple(members),
        n_days=len(columns),
        days_off=frozenset(days_off),
        max_eighths_per_day=cap,
        location_move_cost={loc: settings["company_move_cost"] for loc in sorted(locations)},
        separate_day_night=settings["separate_day_night"],
        precedences=tuple((number_to_id[a], number_to_id[b]) for a, b in settings["precedences"]),
    )
    return BoardModel(
        problem, by_id, cast, columns, settings["company_move_cost"], production.currency, warnings
    )


def _board_scenes(board: Board) -> list[Scene]:
    """Scenes on the board (not the boneyard) in board order."""
    strips = Strip.objects.filter(board=board, kind=StripKind.SCENE, in_boneyard=False)
    strips = strips.select_related("scene").order_by("position")
    return [strip.scene for strip in strips]


def _scene_ids(scenes: list[Scene]) -> list[str]:
    """Scene numbers as problem ids (readable conflicts); drafts mixed on a board get a suffix."""
    numbers = [s.number for s in scenes]
    return [
        n if numbers.count(n) == 1 else f"{n}#{s.pk}" for n, s in zip(numbers, scenes, strict=True)
    ]


def _check_names(settings: Mapping, number_to_id: Mapping[str, str]) -> None:
    """Pins and precedences may only name scenes on the board."""
    named = set(settings["pins"]) | {x for pair in settings["precedences"] for x in pair}
    unknown = sorted(named - set(number_to_id))
    if unknown:
        raise ValidationError(
            {"pins": f"Not on the board (or in its boneyard): scenes {', '.join(unknown)}."}
        )


def _columns(production, n_shoot: int, warnings: list[str]) -> tuple[list, set[int]]:
    """Calendar columns covering `n_shoot` shoot days, and the indices of the days off."""
    calendar = (
        ProductionCalendar.objects.filter(production=production)
        .prefetch_related("exceptions")
        .first()
    )
    if calendar is None:
        warnings.append(
            "there is no production calendar, so days are counted as consecutive shoot days "
            "and cast engagement dates are not applied"
        )
        return [None] * n_shoot, set()
    columns = place_on_calendar(calendar, n_shoot)
    return columns, {i for i, c in enumerate(columns) if c.type != DayType.SHOOT}


def _cast(production, scenes, columns, warnings):
    """(CastInfo list, optimizer CastMembers, scene pk -> cast ids) from the Cast elements."""
    links = SceneElement.objects.filter(scene__in=scenes, element__category__ucid=CAST)
    links = links.select_related("element__engagement").order_by("element__name")
    by_scene: dict[int, set[str]] = {}
    elements = {}
    for link in links:
        elements[link.element.name] = link.element
        by_scene.setdefault(link.scene_id, set()).add(link.element.name)
    infos, members = [], []
    for name, element in sorted(elements.items(), key=lambda kv: _board_key(kv[1])):
        cost = daily_cost(element, production.currency, columns, warnings)
        infos.append(CastInfo(name, name, element.board_id, cost))
        window = _window(element.engagement, columns)
        members.append(CastMember(name, cost, window))
    return infos, members, by_scene


def cast_name(name: str) -> str:
    """A cast name as a sentence writes it: the script's NORA VANCE becomes Nora Vance."""
    return capwords(name.lower()) if name.isupper() else name


def _pages(eighths: int) -> str:
    """`1 page`, `7 4/8 pages`."""
    return f"{format_eighths(eighths)} {'page' if eighths == 8 else 'pages'}"


def _board_key(element) -> tuple:
    return board_id_key(element.board_id, element.name)


def daily_cost(element, currency: str, columns, warnings: list[str]) -> int:
    """Whole currency units a day from the engagement's rate; 1 (with a warning) when unknown."""
    engagement = element.engagement
    name = cast_name(element.name)
    if engagement is None or engagement.rate is None:
        warnings.append(f"{name} has no rate on file and is counted at 1 {currency} a day")
        return 1
    rate, unit = Decimal(engagement.rate), engagement.rate_unit
    if engagement.currency and engagement.currency != currency:
        warnings.append(
            f"{name}'s rate is in {engagement.currency} and is compared as if it were {currency}"
        )
    if unit == RateUnit.WEEK:
        rate /= DAYS_PER_WEEK
    elif unit == RateUnit.HOUR:
        rate *= HOURS_PER_DAY
        warnings.append(f"{name}'s hourly rate is counted as a {HOURS_PER_DAY}-hour day")
    elif unit in (RateUnit.FLAT, RateUnit.EPISODE):
        days = _guaranteed_days(engagement, columns)
        rate /= days
        label = "per-episode" if unit == RateUnit.EPISODE else "flat"
        warnings.append(f"{name}'s {label} rate is spread over {days} guaranteed days")
    return int(rate.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _guaranteed_days(engagement, columns) -> int:
    """Shoot days within the engagement dates, or every shoot day of the horizon."""
    shoot = [c for c in columns if c is not None and c.type == DayType.SHOOT]
    if engagement.start_date and engagement.end_date and shoot:
        inside = [c for c in shoot if engagement.start_date <= c.date <= engagement.end_date]
        return max(1, len(inside))
    return max(1, len(columns))


def _window(engagement, columns) -> tuple[tuple[int, int], ...]:
    """The engagement dates as a window of problem days; () when open (or no calendar)."""
    if engagement is None or not (engagement.start_date or engagement.end_date):
        return ()
    if not columns or columns[0] is None:
        return ()
    start, end = engagement.start_date, engagement.end_date
    inside = [
        i
        for i, c in enumerate(columns)
        if (start is None or c.date >= start) and (end is None or c.date <= end)
    ]
    if not inside:
        return ((-1, -1),)  # available on no day of the horizon: the precheck reports it
    if len(inside) == len(columns):
        return ()
    return ((inside[0], inside[-1]),)


# --- Measuring a schedule ------------------------------------------------------------------------


def current_days(model: BoardModel, board: Board) -> dict[str, int]:
    """Problem day of every scene as the board stands (its k-th shoot day)."""
    return packed_days(model, _id_days(model, shoot_days(board)))


def _id_days(model: BoardModel, days: list[list[int]]) -> list[list[str]]:
    ids = {scene.pk: sid for sid, scene in model.scenes.items()}
    return [[ids[pk] for pk in day if pk in ids] for day in days]


def packed_days(model: BoardModel, days: list[list[str]]) -> dict[str, int]:
    """Shoot days in board order on the calendar: the k-th list lands on the k-th shoot day."""
    shoot = model.shoot_columns()
    return {sid: shoot[k] for k, day in enumerate(days) for sid in day}


def measure(model: BoardModel, days: Mapping[str, int], off: set[int] | None = None) -> dict:
    """Work, hold and paid days and cost per cast member; company moves; totals."""
    off = model.problem.days_off if off is None else off
    scenes = {s.id: s for s in model.problem.scenes}
    rows = []
    for info in model.cast:
        worked = sorted({days[sid] for sid, s in scenes.items() if info.id in s.cast})
        paid = sum(1 for d in range(worked[0], worked[-1] + 1) if d not in off) if worked else 0
        rows.append(
            {
                "name": info.name,
                "board_id": info.board_id,
                "daily_cost": info.daily_cost,
                "work": len(worked),
                "hold": paid - len(worked),
                "paid": paid,
                "cost": paid * info.daily_cost,
            }
        )
    moves = company_moves(model, days)
    cast_cost = sum(r["cost"] for r in rows)
    return {
        "cast": rows,
        "cast_cost": cast_cost,
        "moves": moves,
        "move_cost": moves * model.move_cost,
        "cost": cast_cost + moves * model.move_cost,
        "days": len(set(days.values())),
    }


def company_moves(model: BoardModel, days: Mapping[str, int]) -> int:
    """Visits to a set beyond its first, over the sequence of shoot days (the optimizer's rule)."""
    shoot = sorted(set(days.values()))
    moves = 0
    for loc in model.problem.location_move_cost:
        used = {days[s.id] for s in model.problem.scenes if s.location == loc}
        runs = sum(
            1 for i, d in enumerate(shoot) if d in used and (i == 0 or shoot[i - 1] not in used)
        )
        moves += max(0, runs - 1)
    return moves


def proposal_days(solution: BoardSolution) -> list[list[str]]:
    """The solution as shoot days (lists of scene ids in shooting order), empty days dropped."""
    by_day: dict[int, list[str]] = {}
    for sid in solution.order:
        by_day.setdefault(solution.days[sid], []).append(sid)
    return [by_day[d] for d in sorted(by_day)]
