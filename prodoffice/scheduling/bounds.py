"""The optimizer's lower bound as every surface shows it (web, API, CLI, optimize-file).

A bound is valid for the problem as posed: never negative, never above the cost shown. A bound
of zero, or one so far below the cost that the gap says nothing, is no useful bound: the
surfaces say so in words instead of printing a gap of most of the cost. No Django import:
`optimize-file` uses it without loading the project.
"""

from __future__ import annotations

#: A lower bound this far below the cost (as a share of the cost) says nothing useful about how
#: close the proposal is to the best: the surfaces say so in words instead of a gap.
USEFUL_GAP = 0.5


def bound_figures(cost: int, lower_bound: int, proven: bool) -> dict:
    """The bound as every surface shows it: valid for the problem as posed (0 <= bound <= cost),
    the gap as a share of the cost, None when the bound is no use (zero, or too far below)."""
    if proven:  # the best possible is the cost itself
        return {"lower_bound": cost, "gap": 0.0, "bound_useful": True}
    lower = max(0, min(lower_bound, cost))
    gap = round((cost - lower) / cost, 4) if cost else 0.0
    useful = cost == 0 or (lower > 0 and gap <= USEFUL_GAP)
    return {"lower_bound": lower, "gap": gap if useful else None, "bound_useful": useful}


def bound_words(result: dict) -> str:
    """The bound in words for the CLI and the web page: a figure only when it means something.
    Worked out again from cost, bound and proof, so results stored by older versions read the
    same way."""
    if result.get("cost") is None or result.get("lower_bound") is None:
        return "none: there is no proposal"
    cost, proven = result["cost"], bool(result.get("proven_optimal"))
    figures = bound_figures(cost, result["lower_bound"], proven)
    lower = figures["lower_bound"]
    cur = result.get("currency", "")
    unit = f" {cur}" if cur else ""
    if proven:
        return f"{lower:,}{unit}, equal to the cost: proven optimal"
    if figures["bound_useful"]:
        return (
            f"{lower:,}{unit} (gap {figures['gap']:.1%}: the proposal costs at most "
            f"{cost - lower:,}{unit} more than the best possible)"
        )
    if lower:
        return (
            f"no useful bound known (the solver only proved {lower:,}{unit}, too far below "
            "the cost to say how close the proposal is to the best)"
        )
    return "no useful bound known (how close the proposal is to the best cannot be said)"
