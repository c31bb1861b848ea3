"""Template context for the app shell: the current production and the user's productions."""

from __future__ import annotations


def shell(request) -> dict:
    """Productions the user can switch between and the one in view (set by views)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from prodoffice.productions.models import Production

    return {
        "user_productions": Production.objects.for_user(user).only("id", "code", "title", "phase"),
        "current_production": getattr(request, "production", None),
    }
