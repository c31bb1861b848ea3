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
from prodoffice.scheduling.engine.eighths import format_eighths

#: How many cast members the explanation names for their savings.
TOP_SAVINGS = 3


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
        out |= {"cost": None, "lower_bound": None, "gap": None, "proven_optimal": False}
        out["cast"] = [{**row, "before": _cast(row), "after": None} for row in before["cast"]]
        out["explanation"] = _no_proposal(solution)
        return out
    after_days = optimizer_adapter.packed_days(model, optimizer_adapter.proposal_days(solution))
    after = optimizer_adapter.measure(model, after_days)
    out["warnings"] += _moved_pins(model, after_days)
    proven = solution.status == "optimal" and after["cost"] == solution.cost
    lower = min(solution.lower_bound, after["cost"])
    out |= {
        "cost": after["cost"],
        "lower_bound": lower,
        "gap": 0.0
        if proven or not after["cost"]
        else round((after["cost"] - lower) / after["cost"], 4),
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
        f"scene {s.id} moves from its pinned shoot day: the proposal leaves no day empty"
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


def _no_proposal(solution: BoardSolution) -> list[str]:
    if solution.status == "stopped":
        return ["The run was stopped before it found a schedule; the board is unchanged."]
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
        holds = f" ({b['hold']} hold days become {a['hold']})" if b["hold"] != a["hold"] else ""
        lines.append(
            f"{r['name']}: {b['paid']} paid days become {a['paid']}{holds}, "
            f"saving {_money(r['saving'], cur)}."
        )
    worse = [r["name"] for r in rows if r["saving"] < 0]
    if worse:
        lines.append(f"Paid a little longer for the greater saving: {', '.join(worse)}.")
    return lines


def _moves(before: int, after: int, cost: int, cur: str) -> str:
    if after < before:
        return (
            f"Company moves: {before} before, {after} after: {before - after} saved "
            f"({_money((before - after) * cost, cur)} at {_money(cost, cur)} a move)."
        )
    return f"Company moves: {before} before, {after} after."


def _proof(out: dict, cur: str) -> str:
    if out["proven_optimal"]:
        return "Proven optimal: no order of these scenes under these rules costs less."
    return (
        f"Not proven optimal: no schedule can cost less than {_money(out['lower_bound'], cur)} "
        f"(the lower bound), so the proposal is at most {out['gap']:.1%} above the best possible; "
        "a longer time limit may close the gap."
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
            f"The page limit ({format_eighths(cap)} {'page' if cap == 8 else 'pages'} a day) "
            f"fills {full} of "
            f"{len(load)} shoot days: a higher limit could shorten the shoot."
        )
    nights = {after_days[s.id] for s in problem.scenes if s.night}
    if problem.separate_day_night and nights and len(nights) < len(load):
        lines.append(
            f"Day and night scenes are kept on separate days ({len(nights)} night shoot days)."
        )
    limited = [c.id for c in problem.cast if c.available]
    if limited:
        lines.append(f"Availability dates bound where {', '.join(limited)} can work.")
    pins = [s.id for s in problem.scenes if s.pinned_day is not None]
    if pins:
        lines.append(f"Pinned to their days: scenes {', '.join(pins)}.")
    if problem.precedences:
        pairs = ", ".join(f"{a} before {b}" for a, b in problem.precedences)
        lines.append(f"Shot in the order asked: {pairs}.")
    return lines
