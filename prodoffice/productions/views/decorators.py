"""The /p/<code>/ scope every production page shares, and the office-only guard."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone

from prodoffice.productions.models import Production
from prodoffice.productions.permissions import is_office_or_admin


def production_view(view):
    """Resolve /p/<code>/ among the user's productions (else 404); set request.production.

    The production's time zone is active while the page is made, so forms read and show
    moments in it (a signing deadline typed on a Los Angeles production is Los Angeles time)."""

    @login_required
    @wraps(view)
    def wrapper(request, code: str, *args, **kwargs):
        production = get_object_or_404(Production.objects.for_user(request.user), code=code)
        request.production = production
        with timezone.override(production.time_zone):
            return view(request, production, *args, **kwargs)

    return wrapper


def require_office(user, production) -> None:
    """Refuse (403) anyone but the production's office and site admins."""
    if not is_office_or_admin(user, production):
        raise PermissionDenied("This page is for the production office.")
