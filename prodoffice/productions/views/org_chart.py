"""The production's org chart: the reporting tree of its engagements."""

from __future__ import annotations

from django.shortcuts import render

from prodoffice.productions import selectors
from prodoffice.productions.views.decorators import production_view


@production_view
def org_chart(request, production):
    """The reporting tree, drawn by the server as nested boxes (departments collapsed to their
    heads by the page's script), and the same people by department for print."""
    roots = selectors.org_chart(user=request.user, production=production)
    context = {
        "nav_active": "org",
        "roots": roots,
        "departments": selectors.org_departments(roots),
    }
    return render(request, "productions/org_chart.html", context)
