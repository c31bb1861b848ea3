"""What every page of the language desk does first: authorize, and find objects in scope."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from prodoffice.languages.permissions import can_manage_languages, can_view_languages

NAV = "languages"


def require_view(request, production) -> None:
    """Refuse (403) whoever may not read the language desk."""
    if not can_view_languages(request.user, production):
        raise PermissionDenied(
            "The language desk is read by the office, department heads and executives."
        )


def require_manage(request, production) -> None:
    """Refuse (403) whoever may not change the language desk."""
    if not can_manage_languages(request.user, production):
        raise PermissionDenied("Only the production office manages the language desk.")


def scoped(request, production, model, action: str = "view", **lookup):
    """One object of the production as the user may see it (else 404)."""
    return get_object_or_404(
        model.objects.for_user(request.user, action).in_production(production), **lookup
    )


def attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    """A download, never rendered by the browser."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
