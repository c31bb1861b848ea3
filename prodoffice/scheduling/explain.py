"""Before and after an optimizer run, side by side, and the same in plain words.

The result is plain JSON (stored on the run, printed by the CLI): both schedules are measured
by `optimizer_adapter.measure` on the same calendar, the lower bound and the proof come from
the solver.
The proposal is measured as its board will stand (shoot days packed onto the calendar), so the
figures shown are the figures the DOOD of the new board gives.
"""

from __future__ import annotations

from prodoffice.optimizer.board import BoardSolution
from prodoffice.scheduling import optimizer_adapter
from prodoffice.scheduling.bounds import bound_figures
from prodoffice.scheduling.engine.eighths import format_eighths
from prodoffice.scheduling.optimizer_adapter import cast_name

#: How many cast members the explanation names for their savings.
TOP_SAVINGS = 3
#: How many names a sentence lists before "and N more".
NAMED = 3


def comparison(model, before_days: dict, solution: BoardSolution, proposal) -> dict:
    """The run's result: figures before and after, per cast member, bound, gap, explanation."""
    before = optimizer_adapter.measure(model, before_days)
    out = {
        "status": solution.status,
        "method": solution.method,
        "seconds": round(solution.seconds, 3),
        "currency": model.currency,
        "before": _totals(before),
        "warnings": list(model.warnings),
        "conflicts": list(solution.conflicts),
    }
    if not solution.days:
        out |= {"cost": None, "lower_bound": None, "gap": None, "proven_optimal": False,
                "bound_useful": False}  # fmt: skip
        out["cast"] = [{**row, "before": _cast(row), "after": None} for row in before["cast"]]
        out["explanation"] = _no_proposal(solution)
        return out
    after_days = optimizer_adapter.packed_days(model, optimizer_adapter.proposal_days(solution))
    after = optimizer_adapter.measure(model, after_days)
    out["warnings"] += _moved_pins(model, after_days)
    proven = solution.status == "optimal" and after["cost"] == solution.cost
    out |= {
        "cost": after["cost"],
        **bound_figures(after["cost"], solution.lower_bound, proven),
        "proven_optimal": proven,
        "after": _totals(after),
        "order": [
            model.scenes[sid].number
            for day in optimizer_adapter.proposal_days(solution)
            for sid in day
        ],
        "board": proposal.name if proposal is not None else None,
        "cast": _cast_rows(before, after),
    }
    out["explanation"] = _explain(model, out, after_days)
    return out


def _moved_pins(model, after_days: dict) -> list[str]:
    """A board has no empty shoot days: a pin after a day the solver left empty moves up."""
    return [
        f"scene {s.id} moves from its pinned shoot day, because the proposal leaves no day empty"
        for s in model.problem.scenes
        if s.pinned_day is not None and after_days[s.id] != s.pinned_day
    ]


def _totals(measured: dict) -> dict:
    keys = ("cost", "cast_cost", "moves", "move_cost", "days")
    return {key: measured[key] for key in keys}


def _cast(row: dict) -> dict:
    return {key: row[key] for key in ("work", "hold", "paid", "cost")}


def _cast_rows(before: dict, after: dict) -> list[dict]:
    rows = []
    for b, a in zip(before["cast"], after["cast"], strict=True):
        rows.append(
            {
                "name": b["name"],
                "board_id": b["board_id"],
                "daily_cost": b["daily_cost"],
                "before": _cast(b),
                "after": _cast(a),
                "saving": b["cost"] - a["cost"],
            }
        )
    return rows


def _money(value: int, currency: str) -> str:
    return f"{value:,} {currency}"


def _plural(count: int, word: str, words: str | None = None) -> str:
    """`1 day`, `3 days`, `no hold days`."""
    if count == 0:
        return f"no {words or word + 's'}"
    return f"{count} {word if count == 1 else words or word + 's'}"


def _names(names: list[str]) -> str:
    """`A`, `A and B`, `A, B and C`, `A, B, C and 4 more`."""
    if len(names) > NAMED + 1:
        names = [*names[:NAMED], f"{len(names) - NAMED} more"]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _no_proposal(solution: BoardSolution) -> list[str]:
    if solution.status == "stopped":
        return ["The run was stopped before it found a schedule; the board is unchanged."]
    if solution.status == "unknown":
        return [
            "No schedule was found within the time limit, so nothing was proposed and the "
            "board is unchanged; a longer time limit may find one."
        ]
    lines = ["No schedule satisfies the constraints as they stand; nothing was proposed."]
    lines += [f"Conflict: {c}." for c in solution.conflicts]
    return lines


