"""Production-wide pages: dashboard, phase changes, org chart, audit log, memberships."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from prodoffice.accounts import permissions as perms
from prodoffice.accounts.models import Membership
from prodoffice.audit.models import AuditEvent
from prodoffice.core.views import done, paginate, run_service
from prodoffice.productions import selectors, services
from prodoffice.productions.choices import PHASE_TRANSITIONS, Phase
from prodoffice.productions.forms import MembershipForm, StatusForm
from prodoffice.productions.views.decorators import production_view

BAR_HEIGHT = 22


def _office(user, production) -> bool:
    return user.is_superuser or perms.is_office(user, production.pk)


def _require_office(user, production) -> None:
    if not _office(user, production):
        raise PermissionDenied("This page is for the production office.")


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


@production_view
def dashboard(request, production):
    """Phase, headcount by department, unconfirmed people, experience warnings, next meetings."""
    data = selectors.dashboard(user=request.user, production=production)
    bars = headcount_bars(data.headcount)
    phases = sorted(PHASE_TRANSITIONS.get(production.phase, ()), key=list(Phase.values).index)
    context = {
        "nav_active": "dashboard",
        "data": data,
        "bars": bars,
        "chart_height": len(bars) * (BAR_HEIGHT + 6),
        "sees_headcount": request.user.is_superuser
        or perms.sees_whole_production(request.user, production.pk),
        "next_phases": [(p, Phase(p).label, _forward(production.phase, p)) for p in phases]
        if _office(request.user, production)
        else [],
    }
    return render(request, "web/dashboard.html", context)


@require_POST
@production_view
def set_phase(request, production):
    """Move the production to another phase (office)."""
    form = StatusForm(request.POST)
    url = reverse("web:dashboard", args=[production.code])
    if form.is_valid():
        phase = form.cleaned_data["status"]
        if run_service(
            form,
            lambda: services.production_set_phase(
                actor=request.user, production=production, phase=phase
            ),
        ):
            messages.success(request, f"{production.code} is now in {Phase(phase).label.lower()}.")
            return done(request, url)
    messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return done(request, url)


@production_view
def org_chart(request, production):
    """The reporting tree, drawn by the server as nested boxes."""
    roots = selectors.org_chart(user=request.user, production=production)
    return render(request, "web/org_chart.html", {"nav_active": "org", "roots": roots})


@production_view
def audit(request, production):
    """The production's audit log for the office, filterable by action."""
    if not perms.can_view_audit(request.user, production.pk) and not request.user.is_superuser:
        raise PermissionDenied("The audit log is for the production office.")
    events = AuditEvent.objects.for_user(request.user).filter(production=production)
    actions = sorted(set(events.values_list("action", flat=True)))
    action = request.GET.get("action", "")
    if action:
        events = events.filter(action=action)
    page = paginate(request, events.select_related("actor"))
    context = {"nav_active": "audit", "page": page, "actions": actions, "action": action}
    return render(request, "web/audit.html", context)


@production_view
def members(request, production):
    """Who has which role on the production; the office adds and removes people."""
    _require_office(request.user, production)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = run_service(
            form,
            lambda: services.membership_set(
                actor=request.user,
                production=production,
                user=data["user"],
                role=data["role"],
                department=data["department"],
            ),
        )
        if result:
            messages.success(request, f"{data['user']} is now {result.get_role_display().lower()}.")
            return done(request, reverse("web:members", args=[production.code]))
    rows = (
        Membership.objects.for_user(request.user)
        .filter(production=production)
        .select_related("user", "department")
    )
    status = 422 if form.errors else 200
    return render(
        request,
        "web/members.html",
        {"nav_active": "members", "rows": rows, "form": form},
        status=status,
    )


@require_POST
@production_view
def member_remove(request, production, pk: int):
    """Take a role away."""
    _require_office(request.user, production)
    membership = get_object_or_404(Membership, pk=pk, production=production)
    services.membership_remove(actor=request.user, membership=membership)
    messages.success(request, f"{membership.user} no longer has access to {production.code}.")
    return done(request, reverse("web:members", args=[production.code]))
