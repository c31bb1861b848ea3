"""A production's dashboard: phase, headcount by department, warnings, next meetings, and the
user's own engagement, contracts to sign and next work days."""

from __future__ import annotations

import zoneinfo

from django.shortcuts import render
from django.utils import timezone

from prodoffice.contracts import selectors as contract_selectors
from prodoffice.productions import selectors
from prodoffice.productions.choices import PHASE_TRANSITIONS, Phase
from prodoffice.productions.permissions import is_office_or_admin
from prodoffice.productions.views.decorators import production_view
from prodoffice.scheduling.selectors.work_days import next_work_days

BAR_HEIGHT = 22


def headcount_bars(headcount: list[tuple[str, int]], width: int = 360) -> list[dict]:
    """Bar geometry for the inline SVG headcount chart."""
    top = max((n for _, n in headcount), default=0) or 1
    return [
        {"name": name, "n": n, "y": i * (BAR_HEIGHT + 6), "w": max(2, round(width * n / top))}
        for i, (name, n) in enumerate(headcount)
    ]


def _forward(current: str, target: str) -> bool:
    """A phase change that moves the production on (not back)."""
    order = list(Phase.values)
    return order.index(target) > order.index(current)


def own_work(user, production) -> dict:
    """What concerns the user themself: contracts waiting for their signature, next work days."""
    person = getattr(user, "person", None)
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(production.time_zone))
    return {
        "awaiting": contract_selectors.awaiting_signature(user=user, production=production),
        "work_days": next_work_days(production=production, person=person, today=today),
    }


@production_view
def dashboard(request, production):
    """Phase, headcount by department, unconfirmed people, experience warnings, next meetings;
    for everyone, their own engagement, contracts to sign and next work days."""
    data = selectors.dashboard(user=request.user, production=production)
    bars = headcount_bars(data.headcount)
    phases = sorted(PHASE_TRANSITIONS.get(production.phase, ()), key=list(Phase.values).index)
    context = {
        "nav_active": "dashboard",
        "data": data,
        "bars": bars,
        "chart_height": len(bars) * (BAR_HEIGHT + 6),
        **own_work(request.user, production),
        "next_phases": [(p, Phase(p).label, _forward(production.phase, p)) for p in phases]
        if is_office_or_admin(request.user, production)
        else [],
    }
    return render(request, "web/dashboard.html", context)