def _explain(model, out: dict, after_days: dict) -> list[str]:
    """Plain sentences: the total, the biggest savings, moves, the proof, what binds."""
    cur = out["currency"]
    before, after = out["before"], out["after"]
    saved = before["cost"] - after["cost"]
    lines = []
    if saved > 0:
        share = saved / before["cost"] if before["cost"] else 0
        lines.append(
            f"The proposal costs {_money(after['cost'], cur)} against "
            f"{_money(before['cost'], cur)} for the board as it stands: "
            f"{_money(saved, cur)} less ({share:.0%})."
        )
    elif saved == 0:
        lines.append("The board as it stands already costs what the proposal costs.")
    else:
        lines.append(
            f"The proposal costs {_money(-saved, cur)} more than the board as it stands, which "
            "breaks a rule of this run (page limit, day/night, pins or availability)."
        )
    lines += _savings(out["cast"], cur)
    lines.append(_moves(before["moves"], after["moves"], model.move_cost, cur))
    lines.append(_proof(out, cur))
    lines += _binding(model, after_days)
    lines += [f"Note: {w}." for w in out["warnings"]]
    return lines


def _savings(rows: list[dict], cur: str) -> list[str]:
    best = sorted((r for r in rows if r["saving"] > 0), key=lambda r: -r["saving"])[:TOP_SAVINGS]
    lines = []
    for r in best:
        b, a = r["before"], r["after"]
        holds = ""
        if b["hold"] != a["hold"]:
            holds = f" ({_plural(a['hold'], 'hold day')} instead of {b['hold']})"
        lines.append(
            f"{cast_name(r['name'])} is paid for {_plural(a['paid'], 'day')} instead of "
            f"{b['paid']}{holds}, saving {_money(r['saving'], cur)}."
        )
    worse = [cast_name(r["name"]) for r in rows if r["saving"] < 0]
    if worse:
        verb = "is" if len(worse) == 1 else "are"
        lines.append(f"{_names(worse)} {verb} paid for more days, for the greater saving overall.")
    return lines


def _moves(before: int, after: int, cost: int, cur: str) -> str:
    if after < before:
        return (
            f"Company moves fall from {before} to {after}: {_plural(before - after, 'move')} "
            f"fewer, saving {_money((before - after) * cost, cur)} at {_money(cost, cur)} a move."
        )
    if after == before:
        return f"Company moves stay at {before}, as on the board as it stands."
    return (
        f"Company moves rise from {before} to {after}; the cast savings outweigh them "
        f"at {_money(cost, cur)} a move."
    )


def _proof(out: dict, cur: str) -> str:
    if out["proven_optimal"]:
        return "Proven optimal: no order of these scenes under these rules costs less."
    lower, cost = out["lower_bound"], out["cost"]
    if out.get("bound_useful"):
        return (
            f"Not proven optimal: no schedule under these rules can cost less than "
            f"{_money(lower, cur)} (the lower bound), so the proposal costs at most "
            f"{_money(cost - lower, cur)} more than the best possible ({out['gap']:.1%} of its "
            "cost); a longer time limit may close the gap."
        )
    if lower:
        return (
            "Not proven optimal, and no useful lower bound is known: the solver only proved that "
            f"no schedule costs less than {_money(lower, cur)}, too far below the proposal to say "
            "how close it is to the best possible; a longer time limit may tell."
        )
    return (
        "Not proven optimal, and no lower bound is known: how close the proposal is to the best "
        "possible cannot be said; a longer time limit may tell."
    )


def _binding(model, after_days: dict) -> list[str]:
    """Constraints that shape the proposal: full days, day/night, availability, pins, order."""
    problem = model.problem
    cap = problem.max_eighths_per_day
    load: dict[int, int] = {}
    for s in problem.scenes:
        load[after_days[s.id]] = load.get(after_days[s.id], 0) + s.eighths
    smallest = min(s.eighths for s in problem.scenes)
    full = sum(1 for v in load.values() if cap is not None and v + smallest > cap)
    lines = []
    if full:
        lines.append(
            f"The page limit of {format_eighths(cap)} {'page' if cap == 8 else 'pages'} a day "
            f"fills {full} of the {_plural(len(load), 'shoot day')}: a higher limit could "
            "shorten the shoot."
        )
    nights = {after_days[s.id] for s in problem.scenes if s.night}
    if problem.separate_day_night and nights and len(nights) < len(load):
        lines.append(
            f"Day and night scenes are kept on separate days "
            f"({_plural(len(nights), 'night shoot day')})."
        )
    limited = [cast_name(c.id) for c in problem.cast if c.available]
    if limited:
        lines.append(f"Engagement dates limit the days {_names(limited)} can work.")
    pins = [s.id for s in problem.scenes if s.pinned_day is not None]
    if pins:
        scenes = f"Scene {pins[0]} stays" if len(pins) == 1 else f"Scenes {_names(pins)} stay"
        lines.append(f"{scenes} on the shoot day asked for.")
    if problem.precedences:
        pairs = [f"scene {a} no later than scene {b}" for a, b in problem.precedences]
        lines.append(f"Shot in the order asked: {_names(pairs)}.")
    return lines
