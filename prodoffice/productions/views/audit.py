"""The production's audit log page (it lives here, not in audit: it needs the /p/<code>/ scope)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from prodoffice.accounts import permissions as perms
from prodoffice.audit.filters import AuditEventFilter
from prodoffice.audit.models import AuditEvent
from prodoffice.core.views import paginate
from prodoffice.productions.views.decorators import production_view


@production_view
def audit(request, production):
    """The production's audit log for the office, filterable by action."""
    if not perms.can_view_audit(request.user, production.pk) and not request.user.is_superuser:
        raise PermissionDenied("The audit log is for the production office.")
    events = AuditEvent.objects.for_user(request.user).filter(production=production)
    actions = sorted(set(events.values_list("action", flat=True)))
    action = request.GET.get("action", "")
    filtered = AuditEventFilter(request.GET, queryset=events).qs
    page = paginate(request, filtered.select_related("actor"))
    context = {"nav_active": "audit", "page": page, "actions": actions, "action": action}
    return render(request, "productions/audit.html", context)
