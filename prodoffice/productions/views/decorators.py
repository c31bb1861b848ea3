"""The /p/<code>/ scope every production page shares."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from prodoffice.productions.models import Production


def production_view(view):
    """Resolve /p/<code>/ among the user's productions (else 404); set request.production."""

    @login_required
    @wraps(view)
    def wrapper(request, code: str, *args, **kwargs):
        production = get_object_or_404(Production.objects.for_user(request.user), code=code)
        request.production = production
        return view(request, production, *args, **kwargs)

    return wrapper
