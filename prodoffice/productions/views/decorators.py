"""The /p/<code>/ scope every production page shares, and the office-only guard."""

from __future__ import annotations

import copy
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from prodoffice.productions.permissions import is_office_or_admin
from prodoffice.productions.selectors import request_productions


def production_view(view):
    """Resolve /p/<code>/ among the user's productions (else 404); set request.production.

    The production's time zone is active while the page is made, so forms read and show
    moments in it (a signing deadline typed on a Los Angeles production is Los Angeles time)."""

    @login_required
    @wraps(view)
    def wrapper(request, code: str, *args, **kwargs):
        found = [p for p in request_productions(request) if p.code == code]
        if not found:
            raise Http404("No production with this code among yours.")
        # The view's own instance: a form that changes it leaves the switcher's list as read.
        production = copy.copy(found[0])
        request.production = production
        with timezone.override(production.time_zone):
            return view(request, production, *args, **kwargs)

    return wrapper


def require_office(user, production) -> None:
    """Refuse (403) anyone but the production's office and site admins."""
    if not is_office_or_admin(user, production):
        raise PermissionDenied("This page is for the production office.")
