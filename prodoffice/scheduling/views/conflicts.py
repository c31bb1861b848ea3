"""The conflicts page: cast and locations booked on days they cannot be there, per board."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from prodoffice.accounts import permissions as perms
from prodoffice.productions.views.decorators import production_view
from prodoffice.scheduling.models import Board
from prodoffice.scheduling.selectors.conflicts import KIND_LABELS, production_conflicts


@production_view
def conflicts_page(request, production):
    """Every board of the production with its conflicts (production-wide roles)."""
    user = request.user
    if not (user.is_superuser or perms.sees_whole_production(user, production.pk)):
        raise PermissionDenied(
            "The schedule is read by the office, department heads and executives."
        )
    boards = Board.objects.for_user(user).in_production(production)
    results = production_conflicts(production, boards=boards)
    context = {
        "nav_active": "conflicts",
        "results": results,
        "total": sum(len(r.conflicts) for r in results),
        "kinds": KIND_LABELS,
    }
    return render(request, "scheduling/conflicts.html", context)
